import { LosslessNumber } from 'lossless-json';
import type { TruthOrder } from '../simulated-shop';
import { formatBeijingTime } from '../../platforms/common/beijing-time';
import { fenToYuan } from '../../platforms/common/money';
import { JD_EMPTY_TIME, JD_LISTS_UNPAID_ORDERS } from '../../platforms/jd/jd-protocol';
import { jdStateOf } from '../../platforms/jd/jd-status';

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
