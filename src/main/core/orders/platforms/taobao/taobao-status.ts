import type { OrderStatus, RefundState } from '../../order-record';

/** Trade or sub-order status → platform-neutral status (null = a status we do not know). */
export function mapTaobaoStatus(status: string): OrderStatus | null {
  switch (status) {
    case 'TRADE_NO_CREATE_PAY':
    case 'WAIT_BUYER_PAY':
    case 'PAY_PENDING':
    case 'WAIT_PRE_AUTH_CONFIRM':
      return 'unpaid';
    case 'WAIT_SELLER_SEND_GOODS':
    case 'PAID_FORBID_CONSIGN':
      return 'paid';
    case 'SELLER_CONSIGNED_PART':
    case 'WAIT_BUYER_CONFIRM_GOODS':
    case 'TRADE_BUYER_SIGNED':
      return 'shipped';
    case 'TRADE_FINISHED':
      return 'completed';
    case 'TRADE_CLOSED': // closed after payment (e.g. fully refunded) or by the seller
    case 'TRADE_CLOSED_BY_TAOBAO': // closed while unpaid
      return 'cancelled';
    default:
      return null;
  }
}

/** Sub-order `refund_status` → refund state; a refused or closed refund leaves the line as it was. */
export function mapTaobaoRefund(refundStatus: string | undefined): RefundState | null {
  switch (refundStatus ?? 'NO_REFUND') {
    case 'NO_REFUND':
    case 'CLOSED':
      return 'none';
    case 'WAIT_SELLER_AGREE':
    case 'WAIT_BUYER_RETURN_GOODS':
    case 'WAIT_SELLER_CONFIRM_GOODS':
    case 'SELLER_REFUSE_BUYER':
      return 'requested';
    case 'SUCCESS':
      return 'refunded';
    default:
      return null;
  }
}

/** The statuses Taobao shows for a platform-neutral order (the simulator's rendering). */
export function taobaoStatusOf(status: OrderStatus, paid: boolean): string {
  switch (status) {
    case 'unpaid':
      return 'WAIT_BUYER_PAY';
    case 'paid':
      return 'WAIT_SELLER_SEND_GOODS';
    case 'shipped':
      return 'WAIT_BUYER_CONFIRM_GOODS';
    case 'completed':
      return 'TRADE_FINISHED';
    case 'cancelled':
      return paid ? 'TRADE_CLOSED' : 'TRADE_CLOSED_BY_TAOBAO';
  }
}

export function taobaoRefundStatusOf(refund: RefundState): string {
  return refund === 'none' ? 'NO_REFUND' : refund === 'requested' ? 'WAIT_SELLER_AGREE' : 'SUCCESS';
}
