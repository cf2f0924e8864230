import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { OrderLine } from '../../src/main/core/orders/order-record';
import type { TruthLine, TruthOrder } from '../../src/main/core/orders/demo/simulated-shop';
import { jdListsOrder } from '../../src/main/core/orders/demo/gateways';
import { toWholeSecond } from '../../src/main/core/orders/platforms/common/beijing-time';
import { jdStateOf, mapJdState } from '../../src/main/core/orders/platforms/jd/jd-status';

/**
 * The test oracle: the lines a correct adapter stores for what a simulated shop sold. Tests
 * compare the ledger with these; the product (demo mode included) never loads them.
 */

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

const sec = (ms: number) => Math.floor(ms / 1000);

/** The lines a correct Kuaishou sync stores for a truth order (raw aside). */
export function expectedKuaishouLines(o: TruthOrder): Omit<OrderLine, 'raw'>[] {
  // One item per Kuaishou order: the line is keyed by the order id.
  return [{ ...truthLine('kuaishou', o, o.lines[0]!), lineId: o.orderId }];
}

/** The lines a correct Douyin sync stores for a truth order: times at Douyin's whole seconds. */
export function expectedDouyinLines(o: TruthOrder): Omit<OrderLine, 'raw'>[] {
  return o.lines.map((l) => truthLine('douyin', o, l, (ms) => sec(ms) * 1000));
}

/**
 * The lines a faithful JD client must derive from a truth order (raw left out): what the JD
 * protocol can express — second-precision times, state-derived refund, line paid = jdPrice × qty.
 */
export function expectedJdLines(o: TruthOrder): Omit<OrderLine, 'raw'>[] {
  if (!jdListsOrder(o)) return [];
  const mapped = mapJdState(jdStateOf(o.status, o.refundState), o.paidAt !== null)!;
  // JD lines have no id (keyed by SKU), states come through JD's own, and JD reports list price × quantity.
  return o.lines.map((l) => ({
    ...truthLine('jd', o, l, toWholeSecond),
    lineId: l.skuId,
    ...mapped,
    paidFen: l.unitPriceFen * l.quantity,
  }));
}

/** The lines a faithful Taobao client derives from a truth order (raw left out; times to the second). */
export function expectedTaobaoLines(o: TruthOrder): Omit<OrderLine, 'raw'>[] {
  return o.lines.map((l) => truthLine('taobao', o, l, toWholeSecond));
}
