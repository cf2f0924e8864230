import { LosslessNumber } from 'lossless-json';
import type { OrderLine } from '../../order-record';
import type { TruthOrder } from '../../simulator/simulated-shop';
import { formatBeijingTime, toWholeSecond } from '../common/beijing-time';
import { fenToYuan } from '../common/money';
import { JD_EMPTY_TIME, JD_LISTS_UNPAID_ORDERS } from './jd-protocol';
import { jdStateOf, mapJdState } from './jd-status';
import { truthLine } from '../../simulator/truth-lines';

/** Whether JD shows this order to the seller at all. */
export const jdListsOrder = (o: TruthOrder): boolean => JD_LISTS_UNPAID_ORDERS || o.paidAt !== null;

/** A truth order as `orderInfoList[]` carries it: yuan strings, Beijing times, orderId a bare number. */
export function renderJdOrder(o: TruthOrder, fields: ReadonlySet<string>): Record<string, unknown> {
  const total = o.lines.reduce((s, l) => s + l.unitPriceFen * l.quantity, 0);
  const paid = o.lines.reduce((s, l) => s + l.paidFen, 0);
  const full: Record<string, unknown> = {
    // A bare JSON number with 19 digits: what breaks JSON.parse, and what JD sends.
    orderId: new LosslessNumber(o.orderId),
    venderId: o.shopId,
    orderState: jdStateOf(o.status, o.refundState),
    orderTotalPrice: fenToYuan(total),
    orderPayment: fenToYuan(paid),
    orderStartTime: formatBeijingTime(o.createdAt),
    paymentConfirmTime: o.paidAt === null ? JD_EMPTY_TIME : formatBeijingTime(o.paidAt),
    modified: formatBeijingTime(o.updatedAt),
    itemInfoList: o.lines.map((l) => ({
      skuId: l.skuId,
      outerSkuId: l.outerSku,
      skuName: l.title,
      jdPrice: fenToYuan(l.unitPriceFen),
      wareId: l.itemId,
      itemTotal: String(l.quantity),
    })),
  };
  return Object.fromEntries(Object.entries(full).filter(([k]) => fields.has(k)));
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
