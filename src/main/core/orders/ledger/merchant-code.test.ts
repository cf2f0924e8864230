import { afterEach, describe, expect, it } from 'vitest';
import { shelfFixture, type ShelfFixture } from '../../../../../test-support/orders/shelf-fixture';
import { OrderLedger } from './order-ledger';

let fx: ShelfFixture | undefined;
afterEach(() => {
  fx?.db.close();
  fx = undefined;
});

describe('shelf matching of order lines', () => {
  it('matches on the SKU id first, then on either merchant code (SKU-level, then the other)', () => {
    fx = shelfFixture(3, ['kuaishou']);
    const ledger = new OrderLedger(fx.db, fx.shelf);
    const [a, b] = fx.items;
    const [pa, pb] = fx.productIds;
    const none = { itemId: 'no-item', outerSku: 'no-code', otherCode: 'no-code-either' };
    // The SKU id wins over both codes.
    expect(ledger.productFor('kuaishou', { ...none, skuId: a!.skuId, outerSku: b!.outerSku })).toBe(pa);
    // No SKU id: the SKU-level code, before the other code.
    expect(
      ledger.productFor('kuaishou', { ...none, skuId: 'x1', outerSku: a!.outerSku, otherCode: b!.outerSku }),
    ).toBe(pa);
    // Only the other code (Kuaishou goodsCode, Douyin out_sku_id) is on the shelf.
    expect(ledger.productFor('kuaishou', { ...none, skuId: 'x2', otherCode: b!.outerSku })).toBe(pb);
    expect(ledger.productFor('kuaishou', { ...none, skuId: 'x3' })).toBeNull();
  });
});
