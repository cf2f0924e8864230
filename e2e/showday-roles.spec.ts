import { expect, test } from './studio-fixture';
import { call } from './overlay-helpers';

/** Role views for the headless console's access links: prompter and guest follow GO, and offer no controls. */
test('prompter and guest views follow the cues within a second and offer no control', async ({
  page,
  browser,
  studio,
}) => {
  const product = async (nameZh: string, sellingPoints: string) =>
    (
      await call(studio, 'shelf.create', {
        product: {
          nameZh,
          sellingPoints,
          listPriceFen: 6990,
          livePriceFen: 4990,
          stock: 120,
          status: 'ready',
        },
      })
    ).product;
  const dates = await product('和田大枣', '个大肉厚\n沙漠玉枣');
  const walnuts = await product('和田薄皮核桃', '手捏即开');
  const show = await call(studio, 'shows.create', { title: '和田专场', showDate: '2026-11-21' });
  const guestSlot = await call(studio, 'rundown.addSlot', {
    showId: show.id,
    productId: dates.id,
    presenterName: '阿依古丽',
    presenterTitle: '副县长',
    presenterCounty: '于田县',
  });
  const anchorSlot = await call(studio, 'rundown.addSlot', {
    showId: show.id,
    productId: walnuts.id,
    presenterName: '小雅',
  });
  await call(studio, 'show.select', { showId: show.id });

  const prompterLink = await call(studio, 'access.createRoleLink', { role: 'prompter', label: '提词' });
  const guestLink = await call(studio, 'access.createRoleLink', { role: 'guest', label: '阿依古丽' });
  const remote = await browser.newContext();
  const prompter = await remote.newPage();
  await prompter.goto(prompterLink.url);
  const guest = await remote.newPage();
  await guest.goto(guestLink.url);
  await expect(prompter.getByTestId('prompter')).toContainText('还没有商品在播');
  await expect(guest.getByTestId('guest-slot')).toHaveCount(1);
  await expect(guest.getByTestId('guest-slot')).toContainText('和田大枣');
  await expect(guest.getByTestId('guest-live')).toHaveCount(0);

  // GO the guest's cue, as a Stream Deck would.
  await call(studio, 'show.go', { slotId: guestSlot.id });
  await expect(prompter.getByTestId('prompter-product')).toHaveText('和田大枣', { timeout: 1000 });
  await expect(prompter.getByTestId('prompter-points')).toContainText('沙漠玉枣');
  await expect(prompter.getByTestId('prompter-price')).toContainText('49.90');
  await expect(prompter.getByTestId('prompter-next')).toContainText('和田薄皮核桃');
  await expect(guest.getByTestId('guest-live')).toBeVisible({ timeout: 1000 });
  await expect(guest.getByTestId('guest-lower-third')).toContainText('于田县');

  // The operator moves on from the Show page with the keyboard.
  await page.goto(studio.url);
  await page.getByTestId('nav-show').click();
  await expect(page.locator('[data-testid=cue-row][data-standby]')).toHaveAttribute(
    'data-slot-id',
    String(anchorSlot.id),
  );
  await page.locator('body').press('Space');
  await expect(prompter.getByTestId('prompter-product')).toHaveText('和田薄皮核桃', { timeout: 1000 });
  await expect(guest.getByTestId('guest-live')).toHaveCount(0, { timeout: 1000 });

  // Read-only views offer no buttons at all, and the core refuses their control calls.
  for (const view of [prompter, guest]) {
    await expect(view.getByRole('button')).toHaveCount(0);
    const status = await view.evaluate(
      async () => (await fetch('/api/v1/show.clearOverlays', { method: 'POST', body: '{}' })).status,
    );
    expect(status).toBe(403);
  }
  await remote.close();
});
