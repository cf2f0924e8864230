import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { OrderLine } from '../order-record';
import type { TruthLine, TruthOrder } from './simulated-shop';

/**
 * The line a correct adapter produces for one truth line. Each platform's `expected…Lines`
 * starts from it and changes what its protocol renders differently (whole-second times, line ids).
 */
export function truthLine(
  platform: SyncedPlatform,
  o: TruthOrder,
  l: TruthLine,
  time: (ms: number) => number = (ms) => ms,
): Omit<OrderLine, 'raw'> {
  return {
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
    createdAt: time(o.createdAt),
    paidAt: o.paidAt === null ? null : time(o.paidAt),
    updatedAt: time(o.updatedAt),
  };
}

/** The order lines a correct adapter produces for a truth order (what the ledger must hold). */
export function truthToLines(platform: SyncedPlatform, o: TruthOrder): OrderLine[] {
  return o.lines.map((l) => ({ ...truthLine(platform, o, l), raw: '{}' }));
}
