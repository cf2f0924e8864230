import type { OrderLine, OrderStatus, RefundState } from '../../order-record';
import { idString } from '../../platform-json';
import { REFUND_STATUS, STATUS } from './kuaishou-protocol';

/** orderBaseInfo.status → neutral status. Unknown codes are a protocol error, not a guess. */
export function kuaishouStatus(code: number): OrderStatus {
  switch (code) {
    case STATUS.unpaid:
      return 'unpaid';
    case STATUS.paid:
      return 'paid';
    case STATUS.shipped:
    case STATUS.signed:
      return 'shipped';
    case STATUS.success:
      return 'completed';
    case STATUS.closed:
      return 'cancelled';
    default:
      throw new TypeError(`unknown Kuaishou order status ${code}`);
  }
}

export function kuaishouRefund(list: unknown): RefundState {
  if (!Array.isArray(list) || list.length === 0) return 'none';
  const statuses = list.map((r) => Number((r as { refundStatus?: unknown }).refundStatus));
  return statuses.includes(REFUND_STATUS.refunded) ? 'refunded' : 'requested';
}

const num = (v: unknown, field: string): number => {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TypeError(`${field}: not an integer`);
  return n;
};
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * One Kuaishou order (one item per order: orderItemInfo is a single object) → one line keyed by
 * the order id. Money is already fen; times are ms. `raw` is the order's JSON as received.
 */
export function kuaishouOrderToLine(order: unknown, shopId: string, raw: string): OrderLine {
  const o = order as {
    orderBaseInfo?: Record<string, unknown>;
    orderItemInfo?: Record<string, unknown>;
    orderRefundList?: unknown;
  };
  const base = o.orderBaseInfo;
  const item = o.orderItemInfo;
  if (!base || !item || Array.isArray(item))
    throw new TypeError('order without orderBaseInfo / orderItemInfo object');
  const orderId = idString(base.oid);
  const payTime = num(base.payTime ?? 0, 'payTime');
  return {
    platform: 'kuaishou',
    shopId,
    orderId,
    lineId: orderId,
    status: kuaishouStatus(num(base.status, 'status')),
    refundState: kuaishouRefund(o.orderRefundList),
    itemId: idString(item.itemId ?? item.relItemId),
    skuId: idString(item.skuId ?? item.relSkuId),
    // The SKU's merchant code is skuNick; goodsCode is the item's (kept in raw, matched as a fallback).
    outerSku: str(item.skuNick || item.goodsCode),
    otherCode: str(item.goodsCode),
    title: str(item.itemTitle),
    quantity: num(item.num, 'num'),
    paidFen: num(base.totalFee, 'totalFee'),
    createdAt: num(base.createTime, 'createTime'),
    paidAt: payTime > 0 ? payTime : null,
    updatedAt: num(base.updateTime, 'updateTime'),
    raw,
  };
}
