import type { OrderLine, OrderStatus, RefundState } from '../../order-record';
import { idString } from '../../platform-json';
import { REFUND_STATUS, STATUS } from './douyin-protocol';

/** Epoch seconds → UTC ms. Douyin times are whole seconds. */
const secondsToMs = (s: number): number => s * 1000;

export function douyinStatus(code: number): OrderStatus {
  switch (code) {
    case STATUS.unpaid:
      return 'unpaid';
    case STATUS.paid:
    case STATUS.preparing:
      return 'paid';
    case STATUS.partShipped:
    case STATUS.shipped:
      return 'shipped';
    case STATUS.cancelled:
      return 'cancelled';
    case STATUS.completed:
      return 'completed';
    default:
      throw new TypeError(`unknown Douyin order_status ${code}`);
  }
}

export function douyinRefund(code: number): RefundState {
  if (code === REFUND_STATUS.none) return 'none';
  return code === REFUND_STATUS.refunded ? 'refunded' : 'requested';
}

const int = (v: unknown, field: string): number => {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TypeError(`${field}: not an integer`);
  return n;
};
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * One Douyin shop order → one line per sub-order (`sku_order_list[]`, each with its own
 * `order_id`). Times are epoch seconds, money fen. `raw` is the shop order as received.
 */
export function douyinOrderToLines(order: unknown, shopId: string, raw: string): OrderLine[] {
  const o = order as Record<string, unknown>;
  const subs = o.sku_order_list;
  if (!Array.isArray(subs) || subs.length === 0) throw new TypeError('order without sku_order_list');
  const orderId = idString(o.order_id);
  const status = douyinStatus(int(o.order_status, 'order_status'));
  const payTime = int(o.pay_time ?? 0, 'pay_time');
  return subs.map((s: Record<string, unknown>) => {
    const after = (s.after_sale_info ?? {}) as Record<string, unknown>;
    return {
      platform: 'douyin',
      shopId,
      orderId,
      lineId: idString(s.order_id),
      status,
      refundState: douyinRefund(int(after.refund_status ?? 0, 'refund_status')),
      itemId: idString(s.product_id),
      skuId: idString(s.sku_id),
      // The SKU's merchant code is `code`; out_sku_id is the external SKU id (kept in raw, matched as a fallback).
      outerSku: str(s.code || s.out_sku_id),
      otherCode: str(s.out_sku_id),
      title: str(s.product_name),
      quantity: int(s.item_num, 'item_num'),
      paidFen: int(s.pay_amount, 'pay_amount'),
      createdAt: secondsToMs(int(o.create_time, 'create_time')),
      paidAt: payTime > 0 ? secondsToMs(payTime) : null,
      updatedAt: secondsToMs(int(o.update_time, 'update_time')),
      raw,
    } satisfies OrderLine;
  });
}
