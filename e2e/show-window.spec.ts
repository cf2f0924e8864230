import { startDemoStudio } from './figures-helpers';
import { expect, stopStudio, test, type StudioHandle } from './studio-fixture';
import { call } from './overlay-helpers';
import { ledgerTotals } from './showday-helpers';
import { fromBeijingInput, toBeijingInput } from '../src/shared/time/beijing';

/**
 * The demo tour: the console in demo mode (simulated Kuaishou and Douyin shops selling from the
 * demo shelf). The demo show is on air from the moment the demo loads, so the orders the Orders
 * page lists count in its Dashboard, big screen, data desk and Report; its on-air window is shown
 * and edited on the Show page, and the figures follow the window.
 */
test.describe('show on-air window, demo tour', () => {
  let studio: StudioHandle;

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    process.env.SHELFCAST_OVERLAY_PORT = '0';
    studio = await startDemoStudio();
  });

  test.afterAll(async () => {
    if (studio) await stopStudio(studio);
  });

  test('the demo show counts the orders sold while it is on air, everywhere its figures show', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const [demo] = await call(studio, 'shows.list', {});
    const state = await call(studio, 'show.state', {});
    expect(state.showId).toBe(demo!.id);
    expect(state.onAirFrom).not.toBeNull();
    expect(state.onAirTo).toBeNull();

    // Orders arrive in the ledger and in the demo show.
    await expect.poll(() => ledgerTotals(studio, demo!.id).orders, { timeout: 30_000 }).toBeGreaterThan(0);

    // Dashboard, then its big-screen mode.
    await page.goto(studio.url);
    await page.getByTestId('nav-dashboard').click();
    await expect(page.getByTestId('dash-show')).toHaveValue(String(demo!.id));
    const tile = page.getByTestId('tile-orders');
    await expect.poll(async () => Number(await tile.getAttribute('data-value'))).toBeGreaterThan(0);
    await page.getByTestId('dash-big').click();
    await expect(page.getByTestId('dashboard')).toHaveClass(/dash-big/);
    await expect.poll(async () => Number(await tile.getAttribute('data-value'))).toBeGreaterThan(0);
    // Big-screen mode has no controls: Esc leaves it.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('dashboard')).not.toHaveClass(/dash-big/);

    // The data desk, on its own link.
    const deskLink = await call(studio, 'access.createRoleLink', { role: 'datadesk', label: '数据台' });
    const remote = await browser.newContext();
    const desk = await remote.newPage();
    await desk.goto(deskLink.url);
    const deskTile = desk.getByTestId('tile-orders');
    await expect.poll(async () => Number(await deskTile.getAttribute('data-value'))).toBeGreaterThan(0);
    await remote.close();

    // The Orders page: re-read the last hour of a simulated shop; its progress shows until done.
    await page.getByTestId('nav-orders').click();
    const shop = page
      .locator('[data-testid^=shop-]')
      .filter({ has: page.getByTestId('shop-backfill') })
      .first();
    await shop.getByTestId('shop-backfill-open').click();
    const now = Date.now();
    await shop.getByTestId('shop-backfill-from').fill(toBeijingInput(now - 3_600_000));
    await shop.getByTestId('shop-backfill-to').fill(toBeijingInput(now + 60_000));
    await shop.getByTestId('shop-backfill-start').click();
    await expect(shop.getByTestId('shop-backfill-progress')).toHaveAttribute('data-state', 'done', {
      timeout: 30_000,
    });

    // The Show page: on air since the demo loaded; end the show, and its window closes.
    for (const s of (await call(studio, 'shops.list', {})).shops)
      await call(studio, 'shops.setEnabled', { id: s.id, enabled: false });
    await page.getByTestId('nav-show').click();
    await expect(page.getByTestId('show-window-status')).toHaveAttribute('data-state', 'open');
    await expect(page.getByTestId('show-start')).toBeDisabled();
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('show-end').click();
    await expect(page.getByTestId('show-window-status')).toHaveAttribute('data-state', 'closed');
    await expect(page.getByTestId('show-window-to')).not.toHaveValue('');

    // Wait until the last in-flight sync has landed: two reads a second apart agree.
    let ledger = ledgerTotals(studio, demo!.id);
    await expect
      .poll(
        () => {
          const before = JSON.stringify(ledger);
          ledger = ledgerTotals(studio, demo!.id);
          return before === JSON.stringify(ledger);
        },
        { intervals: [1000] },
      )
      .toBe(true);
    expect(ledger.orders).toBeGreaterThan(0);

    // The Report shows the same orders as the ledger.
    await page.getByTestId('nav-report').click();
    await page.getByTestId('report-show').selectOption(String(demo!.id));
    await expect(page.getByTestId('report-orders')).toHaveText(String(ledger.orders));

    // Edit the window on the Show page to the two minutes before the demo loaded: its orders leave the show.
    await page.getByTestId('nav-show').click();
    const from = fromBeijingInput(await page.getByTestId('show-window-from').inputValue());
    expect(from).not.toBeNull();
    await page.getByTestId('show-window-from').fill(toBeijingInput(from! - 2 * 60_000));
    await page.getByTestId('show-window-to').fill(toBeijingInput(from! - 60_000));
    await page.getByTestId('show-window-save').click();
    await expect(page.getByTestId('show-window-saved')).toBeVisible();
    const after = ledgerTotals(studio, demo!.id);
    expect(after.orders).toBe(0);
    const report = await call(studio, 'report.get', { showId: demo!.id });
    expect(report.totals).toMatchObject(after);
    const dash = await call(studio, 'show.dashboard', { showId: demo!.id });
    expect(dash.totals).toMatchObject(after);
  });
});
