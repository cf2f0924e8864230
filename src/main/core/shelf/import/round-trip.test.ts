import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '@shared/api/domains/shelf';
import { shelfHarness, type ShelfHarness } from '../../../../../test-support/shelf/memory-studio';

const open: ShelfHarness[] = [];
afterEach(() => open.splice(0).forEach((h) => h.close()));
const harness = () => {
  const h = shelfHarness();
  open.push(h);
  return h;
};

/** Products and listings without row ids and timestamps: what must survive a round trip. */
async function contents(h: ShelfHarness) {
  const { items } = await h.call('shelf.search', { limit: 1000 });
  return Promise.all(
    items.map(async (p: Product) => {
      const { product, listings } = await h.call('shelf.get', { id: p.id });
      const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = product;
      return {
        ...fields,
        listings: listings.map(({ platform, itemId, skuIds, cartLinkNo }) => ({
          platform,
          itemId,
          skuIds,
          cartLinkNo,
        })),
      };
    }),
  );
}

describe('export → import round trip', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`re-imports the demo shelf from ${format} unchanged, and exports the same file again`, async () => {
      const a = harness();
      await a.call('shelf.loadDemo', {});
      await a.call('shelf.archive', { ids: [2] }); // a status other than ready survives too
      await a.call('shelf.update', {
        id: 3,
        patch: { nameEn: 'With "quotes", commas\nand lines', stock: 0 },
      });
      const exported = await a.call('shelf.export', { format });
      expect(exported.fileName).toMatch(new RegExp(`^shelf-\\d{12}\\.${format}$`));

      const b = harness();
      const result = await b.call('shelf.importApply', {
        fileName: exported.fileName,
        contentBase64: exported.contentBase64,
      });
      expect(result.created).toBe(97);
      expect(await contents(b)).toEqual(await contents(a));
      if (format === 'csv') {
        expect((await b.call('shelf.export', { format })).contentBase64).toBe(exported.contentBase64);
      }

      // and importing it over itself changes nothing
      const again = await b.call('shelf.importApply', {
        fileName: exported.fileName,
        contentBase64: exported.contentBase64,
      });
      expect(again).toMatchObject({ created: 0, updated: 97 });
      expect(await contents(b)).toEqual(await contents(a));
    });
  }

  it('a CSV export neutralises cells a spreadsheet would run, and imports back to the original text', async () => {
    const a = harness();
    await a.call('shelf.loadDemo', {});
    const risky = {
      nameZh: '=HYPERLINK("http://evil.example","点我")',
      nameEn: "+1+1+cmd|' /C calc'!A0",
      sellingPoints: "-2+3+cmd|' /C calc'!A0",
      category: "@SUM(1+1)*cmd|' /C calc'!A0",
      specification: "'=already marked",
    };
    await a.call('shelf.update', { id: 4, patch: risky });
    const file = await a.call('shelf.export', { format: 'csv' });
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    const cells = text.split(/[,\r\n]+/).map((c) => c.replace(/^"|"$/g, ''));
    for (const c of cells) expect(c, `cell ${c}`).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(text).toContain("''=already marked");

    const b = harness();
    await b.call('shelf.importApply', { fileName: file.fileName, contentBase64: file.contentBase64 });
    expect(await contents(b)).toEqual(await contents(a));
    const back = (await b.call('shelf.search', { query: 'HYPERLINK' })).items[0]!;
    expect(back).toMatchObject(risky);
  });

  it('re-importing an export over the same shelf keeps shop ids and extra listings', async () => {
    const h = harness();
    await h.call('shelf.loadDemo', {});
    await h.call('shelf.update', {
      id: 5,
      patch: {},
      listings: [
        {
          platform: 'kuaishou',
          shopId: 'shop-A',
          platformLabel: '',
          itemId: '901',
          skuIds: ['9011'],
          cartLinkNo: 8,
        },
        { platform: 'kuaishou', shopId: 'shop-B', itemId: '902', skuIds: ['9021'] },
        { platform: 'other', platformLabel: '拼多多', itemId: 'p-1', skuIds: [] },
      ],
    });
    const listingsOf = async () =>
      (await h.call('shelf.get', { id: 5 })).listings.map(({ id: _id, ...l }) => l);
    const before = await listingsOf();
    const file = await h.call('shelf.export', { format: 'csv' });
    const result = await h.call('shelf.importApply', {
      fileName: file.fileName,
      contentBase64: file.contentBase64,
    });
    expect(result).toMatchObject({ created: 0, updated: 97 });
    expect(await listingsOf()).toEqual(before);
  });

  it('re-imports a show’s rundown into another show unchanged', async () => {
    const h = harness();
    await h.call('shelf.loadDemo', {});
    const [show] = await h.call('shows.list', {});
    const original = await h.call('rundown.get', { showId: show!.id });
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await h.call('rundown.export', { showId: show!.id, format });
      const copy = await h.call('shows.create', { title: `copy ${format}`, showDate: '2026-12-01' });
      const imported = await h.call('rundown.import', {
        showId: copy.id,
        fileName: file.fileName,
        contentBase64: file.contentBase64,
      });
      const strip = (r: typeof original) => r.slots.map(({ id: _i, showId: _s, ...rest }) => rest);
      expect(strip(imported)).toEqual(strip(original));
      // importing over the copy again, then undoing, leaves the copy as the first import made it
      const first = await h.call('rundown.get', { showId: copy.id });
      const again = await h.call('rundown.import', {
        showId: copy.id,
        fileName: file.fileName,
        contentBase64: file.contentBase64,
      });
      await h.call('shelf.undo', { undoToken: again.undoToken });
      expect((await h.call('rundown.get', { showId: copy.id })).slots).toEqual(first.slots);
    }
  });

  it('refuses a rundown file naming a product not on the shelf, and keeps the old rundown', async () => {
    const h = harness();
    await h.call('shelf.loadDemo', {});
    const [show] = await h.call('shows.list', {});
    const before = await h.call('rundown.get', { showId: show!.id });
    const csv = '序号,外部编码,商品名称,主播\r\n1,GS-001,兰州牛肉拉面礼盒,小雅\r\n2,NOPE,不存在,阿亮\r\n';
    await expect(
      h.call('rundown.import', {
        showId: show!.id,
        fileName: 'r.csv',
        contentBase64: Buffer.from(csv).toString('base64'),
      }),
    ).rejects.toMatchObject({
      error: {
        code: 'conflict',
        key: 'shelf:import.errors.rundownRow',
        params: { row: 3, column: '外部编码', value: 'NOPE' },
      },
    });
    expect(await h.call('rundown.get', { showId: show!.id })).toEqual(before);
  });
});
