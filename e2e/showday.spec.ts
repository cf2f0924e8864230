import { startDemoStudio } from './figures-helpers';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type OBSWebSocket from 'obs-websocket-js/json';
import { startHeadlessObs, type HeadlessObs } from '../test-support/obs/obs-harness';
import { expect, stopStudio, test, type StudioHandle } from './studio-fixture';
import { call, overlayUrl } from './overlay-helpers';
import { ledgerTotals, makeCameraScenes, pdfText, tenCueShow } from './showday-helpers';

/**
 * Show day end to end: the headless console in demo mode (simulated Kuaishou and Douyin shops
 * selling from the shelf), a real headless OBS, the overlay page as OBS loads it, and the prompter
 * and data-desk views on a second browser context.
 */
test.describe('show day', () => {
  let obs: HeadlessObs;
  let ws: OBSWebSocket;
  let studio: StudioHandle;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    obs = await startHeadlessObs({ readyTimeoutMs: 60_000 });
    ws = await makeCameraScenes(obs.url, obs.password, ['Cam A', 'Cam B']);
    process.env.SHELFCAST_OVERLAY_PORT = '0';
    studio = await startDemoStudio();
  });

  test.afterAll(async () => {
    await ws?.disconnect();
    if (studio) await stopStudio(studio);
    await obs?.dispose();
  });

  test('a 10-cue demo show: GO through every cue on real OBS, overlays, orders, sold out, report = ledger', async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    const { show, products, slots } = await tenCueShow(studio);
    const conn = await call(studio, 'obs.addConnection', {
      name: '主机位',
      host: '127.0.0.1',
      port: obs.port,
      password: obs.password,
    });
    await expect
      .poll(async () => (await call(studio, 'obs.connections', {})).connections[0]?.status.state)
      .toBe('connected');
    await call(studio, 'obs.setCameras', {
      instanceId: conn.id,
      cameras: [
        { preset: 'cam-a', kind: 'scene', sceneName: 'Cam A', sourceName: null },
        { preset: 'cam-b', kind: 'scene', sceneName: 'Cam B', sourceName: null },
      ],
    });

    // Operator: the Show page; the overlay page as OBS would load it.
    await page.goto(studio.url);
    await page.getByTestId('nav-show').click();
    await page.getByTestId('show-select').selectOption(String(show.id));
    await expect(page.getByTestId('cue-row')).toHaveCount(10);
    await page.getByTestId('show-obs').selectOption(String(conn.id));
    const card = await page.context().newPage();
    await card.goto(await overlayUrl(studio, 'product-card'));

    // Prompter and data desk on a second browser context, with their own links.
    const prompterLink = await call(studio, 'access.createRoleLink', {
      role: 'prompter',
      label: '主播提词',
    });
    const deskLink = await call(studio, 'access.createRoleLink', { role: 'datadesk', label: '数据台' });
    const remote = await browser.newContext();
    const prompter = await remote.newPage();
    await prompter.goto(prompterLink.url);
    const desk = await remote.newPage();
    await desk.goto(deskLink.url);
    await expect(desk.getByTestId('dashboard')).toBeVisible();
    await expect(prompter.getByTestId('show-go')).toHaveCount(0);

    const program = async () => (await ws.call('GetCurrentProgramScene')).currentProgramSceneName;
    const onAirRow = page.locator('[data-testid=cue-row][data-on-air]');
    for (let i = 0; i < 10; i++) {
      if (i === 5) {
        // Cue 5's product sells out on air: the console offers the next cue; GO from the prompt.
        await call(studio, 'shelf.update', { id: products[4]!.id, patch: { stock: 0 } });
        await expect(page.getByTestId('sold-out-prompt')).toContainText(products[4]!.nameZh);
        await expect(card.getByTestId('sold-out-stamp')).toBeVisible();
        await expect(prompter.getByTestId('prompter-stock')).toHaveAttribute('data-sold-out', 'true', {
          timeout: 1000,
        });
        await page.getByTestId('sold-out-go').click();
        await expect(page.getByTestId('sold-out-prompt')).toHaveCount(0);
      } else {
        await page.locator('body').press('Space');
      }
      await expect(onAirRow).toHaveAttribute('data-slot-id', String(slots[i]!.id));
      await expect.poll(program).toBe(i % 2 === 0 ? 'Cam A' : 'Cam B');
      // The card swaps (the old one animates out): wait for the new one alone.
      await expect(card.getByTestId('product-card')).toHaveCount(1);
      await expect(card.getByTestId('product-card')).toHaveAttribute(
        'data-product-id',
        String(products[i]!.id),
      );
      // The prompter follows within a second.
      await expect(prompter.getByTestId('prompter-product')).toHaveText(products[i]!.nameZh, {
        timeout: 1000,
      });
      if (i === 2) await expect(prompter.getByTestId('prompter-countdown')).toBeVisible({ timeout: 1000 });
    }
    await expect(page.getByTestId('show-go')).toBeDisabled(); // end of the rundown
    // Esc clears the overlays: the card leaves the overlay page.
    await page.locator('body').press('Escape');
    await expect(card.getByTestId('product-card')).toHaveCount(0);

    // Orders flow from the simulated shops into the ledger; the data desk follows the figures.
    const tile = desk.getByTestId('tile-orders');
    await expect
      .poll(async () => Number(await tile.getAttribute('data-value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const figures = async () => (await call(studio, 'show.dashboard', { showId: show.id })).totals.orders;
    const now = await figures();
    await expect
      .poll(async () => Number(await tile.getAttribute('data-value')), { timeout: 1500 })
      .toBeGreaterThanOrEqual(now);

    // A read-only link cannot change anything, even by calling the API itself.
    const refused = await prompter.evaluate(async () => {
      const r = await fetch('/api/v1/show.go', { method: 'POST', body: '{}' });
      return r.status;
    });
    expect(refused).toBe(403);

    // Stop the shops, end the show, and compare the report with the ledger itself.
    for (const s of (await call(studio, 'shops.list', {})).shops)
      await call(studio, 'shops.setEnabled', { id: s.id, enabled: false });
    await page.getByTestId('nav-show').click();
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('show-end').click();
    await expect(onAirRow).toHaveCount(0);
    // Wait until the last in-flight sync has landed: two reads a second apart agree.
    let ledger = ledgerTotals(studio, show.id);
    await expect
      .poll(
        () => {
          const before = JSON.stringify(ledger);
          ledger = ledgerTotals(studio, show.id);
          return before === JSON.stringify(ledger);
        },
        { intervals: [1000] },
      )
      .toBe(true);
    expect(ledger.orders).toBeGreaterThan(0);
    const report = await call(studio, 'report.get', { showId: show.id });
    expect(report.totals).toMatchObject(ledger);
    expect(report.cues).toBe(10);
    expect(report.airtime.length).toBe(10);
    expect(report.byProduct.reduce((s, p) => s + p.units, 0)).toBeLessThanOrEqual(ledger.units);

    await page.getByTestId('nav-report').click();
    await page.getByTestId('report-show').selectOption(String(show.id));
    await expect(page.getByTestId('report-orders')).toHaveText(String(ledger.orders));

    // Exports open: the workbook parses back with the ledger's totals; the PDF carries the title.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-xlsx').click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const totals = wb.worksheets[0]!.getRow(2);
    expect(totals.getCell(1).value).toBe(show.title);
    expect(totals.getCell(3).value).toBe(ledger.orders);
    expect(totals.getCell(4).value).toBe(ledger.units);
    expect(totals.getCell(5).value).toBe(ledger.gmvFen / 100);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
    const pdfPath = (await pdf.path())!;
    expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdfPath);
    expect(text).toContain(show.title);
    expect(text).toContain('每在播分钟成交额');
    await remote.close();
  });
});
