import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { OrderLine } from '../order-record';
import type { TruthOrder } from '../simulator/simulated-shop';

/** The order lines a correct adapter produces for a truth order (what the ledger must hold). */
export function truthToLines(platform: SyncedPlatform, o: TruthOrder): OrderLine[] {
  return o.lines.map((l) => ({
    platform,
    shopId: o.shopId,
    orderId: o.orderId,
    lineId: l.lineId,
    status: o.status,
    refundState: o.refundState,
    itemId: l.itemId,
    skuId: l.skuId,
    outerSku: l.outerSku,
    title: l.title,
    quantity: l.quantity,
    paidFen: l.paidFen,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
    updatedAt: o.updatedAt,
    raw: '{}',
  }));
}
