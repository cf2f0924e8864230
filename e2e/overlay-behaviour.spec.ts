import { expect, startStudio, stopStudio, test } from './studio-fixture';
import { call, freePort, overlayUrl, seedShelf } from './overlay-helpers';

// Overlay servers of parallel studios must not fight over the default port.
process.env.SHELFCAST_OVERLAY_PORT = '0';

test.describe('overlay behaviour', () => {
  test('after an app restart the page reconnects by itself and shows the same card, then follows again', async ({
    page,
  }) => {
    // OBS keeps its URL across restarts: the same overlay port both times.
    process.env.SHELFCAST_OVERLAY_PORT = String(await freePort());
    const a = await startStudio();
    const ids = await seedShelf(a);
    await call(a, 'overlays.showProduct', { productId: ids.tea });
    const url = await overlayUrl(a, 'product-card');
    await page.goto(url);
    const root = page.locator('.ov-root');
    await expect(page.getByTestId('product-card')).toHaveAttribute('data-product-id', String(ids.tea));
    await expect(root).toHaveAttribute('data-connected', 'true');

    await stopStudio(a, { signal: 'SIGKILL', keepData: true });
    await expect(root).toHaveAttribute('data-connected', 'false');
    // While the core is away the stream keeps the last picture rather than going blank.
    await expect(page.getByTestId('product-card')).toBeVisible();

    const b = await startStudio({ dataDir: a.dataDir });
    try {
      await expect(root).toHaveAttribute('data-connected', 'true', { timeout: 1500 });
      await expect(page.getByTestId('product-card')).toHaveAttribute('data-product-id', String(ids.tea));
      await call(b, 'overlays.showProduct', { productId: ids.walnut });
      await expect(page.locator('[data-testid=product-card]:not([data-leaving] *)')).toHaveAttribute(
        'data-product-id',
        String(ids.walnut),
      );
      // A browser-source refresh (or "shutdown source when not visible") gets the full state at once.
      await page.reload();
      await expect(page.getByTestId('product-card')).toHaveAttribute('data-product-id', String(ids.walnut));
    } finally {
      await stopStudio(b);
      process.env.SHELFCAST_OVERLAY_PORT = '0';
    }
  });

  test('a countdown hidden for 10 s shows the right remaining time when shown again', async ({
    page,
    studio,
  }) => {
    await page.clock.install();
    await call(studio, 'overlays.countdown', { action: 'start', seconds: 60 });
    await page.goto(await overlayUrl(studio, 'countdown'));
    const time = page.getByTestId('countdown-time');
    await expect(time).toHaveText(/01:00|00:59/);

    await call(studio, 'overlays.setVisible', { overlay: 'countdown', visible: false });
    await expect(page.getByTestId('countdown')).toHaveCount(0);
    // Ten seconds pass for the page while the countdown is off screen.
    await page.clock.fastForward(10_000);
    await call(studio, 'overlays.setVisible', { overlay: 'countdown', visible: true });
    await expect(time).toHaveText(/00:(49|50)/);
  });

  test('the sold-out stamp appears when stock hits zero, and the flash sale ends early, then leaves', async ({
    page,
    context,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    await call(studio, 'overlays.showProduct', { productId: ids.dates });
    await call(studio, 'overlays.countdown', { action: 'start', seconds: 600, productId: ids.dates });
    await page.goto(await overlayUrl(studio, 'product-card'));
    await expect(page.getByTestId('product-card')).toBeVisible();
    await expect(page.getByTestId('sold-out-stamp')).toHaveCount(0);
    const countdown = await context.newPage();
    await countdown.goto(await overlayUrl(studio, 'countdown'));
    await expect(countdown.getByTestId('countdown')).toBeVisible();

    await call(studio, 'shelf.update', { id: ids.dates, patch: { stock: 0 } });
    await expect(page.getByTestId('sold-out-stamp')).toBeVisible();
    const state = await call(studio, 'overlays.state', {});
    expect(state.countdown).toMatchObject({ status: 'ended', endedReason: 'soldOut' });
    await expect(countdown.getByTestId('countdown-time')).toHaveText('已抢光');
    // The end state stays a few seconds, then the countdown leaves the screen by itself.
    await expect(countdown.getByTestId('countdown')).toHaveCount(0, { timeout: 15_000 });
  });

  test('the Live page drives the card from the rundown: N fires the next cue, S hides and shows the card', async ({
    page,
    context,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    await call(studio, 'rundown.next', { showId: ids.showId });
    const overlay = await context.newPage();
    await overlay.goto(await overlayUrl(studio, 'product-card'));

    await page.goto(studio.url);
    await page.getByTestId('nav-live').click();
    await page.getByTestId('live-show').selectOption(String(ids.showId));
    await expect(page.getByTestId('live-rundown').locator('li[data-on-air=true]')).toHaveCount(1);
    // rundown.next goes through the cue path: the cue put the card up.
    const card = overlay.locator('[data-testid=product-card]:not([data-leaving] *)');
    await expect(card).toHaveAttribute('data-product-id', String(ids.tea));
    await expect(page.getByTestId('live-card')).toHaveText('撤下商品卡');
    await page.locator('body').press('s');
    await expect(card).toHaveCount(0);
    // The Live page knows the card is down (its own answer can land after the overlay page's frame).
    await expect(page.getByTestId('live-card')).toHaveText('上商品卡');
    await page.locator('body').press('s');
    await expect(card).toHaveAttribute('data-product-id', String(ids.tea));
    await page.locator('body').press('n');
    await expect(card).toHaveAttribute('data-product-id', String(ids.dates));
    await page.locator('body').press('p');
    await expect(card).toHaveAttribute('data-product-id', String(ids.tea));
    // Alt+digit stays page navigation; it must not step the rundown.
    await page.locator('body').press('Alt+n');
    await expect(card).toHaveAttribute('data-product-id', String(ids.tea));
  });

  test('the Overlays page previews what goes on air and shows or hides each overlay', async ({
    page,
    context,
    studio,
  }) => {
    const overlay = await context.newPage();
    await overlay.goto(await overlayUrl(studio, 'lower-third'));
    await page.goto(studio.url);
    await page.getByTestId('nav-overlays').click();
    const card = page.getByTestId('overlay-lower-third');
    await card.getByTestId('guest-name').fill('阿依古丽');
    await card.getByTestId('guest-title').fill('副县长');
    await card.getByTestId('guest-county').fill('于田县');
    await card.getByRole('button', { name: '显示字幕条' }).click();
    await expect(card).toHaveAttribute('data-visible', 'true');
    await expect(page.getByTestId('preview-lower-third').getByTestId('lower-third')).toContainText(
      '阿依古丽',
    );
    await expect(overlay.getByTestId('lower-third')).toContainText('于田县 · 副县长');

    await page.getByTestId('toggle-lower-third').click();
    await expect(card).toHaveAttribute('data-visible', 'false');
    await expect(overlay.getByTestId('lower-third')).toHaveCount(0);

    // Theme per show: the neutral theme reaches the page OBS loads.
    await page.getByTestId('overlay-theme').selectOption('neutral');
    await expect(overlay.locator('.ov-stage')).toHaveClass(/ov-theme-neutral/);
    // Uyghur overlays mirror right-to-left.
    await page.getByTestId('overlay-language').selectOption('ug');
    await expect(overlay.locator('.ov-stage')).toHaveAttribute('dir', 'rtl');
  });

  test("the Overlays page sets a show's portrait safe area from a platform preset, draws its UI as a ghost, and the portrait page follows", async ({
    page,
    context,
    studio,
  }) => {
    const ids = await seedShelf(studio);
    await call(studio, 'overlays.setLook', { showId: ids.showId });
    await call(studio, 'overlays.showProduct', { productId: ids.tea });
    const portrait = await context.newPage();
    await portrait.setViewportSize({ width: 1080, height: 1920 });
    await portrait.goto(await overlayUrl(studio, 'product-card', { orientation: 'portrait' }));
    await expect(portrait.locator('.ov-stage')).toHaveAttribute('data-orientation', 'portrait');
    const card = portrait.locator('[data-overlay=product-card]:not([data-leaving] *)');
    await expect(card).toBeVisible();

    await page.goto(studio.url);
    await page.getByTestId('nav-overlays').click();
    await page.getByTestId('layout-orientation').selectOption('portrait');
    await page.getByTestId('layout-preset').selectOption('douyin');
    const ghost = page.getByTestId('composite-portrait').getByTestId('platform-ghost');
    await expect(ghost).toHaveAttribute('data-preset', 'douyin');
    await expect(ghost.locator('[data-ghost=comments]')).toContainText('评论区');
    await expect(page.getByTestId('composite-portrait').locator('[data-overlay=product-card]')).toBeVisible();
    // Below Douyin's top bar (12 % of 1920 px) on the page OBS loads.
    await expect.poll(async () => (await card.boundingBox())?.y ?? 0).toBeGreaterThanOrEqual(231);

    // An edited figure for this show: the card moves down with it; the state says so.
    await page.getByTestId('layout-top').fill('20');
    await page.getByTestId('layout-apply').click();
    await expect.poll(async () => (await card.boundingBox())?.y ?? 0).toBeGreaterThanOrEqual(384);
    const state = await call(studio, 'overlays.state', {});
    expect(state.look.safeArea.portrait).toMatchObject({ preset: 'douyin', insets: { top: 0.2 } });

    // Out of range: a translated error, nothing changed. (First the page itself has the applied
    // figure: the form is redrawn when the show's safe area arrives, which may come after the OBS
    // page already moved the card.)
    await expect(page.getByTestId('layout-top')).toHaveValue('20');
    await page.getByTestId('layout-top').fill('45');
    await page.getByTestId('layout-bottom').fill('45');
    await page.getByTestId('layout-apply').click();
    // Shown by the editor, in words: which orientation, which figures, the limit; the two inputs
    // marked; what was typed kept.
    const refusal = page.getByTestId('overlay-program').getByTestId('api-error');
    await expect(refusal).toContainText('竖屏安全区');
    await expect(refusal).toContainText('上下边距之和最多占画面的 70%');
    await expect(refusal).not.toContainText(/top|bottom|portrait|\$t\(/);
    await expect(page.getByTestId('layout-top')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('layout-bottom')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('layout-left')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('layout-top')).toHaveValue('45');
    expect((await call(studio, 'overlays.state', {})).look.safeArea.portrait.insets.top).toBe(0.2);
  });
});
