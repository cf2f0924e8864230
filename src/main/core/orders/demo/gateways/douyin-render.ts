import type { TruthOrder } from '../simulated-shop';
import { REFUND_STATUS, STATUS } from '../../platforms/douyin/douyin-protocol';

const statusCode = {
  unpaid: STATUS.unpaid,
  paid: STATUS.paid,
  shipped: STATUS.shipped,
  completed: STATUS.completed,
  cancelled: STATUS.cancelled,
} as const;
const refundCode = {
  none: REFUND_STATUS.none,
  requested: REFUND_STATUS.refunding,
  refunded: REFUND_STATUS.refunded,
};
const sec = (ms: number) => Math.floor(ms / 1000);

/** A truth order as `order.searchList` returns it: ids as strings for orders, numbers for products and SKUs. */
export function renderDouyinOrder(o: TruthOrder): Record<string, unknown> {
  const amount = o.lines.reduce((s, l) => s + l.paidFen, 0);
  return {
    order_id: o.orderId,
    shop_id: 1_000_000,
    order_status: statusCode[o.status],
    create_time: sec(o.createdAt),
    pay_time: o.paidAt === null ? 0 : sec(o.paidAt),
    update_time: sec(o.updatedAt),
    order_amount: amount,
    pay_amount: amount,
    sku_order_list: o.lines.map((l) => ({
      order_id: l.lineId,
      parent_order_id: o.orderId,
      product_id: l.itemId,
      sku_id: l.skuId,
      // code is the SKU's merchant code; out_sku_id the external SKU id (a different value).
      out_sku_id: `EXT-${l.skuId}`,
      out_product_id: '',
      code: l.outerSku,
      product_name: l.title,
      item_num: l.quantity,
      origin_amount: l.unitPriceFen * l.quantity,
      pay_amount: l.paidFen,
      order_status: statusCode[o.status],
      after_sale_info: { after_sale_status: 0, refund_status: refundCode[o.refundState] },
    })),
  };
}
