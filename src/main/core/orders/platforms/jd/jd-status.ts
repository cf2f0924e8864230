import type { OrderStatus, RefundState } from '../../order-record';

/**
 * JD order states → platform-neutral status and refund state. JD's order search carries no
 * per-line refund field: LOCKED (buyer asked to cancel, pending) reads as a refund request, and a
 * cancelled order that had been paid was refunded. After-sales refunds on completed orders live in
 * JD's separate after-sales API, which this adapter does not call.
 */
export function mapJdState(
  state: string,
  paid: boolean,
): { status: OrderStatus; refundState: RefundState } | null {
  switch (state) {
    case 'WAIT_SELLER_STOCK_OUT':
    case 'WAIT_SELLER_DELIVERY':
    case 'POP_ORDER_PAUSE':
      return { status: 'paid', refundState: 'none' };
    case 'LOCKED':
      return { status: 'paid', refundState: 'requested' };
    case 'SEND_TO_DISTRIBUTION_CENER':
    case 'DISTRIBUTION_CENTER_RECEIVED':
    case 'WAIT_GOODS_RECEIVE_CONFIRM':
      return { status: 'shipped', refundState: 'none' };
    case 'RECEIPTS_CONFIRM':
    case 'FINISHED_L':
      return { status: 'completed', refundState: 'none' };
    case 'TRADE_CANCELED':
      return { status: 'cancelled', refundState: paid ? 'refunded' : 'none' };
    default:
      return null;
  }
}

/** The state JD shows for a platform-neutral order (the simulator's rendering). */
export function jdStateOf(status: OrderStatus, refundState: RefundState): string {
  if (status === 'cancelled') return 'TRADE_CANCELED';
  if (refundState === 'requested' && status === 'paid') return 'LOCKED';
  switch (status) {
    case 'unpaid':
    case 'paid':
      return 'WAIT_SELLER_STOCK_OUT';
    case 'shipped':
      return 'WAIT_GOODS_RECEIVE_CONFIRM';
    case 'completed':
      return 'FINISHED_L';
  }
}
