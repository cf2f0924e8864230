import type { SyncedPlatform } from '@shared/api/domains/shelf';

/** Platform-neutral order status; each adapter maps its own codes onto these. */
export type OrderStatus = 'unpaid' | 'paid' | 'shipped' | 'completed' | 'cancelled';
export type RefundState = 'none' | 'requested' | 'refunded';

/**
 * One order line, platform-neutral. Key: (platform, shopId, orderId, lineId).
 * Kuaishou has one item per order (lineId = orderId or its sku id); Douyin and Taobao
 * sub-orders have their own ids; JD lines have none (lineId = skuId).
 */
export interface OrderLine {
  platform: SyncedPlatform;
  shopId: string;
  /** Ids are strings: they can exceed 2^53 (parse JSON losslessly). */
  orderId: string;
  lineId: string;
  status: OrderStatus;
  refundState: RefundState;
  itemId: string;
  skuId: string;
  /** The merchant's outer SKU code (SKU level: Kuaishou skuNick, Douyin code), '' when none. */
  outerSku: string;
  /**
   * The platform's other merchant code, where it has one (Kuaishou goodsCode at item level,
   * Douyin out_sku_id): matched against shelf listings when the SKU id and outerSku are not;
   * kept in `raw` with the rest of the order.
   */
  otherCode?: string;
  title: string;
  quantity: number;
  /** What the buyer paid for this line, in integer fen. */
  paidFen: number;
  createdAt: number;
  /** UTC ms; null while unpaid. */
  paidAt: number | null;
  /** UTC ms; a stored line is replaced only by a version with updatedAt >= its own. */
  updatedAt: number;
  /** The platform's JSON for this order, as received (ids intact). */
  raw: string;
}
