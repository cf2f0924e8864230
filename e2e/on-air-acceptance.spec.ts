import { startDemoStudio } from './figures-helpers';
import fs from 'node:fs';
import path from 'node:path';
import OBSWebSocket from 'obs-websocket-js/json';
import { startHeadlessObs, type HeadlessObs } from '../test-support/obs/obs-harness';
import { sceneCollection } from '../test-support/obs/scene-collection';
import { expect, stopStudio, test, type StudioHandle } from './studio-fixture';
import { call } from './overlay-helpers';
import { ledgerTotals, tenCueShow } from './showday-helpers';

/** OBS's scenes: it starts (and, after a crash, comes back) on Standby, never on a camera. */
const collection = sceneCollection({
  colors: { 'Standby colour': 0xff202020, 'Cam A colour': 0xff2040c0, 'Cam B colour': 0xffc04020 },
  scenes: { Standby: ['Standby colour'], 'Cam A': ['Cam A colour'], 'Cam B': ['Cam B colour'] },
});

/**
 * Issue 20's acceptance run: a 10-cue show in demo mode (simulated shops selling), a real headless
 * OBS, driven by the keyboard alone (Alt+digit for pages, Space to GO, R to re-apply, typing and
 * Enter in the forms; elements are focused, never clicked). In the middle OBS is killed and
 * restarted (its program is then its saved Standby scene: one key puts the cue back), and a price
 * loses a zero, which the price guard takes only typed again and the next GO warns about. At the
 * end the report's figures equal the ledger's, the Show page's sold counts equal the orders API's,
 * and the report's audit log shows the price change. Waits are on conditions, generous for a
 * loaded 2-core machine; nothing waits a fixed time.
 */
test.describe('on-air acceptance', () => {
  let obs: HeadlessObs;
  let studio: StudioHandle;
  let ws: OBSWebSocket | undefined;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    obs = await startHeadlessObs({ readyTimeoutMs: 90_000, sceneCollection: collection });
    process.env.SHELFCAST_OVERLAY_PORT = '0';
    studio = await startDemoStudio();
  });

  test.afterAll(async () => {
    await ws?.disconnect().catch(() => undefined);
    if (studio) await stopStudio(studio);
    await obs?.dispose();
  });

  /** A fresh obs-websocket client (the old one dies with OBS). */
  const program = async () => {
    if (!ws) {
      const c = new OBSWebSocket();
      await c.connect(obs.url, obs.password);
      c.on('ConnectionClosed', () => {
        if (ws === c) ws = undefined;
      });
      ws = c;
    }
    return (await ws.call('GetCurrentProgramScene')).currentProgramSceneName;
  };
  const programSafe = () => program().catch(() => null);

  test('keyboard only: 10 cues on real OBS, one OBS kill with re-apply, one guarded price change, report = ledger', async ({
    page,
  }) => {
    test.setTimeout(600_000);
    const slow = { timeout: 60_000 };
    const { show, products, slots } = await tenCueShow(studio);
    // Preparation before the show (as the OBS page and the Show pickers would): the OBS, its
    // cameras, the show and its OBS chosen in the console.
    const conn = await call(studio, 'obs.addConnection', {
      name: '主机位',
      host: '127.0.0.1',
      port: obs.port,
      password: obs.password,
    });
    await expect
      .poll(async () => (await call(studio, 'obs.connections', {})).connections[0]?.status.state, slow)
      .toBe('connected');
    await call(studio, 'obs.setCameras', {
      instanceId: conn.id,
      cameras: [
        { preset: 'cam-a', kind: 'scene', sceneName: 'Cam A', sourceName: null },
        { preset: 'cam-b', kind: 'scene', sceneName: 'Cam B', sourceName: null },
      ],
    });
    await call(studio, 'show.select', { showId: show.id, obsInstanceId: conn.id });
    expect(await program()).toBe('Standby');

    await page.goto(studio.url);
    await page.locator('body').press('Alt+1');
    await expect(page.getByTestId('show-page')).toBeVisible();
    await expect(page.getByTestId('cue-row')).toHaveCount(10, slow);
    const onAirRow = page.locator('[data-testid=cue-row][data-on-air]');
    const standbyRow = page.locator('[data-testid=cue-row][data-standby]');
    const camOf = (i: number) => (i % 2 === 0 ? 'Cam A' : 'Cam B');

    const priced = products[6]!;
    const newFen = Math.floor(priced.livePriceFen / 10);
    const yuan = (fen: number) => (fen / 100).toFixed(2);

    for (let i = 0; i < 10; i++) {
      if (i === 4) {
        // OBS dies mid-show: a red banner says so and what still works.
        await obs.crash();
        await expect(page.getByTestId('obs-down-banner')).toBeVisible(slow);
        // It comes back with its saved scene collection: program on Standby, not cue 4's camera.
        const file = path.join(obs.configDir, 'obs-studio', 'basic', 'scenes', 'Untitled.json');
        fs.writeFileSync(file, JSON.stringify(collection));
        await obs.start();
        await expect(page.getByTestId('obs-down-banner')).toHaveCount(0, slow);
        await expect(page.getByTestId('obs-mismatch')).toBeVisible(slow);
        await expect.poll(programSafe, slow).toBe('Standby');
        // One key puts the cue on air back on program.
        await page.locator('body').press('r');
        await expect.poll(programSafe, slow).toBe(camOf(3));
        await expect(page.getByTestId('obs-mismatch')).toHaveCount(0, slow);
        await expect(onAirRow).toHaveAttribute('data-slot-id', String(slots[3]!.id));
      }
      if (i === 6) {
        // A price loses a zero on the Shelf page, by keyboard: the guard wants it typed again.
        await page.locator('body').press('Alt+4');
        const query = page.getByTestId('shelf-query');
        await query.focus();
        await page.keyboard.type(priced.nameZh);
        const row = page.getByTestId('shelf-row').filter({ hasText: priced.nameZh }).first();
        await expect(row).toBeVisible(slow);
        await row.focus();
        await page.keyboard.press('Enter');
        const livePrice = page.getByTestId('form-livePrice');
        await expect(livePrice).toBeVisible(slow);
        await livePrice.focus();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(yuan(newFen));
        await page.keyboard.press('Enter');
        const confirm = page.getByTestId('price-confirm');
        await expect(confirm).toContainText(yuan(priced.livePriceFen), slow);
        await expect(confirm).toContainText(yuan(newFen));
        // Not changed until typed again.
        expect((await call(studio, 'shelf.get', { id: priced.id })).product.livePriceFen).toBe(
          priced.livePriceFen,
        );
        await expect(page.getByTestId('price-confirm-input')).toBeFocused();
        await page.keyboard.type(yuan(newFen));
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('product-form')).toHaveCount(0, slow);
        expect((await call(studio, 'shelf.get', { id: priced.id })).product.livePriceFen).toBe(newFen);

        // Back on the Show page, the standby cue warns before GO; the operator checks the price.
        await page.locator('body').press('Alt+1');
        await expect(standbyRow).toHaveAttribute('data-slot-id', String(slots[6]!.id), slow);
        const warning = page.getByTestId('cue-warnings').locator('[data-code=price_changed]');
        await expect(warning).toContainText(priced.nameZh, slow);
        await warning.getByTestId('ack-price').focus();
        await page.keyboard.press('Enter');
        await expect(warning).toHaveCount(0, slow);
      }
      await expect(standbyRow).toHaveAttribute('data-slot-id', String(slots[i]!.id), slow);
      await page.locator('body').press('Space');
      await expect(onAirRow).toHaveAttribute('data-slot-id', String(slots[i]!.id), slow);
      await expect.poll(programSafe, slow).toBe(camOf(i));
    }
    await expect(page.getByTestId('show-go')).toBeDisabled(); // end of the rundown

    // The show has sold something (a fast run can reach the last cue before the simulated shops'
    // first sync lands in its window); then the shops stop selling (test control, not the
    // operator's), then End show by keyboard.
    await expect.poll(() => ledgerTotals(studio, show.id).orders, { timeout: 60_000 }).toBeGreaterThan(0);
    for (const s of (await call(studio, 'shops.list', {})).shops)
      await call(studio, 'shops.setEnabled', { id: s.id, enabled: false });
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('show-end').focus();
    await page.keyboard.press('Enter');
    await expect(onAirRow).toHaveCount(0, slow);
    // The last in-flight sync has landed when two reads a second apart agree.
    let ledger = ledgerTotals(studio, show.id);
    await expect
      .poll(
        () => {
          const before = JSON.stringify(ledger);
          ledger = ledgerTotals(studio, show.id);
          return before === JSON.stringify(ledger);
        },
        { intervals: [1000], timeout: 120_000 },
      )
      .toBe(true);
    expect(ledger.orders).toBeGreaterThan(0);

    // The orders API agrees with the ledger, and the report with both (re-read together, in case a
    // last sync lands in between).
    const totalsOf = (t: { orders: number; units: number; gmvFen: number }) => ({
      orders: t.orders,
      units: t.units,
      gmvFen: t.gmvFen,
    });
    let figures = await call(studio, 'orders.figures', { showId: show.id });
    let report = await call(studio, 'report.get', { showId: show.id });
    await expect
      .poll(
        async () => {
          ledger = ledgerTotals(studio, show.id);
          figures = await call(studio, 'orders.figures', { showId: show.id });
          report = await call(studio, 'report.get', { showId: show.id });
          const same = (t: typeof ledger) => JSON.stringify(totalsOf(t)) === JSON.stringify(ledger);
          return same(figures.totals) && same(report.totals);
        },
        { intervals: [1000], timeout: 60_000 },
      )
      .toBe(true);
    expect(totalsOf(figures.totals)).toEqual(ledger);
    expect(totalsOf(report.totals)).toEqual(ledger);
    expect(report.cues).toBe(10);
    // The Show page's sold count per cue is the ledger's, product by product.
    const sold = new Map(figures.byProduct.map((p) => [p.productId, p.units]));
    for (const [i, slot] of slots.entries()) {
      await expect(
        page.locator(`[data-testid=cue-row][data-slot-id="${slot.id}"] [data-testid=cue-sold]`),
      ).toHaveAttribute('data-sold', String(sold.get(products[i]!.id) ?? 0), slow);
    }
    // The audit log: the price change, who and from where, confirmed by typing it again.
    expect(report.priceChanges).toContainEqual(
      expect.objectContaining({
        productId: priced.id,
        field: 'live',
        oldFen: priced.livePriceFen,
        newFen,
        // The browser console reaches the core over its WebSocket: logged as `api` (the desktop
        // window's IPC is `edit`), with the operator as who.
        source: 'api',
        actor: 'operator',
        confirmed: true,
        reasons: expect.arrayContaining(['digits']),
      }),
    );
    // The Report page (the console's show, chosen still) says the same.
    await page.locator('body').press('Alt+7');
    await expect(page.getByTestId('report-orders')).toHaveText(String(ledger.orders), slow);
    await expect(page.getByTestId('report-units')).toHaveText(String(ledger.units));
    const change = page.getByTestId('report-prices').locator('tbody tr').filter({ hasText: priced.nameZh });
    await expect(change).toContainText(yuan(priced.livePriceFen));
    await expect(change).toContainText(yuan(newFen));
  });
});
