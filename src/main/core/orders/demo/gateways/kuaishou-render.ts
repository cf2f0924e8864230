import type { TruthOrder } from '../simulated-shop';
import { REFUND_STATUS, STATUS, type KuaishouOrder } from '../../platforms/kuaishou/kuaishou-protocol';

const statusCode = {
  unpaid: STATUS.unpaid,
  paid: STATUS.paid,
  shipped: STATUS.shipped,
  completed: STATUS.success,
  cancelled: STATUS.closed,
} as const;

/** A truth order as Kuaishou's order list returns it (the simulator's rendering). */
export function renderKuaishouOrder(o: TruthOrder): KuaishouOrder {
  const line = o.lines[0];
  if (!line || o.lines.length !== 1)
    throw new Error(`Kuaishou orders have exactly one item (order ${o.orderId})`);
  return {
    orderBaseInfo: {
      oid: o.orderId,
      status: statusCode[o.status],
      createTime: o.createdAt,
      payTime: o.paidAt ?? 0,
      updateTime: o.updatedAt,
      totalFee: line.paidFen,
      discountFee: line.unitPriceFen * line.quantity - line.paidFen,
      expressFee: 0,
    },
    orderItemInfo: {
      skuId: line.skuId,
      relSkuId: line.skuId,
      // skuNick is the SKU's merchant code; goodsCode the item's (a different code).
      skuNick: line.outerSku,
      itemId: line.itemId,
      relItemId: line.itemId,
      itemTitle: line.title,
      num: line.quantity,
      price: line.unitPriceFen,
      originalPrice: line.unitPriceFen,
      goodsCode: `ITEM-${line.itemId}`,
    },
    orderRefundList:
      o.refundState === 'none'
        ? []
        : [
            {
              refundId: String(BigInt(o.orderId) + 7_000_000_000_000_000_00n),
              refundStatus: o.refundState === 'refunded' ? REFUND_STATUS.refunded : REFUND_STATUS.applied,
              refundFee: line.paidFen,
            },
          ],
  };
}
