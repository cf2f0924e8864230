import { LosslessNumber } from 'lossless-json';
import type { TruthOrder } from '../simulated-shop';
import { formatBeijingTime } from '../../platforms/common/beijing-time';
import { fenToYuan } from '../../platforms/common/money';
import { taobaoRefundStatusOf, taobaoStatusOf } from '../../platforms/taobao/taobao-status';

/**
 * A truth order as a TOP `trade`: yuan strings, Beijing times, `tid`/`oid` as bare 19-digit
 * numbers next to their `*_str` twins, only the requested `fields` (top-level names, and
 * `orders.<name>` or `orders` for sub-orders).
 */
export function renderTaobaoTrade(o: TruthOrder, fields: ReadonlySet<string>): Record<string, unknown> {
  const status = taobaoStatusOf(o.status, o.paidAt !== null);
  const refund = taobaoRefundStatusOf(o.refundState);
  const trade: Record<string, unknown> = {
    tid: new LosslessNumber(o.orderId),
    tid_str: o.orderId,
    status,
    created: formatBeijingTime(o.createdAt),
    ...(o.paidAt === null ? {} : { pay_time: formatBeijingTime(o.paidAt) }),
    modified: formatBeijingTime(o.updatedAt),
    payment: fenToYuan(o.lines.reduce((s, l) => s + l.paidFen, 0)),
  };
  const out = Object.fromEntries(Object.entries(trade).filter(([k]) => fields.has(k)));
  const allOrderFields = fields.has('orders');
  const orders = o.lines.map((l) => {
    const order: Record<string, unknown> = {
      oid: new LosslessNumber(l.lineId),
      oid_str: l.lineId,
      num_iid: new LosslessNumber(l.itemId),
      sku_id: l.skuId,
      outer_sku_id: l.outerSku,
      title: l.title,
      num: new LosslessNumber(String(l.quantity)),
      price: fenToYuan(l.unitPriceFen),
      payment: fenToYuan(l.paidFen),
      status,
      refund_status: refund,
    };
    return Object.fromEntries(
      Object.entries(order).filter(([k]) => allOrderFields || fields.has(`orders.${k}`)),
    );
  });
  if (allOrderFields || [...fields].some((f) => f.startsWith('orders.'))) out['orders'] = { order: orders };
  return out;
}
