import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Studio } from '../studio';

/** GO on a cue whose price changed since the rundown was made warns until the operator confirms it. */
describe('price changed warning', () => {
  let studio: Studio;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-price-'));
    studio = new Studio({ dataDir, mode: 'headless', overlays: { port: 0 } });
    await studio.start();
  });

  afterEach(async () => {
    await studio.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('warns on the standby cue after a price change, until acknowledged; the report lists it', async () => {
    const product = (nameZh: string) =>
      studio.call('shelf.create', {
        product: { nameZh, listPriceFen: 3990, livePriceFen: 2990, stock: 50, status: 'ready' },
      });
    const a = await product('秦安蜜桃');
    const b = await product('定西马铃薯');
    // Prices edited before the rundown is made are what the rundown was made with: no warning.
    await studio.call('shelf.update', { id: b.product.id, patch: { livePriceFen: 2890 } });
    // A show day long past: only the console session's window puts changes in the report.
    const show = await studio.call('shows.create', { title: '甘肃好物', showDate: '2000-01-01' });
    const s1 = await studio.call('rundown.addSlot', { showId: show.id, productId: a.product.id });
    const s2 = await studio.call('rundown.addSlot', { showId: show.id, productId: b.product.id });
    await studio.call('show.select', { showId: show.id, obsInstanceId: null });
    const priceWarnings = async (slotId: number) =>
      (await studio.call('show.standby', { slotId })).warnings.filter((w) => w.code === 'price_changed');

    expect(await priceWarnings(s1.id)).toEqual([]);
    expect(await priceWarnings(s2.id)).toEqual([]);

    await studio.call('show.go', { slotId: s1.id });
    await studio.call('shelf.update', { id: b.product.id, patch: { livePriceFen: 2490 } });
    const warned = await priceWarnings(s2.id);
    expect(warned).toEqual([
      expect.objectContaining({
        code: 'price_changed',
        key: 'showday:warn.priceChanged',
        params: expect.objectContaining({ name: '定西马铃薯', old: '28.90', new: '24.90', slotId: s2.id }),
      }),
    ]);
    // The other cue's product did not change.
    expect(await priceWarnings(s1.id)).toEqual([]);

    await studio.call('show.ackPrice', { slotId: s2.id });
    expect(await priceWarnings(s2.id)).toEqual([]);
    // A slot override changed afterwards warns again.
    await studio.call('rundown.updateSlot', { slotId: s2.id, patch: { livePriceOverrideFen: 2390 } });
    expect((await priceWarnings(s2.id)).map((w) => w.params.new)).toEqual(['23.90']);

    const report = await studio.call('report.get', { showId: show.id });
    expect(report.priceChanges.map((c) => [c.productName, c.field, c.oldFen, c.newFen, c.source])).toEqual([
      ['定西马铃薯', 'live', 2890, 2490, 'api'],
      ['定西马铃薯', 'override', null, 2390, 'api'],
    ]);
    const file = await studio.call('report.export', { showId: show.id, format: 'xlsx', language: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Price changes')!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(2);
    expect(row(1)).toEqual(['Product', 'Price', 'Old', 'New', 'From', 'Who', 'Guard']);
    // Prices are numbers in a ¥ format, so the sheet can sum and sort them.
    expect(row(2)).toEqual(['定西马铃薯', 'live price', 28.9, 24.9, 'API', 'operator', '']);
    expect(row(3)).toEqual(['定西马铃薯', 'slot price', '—', 23.9, 'API', 'operator', '']);
    expect(sheet.getColumn(5).numFmt).toBe('"¥"#,##0.00');
    const pdf = await studio.call('report.export', { showId: show.id, format: 'pdf', language: 'zh-CN' });
    expect(Buffer.from(pdf.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
