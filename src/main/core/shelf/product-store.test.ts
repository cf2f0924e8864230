import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '@shared/api/client';
import { adjustByPercent } from './product-handlers';
import { productInput, shelfHarness, type ShelfHarness } from '../../../../test-support/shelf/memory-studio';

let h: ShelfHarness;
afterEach(() => h?.close());

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiCallError) return err.error;
  }
  throw new Error('expected an API failure');
};

describe('products', () => {
  it('creates, reads and updates a product with listings and SKU rows', async () => {
    h = shelfHarness();
    const created = await h.call('shelf.create', {
      product: productInput({ nameZh: '和田薄皮核桃', outerSku: 'HT-001', livePriceFen: 3990 }),
      listings: [
        { platform: 'kuaishou', itemId: '9007199254740993123', skuIds: ['111', '222'], cartLinkNo: 3 },
        { platform: 'douyin', itemId: '3581', skuIds: ['9'] },
      ],
    });
    expect(created.product).toMatchObject({ nameZh: '和田薄皮核桃', outerSku: 'HT-001', livePriceFen: 3990 });
    expect(created.listings.map((l) => [l.platform, l.itemId, l.skuIds, l.cartLinkNo])).toEqual([
      ['douyin', '3581', ['9'], null],
      ['kuaishou', '9007199254740993123', ['111', '222'], 3],
    ]);
    expect(h.shelf.reader.findListing('kuaishou', { skuId: '222' })?.productId).toBe(created.product.id);
    const updated = await h.call('shelf.update', {
      id: created.product.id,
      patch: { stock: 7, nameEn: 'Hotan walnuts' },
      listings: [{ platform: 'jd', itemId: '100', skuIds: [] }],
    });
    expect(updated.product).toMatchObject({ stock: 7, nameEn: 'Hotan walnuts', nameZh: '和田薄皮核桃' });
    expect(updated.listings.map((l) => l.platform)).toEqual(['jd']);
    expect(h.shelf.reader.findListing('kuaishou', { skuId: '222' })).toBeUndefined();
    expect(h.eventsOf('shelf.changed')).toEqual([
      { productIds: [created.product.id] },
      { productIds: [created.product.id] },
    ]);
  });

  it('rejects bad input with the field and a translatable reason', async () => {
    h = shelfHarness();
    const err = await failure(
      h.call('shelf.create', { product: { ...productInput(), nameZh: '  ', livePriceFen: 39.9 } }),
    );
    expect(err.code).toBe('bad_request');
    expect(err.issues?.map((i) => i.path).sort()).toEqual(['product.livePriceFen', 'product.nameZh']);
  });

  it('refuses a second product with the same outer SKU code, naming the code', async () => {
    h = shelfHarness();
    await h.call('shelf.create', { product: productInput({ outerSku: 'A1' }) });
    const err = await failure(h.call('shelf.create', { product: productInput({ outerSku: 'A1' }) }));
    expect(err).toMatchObject({
      code: 'conflict',
      key: 'shelf:errors.outerSkuTaken',
      params: { outerSku: 'A1' },
    });
  });

  it('refuses a listing that belongs to another product', async () => {
    h = shelfHarness();
    const listings = [{ platform: 'jd' as const, itemId: '1' }];
    await h.call('shelf.create', { product: productInput(), listings });
    const err = await failure(h.call('shelf.create', { product: productInput(), listings }));
    expect(err).toMatchObject({ code: 'conflict', key: 'shelf:errors.listingTaken' });
    expect((await h.call('shelf.search', {})).total).toBe(1);
  });

  it('archives with undo, and undo tokens work once', async () => {
    h = shelfHarness();
    const a = (await h.call('shelf.create', { product: productInput({ status: 'ready' }) })).product;
    const b = (await h.call('shelf.create', { product: productInput({ status: 'draft' }) })).product;
    const { undoToken, count } = await h.call('shelf.archive', { ids: [a.id, b.id] });
    expect(count).toBe(2);
    expect((await h.call('shelf.search', { statuses: ['archived'] })).total).toBe(2);
    await h.call('shelf.undo', { undoToken });
    expect((await h.call('shelf.get', { id: a.id })).product.status).toBe('ready');
    expect((await h.call('shelf.get', { id: b.id })).product.status).toBe('draft');
    expect((await failure(h.call('shelf.undo', { undoToken }))).code).toBe('not_found');
  });

  it('bulk-adjusts live prices by percent in integer fen, and undoes it', async () => {
    h = shelfHarness();
    const p = (
      await h.call('shelf.create', { product: productInput({ livePriceFen: 3990, category: '坚果' }) })
    ).product;
    const { undoToken } = await h.call('shelf.bulkUpdate', {
      ids: [p.id],
      change: { livePricePercent: -10, category: '干果' },
    });
    expect((await h.call('shelf.get', { id: p.id })).product).toMatchObject({
      livePriceFen: 3591,
      category: '干果',
    });
    await h.call('shelf.undo', { undoToken });
    expect((await h.call('shelf.get', { id: p.id })).product).toMatchObject({
      livePriceFen: 3990,
      category: '坚果',
    });
  });

  it('deletes a product with listings and restores it with the same ids', async () => {
    h = shelfHarness();
    const d = await h.call('shelf.create', {
      product: productInput({ outerSku: 'X' }),
      listings: [{ platform: 'taobao', itemId: '55', skuIds: ['5501'] }],
    });
    const { undoToken } = await h.call('shelf.delete', { id: d.product.id });
    expect((await failure(h.call('shelf.get', { id: d.product.id }))).code).toBe('not_found');
    expect((await h.call('shelf.search', { query: '静宁' })).total).toBe(0);
    await h.call('shelf.undo', { undoToken });
    expect(await h.call('shelf.get', { id: d.product.id })).toEqual(d);
    expect((await h.call('shelf.search', { query: '静宁' })).total).toBe(1);
    expect(h.shelf.reader.findListing('taobao', { skuId: '5501' })?.productId).toBe(d.product.id);
  });

  it('will not delete a product a rundown uses', async () => {
    h = shelfHarness();
    const p = (await h.call('shelf.create', { product: productInput() })).product;
    const show = await h.call('shows.create', { title: '甘肃好物', showDate: '2026-11-22' });
    await h.call('rundown.addSlot', { showId: show.id, productId: p.id });
    expect(await failure(h.call('shelf.delete', { id: p.id }))).toMatchObject({
      code: 'conflict',
      key: 'shelf:errors.productInRundown',
    });
  });

  it('adjusts by percent with half-up rounding and never below zero', () => {
    expect(adjustByPercent(3990, -10)).toBe(3591);
    expect(adjustByPercent(995, 10)).toBe(1095); // 1094.5 → 1095
    expect(adjustByPercent(1, -90)).toBe(0);
    expect(adjustByPercent(0, 50)).toBe(0);
  });

  it('rewrites a product’s search index only when its searchable text changed', async () => {
    h = shelfHarness();
    const p = (
      await h.call('shelf.create', {
        product: productInput({
          nameZh: '静宁红富士苹果',
          originCounty: '静宁县',
          sellingPoints: '高原光照足，脆甜多汁，产地直发',
          livePriceFen: 3990,
        }),
      })
    ).product;
    // Every row written, also by triggers (the full-text entry, the price audit).
    const changes = () => (h.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    await h.call('shelf.update', { id: p.id, patch: { livePriceFen: 3590, stock: 8 } });
    // The product row, its price audit entry and the undo entry; its ~50 grams and its trigram
    // entry stay as they are.
    expect(changes() - before).toBeLessThanOrEqual(5);
    expect((await h.call('shelf.search', { query: '脆甜' })).total).toBe(1);

    await h.call('shelf.update', { id: p.id, patch: { sellingPoints: '个大皮薄，冰糖心' } });
    expect((await h.call('shelf.search', { query: '脆甜' })).total).toBe(0);
    expect((await h.call('shelf.search', { query: '冰糖心' })).total).toBe(1);
    expect((await h.call('shelf.search', { query: '冰糖' })).total).toBe(1);
    expect(
      h.db.prepare(`SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH '冰糖心'`).get(),
    ).toEqual({ n: 1 });
  });
});
