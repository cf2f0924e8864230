import { expect, test } from './studio-fixture';
import { call, seedShelf } from './overlay-helpers';

/**
 * The price guard: while a show is open, a suspicious price (a dropped zero) is changed only when
 * the operator types it a second time; the standby cue then warns until the price is checked, and
 * the report lists the change with who, from where, old and new.
 */
test.describe('price guard', () => {
  test('a dropped zero during the show needs the price typed again, warns before GO and is in the report', async ({
    page,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    await call(studio, 'show.select', { showId: ids.showId, obsInstanceId: null });
    await call(studio, 'show.go', {});

    await page.goto(studio.url);
    await page.getByTestId('nav-shelf').click();
    await page.getByTestId('shelf-row-name').filter({ hasText: '墨玉薄皮核桃' }).click();
    await page.getByTestId('form-livePrice').fill('2.99');
    await page.getByTestId('form-save').click();
    const confirm = page.getByTestId('price-confirm');
    await expect(confirm).toContainText('29.90');
    await expect(confirm).toContainText('2.99');
    // Why, in the operator's words: a dropped zero (and more than half off, under 10 % of list).
    await expect(confirm.getByRole('alert')).toContainText('少了或多了一个零');
    await expect(confirm).not.toContainText('$t(');
    // Nothing is changed until it is typed again, identically.
    expect((await call(studio, 'shelf.get', { id: ids.walnut })).product.livePriceFen).toBe(2990);
    await page.getByTestId('price-confirm-input').fill('29.9');
    await expect(page.getByTestId('price-confirm-ok')).toBeDisabled();
    await page.getByTestId('price-confirm-input').fill('2.99');
    await page.getByTestId('price-confirm-ok').click();
    await expect(page.getByTestId('product-form')).toHaveCount(0);
    expect((await call(studio, 'shelf.get', { id: ids.walnut })).product.livePriceFen).toBe(299);

    // The walnut cue warns before GO until the operator has checked the new price.
    await page.getByTestId('nav-show').click();
    const walnutSlot = (await call(studio, 'rundown.get', { showId: ids.showId })).slots[2]!;
    await call(studio, 'show.standby', { slotId: walnutSlot.id });
    const warning = page.getByTestId('cue-warnings').locator('[data-code=price_changed]');
    await expect(warning).toContainText('墨玉薄皮核桃');
    await warning.getByTestId('ack-price').click();
    await expect(warning).toHaveCount(0);

    await page.getByTestId('nav-report').click();
    await page.getByTestId('report-show').selectOption(String(ids.showId));
    const row = page.getByTestId('report-prices').locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('墨玉薄皮核桃');
    await expect(row).toContainText('29.90');
    await expect(row).toContainText('2.99');
  });
});
