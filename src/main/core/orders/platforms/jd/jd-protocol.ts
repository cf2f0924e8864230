import type { PlatformErrorKind } from '../../platform-adapter';

/** JD JOS constants. Confidence marks as in docs/platform-order-apis.md: H, M, L, ? (unconfirmed). */
/** The gateway origin (a shop's `gateway` setting replaces it) and the endpoint path on it (M). */
export const JD_GATEWAY_ORIGIN = 'https://api.jd.com';
export const JD_GATEWAY_PATH = '/routerjson';
export const JD_ORDER_SEARCH = 'jingdong.pop.order.search'; // M
/** The response wrapper key, with JD's historical spelling "responce" (M). */
export const JD_ORDER_SEARCH_RESPONSE = 'jingdong_pop_order_search_responce';
export const JD_API_VERSION = '2.0';

/**
 * "start_date/end_date span ≤ 1 month" (M) — whether a calendar month or 30 days is not
 * confirmed (?): we plan windows of at most 28 days, inside either reading. The simulator
 * enforces 30 days.
 */
export const JD_MAX_WINDOW_MS = 28 * 24 * 3600_000;
export const JD_SIMULATED_WINDOW_LIMIT_MS = 30 * 24 * 3600_000;
/** How far back the order search reaches (?): not documented to us; 90 days assumed. */
export const JD_MAX_LOOKBACK_MS = 90 * 24 * 3600_000;
export const JD_MAX_PAGE_SIZE = 100; // M
/** The gateway rejects timestamps further than this from its clock (L: "误差为6分钟"). */
export const JD_TIMESTAMP_TOLERANCE_MS = 6 * 60_000;

/** dateType: 0 = modified time (the default, M), 1 = order creation time (?). */
export const JD_DATE_TYPE = { update: '0', create: '1' } as const;

/** Every state we ask for; `order_state` filters, so an omitted state would be an order never seen. */
export const JD_ORDER_STATES = [
  'WAIT_SELLER_STOCK_OUT',
  'WAIT_SELLER_DELIVERY',
  'SEND_TO_DISTRIBUTION_CENER', // sic, JD's spelling
  'DISTRIBUTION_CENTER_RECEIVED',
  'WAIT_GOODS_RECEIVE_CONFIRM',
  'RECEIPTS_CONFIRM',
  'FINISHED_L',
  'TRADE_CANCELED',
  'LOCKED',
  'POP_ORDER_PAUSE',
] as const;

/** `optional_fields` is required (M): the fields our mapping reads. */
export const JD_OPTIONAL_FIELDS = [
  'orderId',
  'venderId',
  'orderState',
  'orderTotalPrice',
  'orderPayment',
  'orderStartTime',
  'paymentConfirmTime',
  'modified',
  'itemInfoList',
] as const;

/**
 * JD lists an order to the seller once it is paid (?): unpaid online orders are not shown, so a
 * JD order's first version is already `paid`. The simulator follows this.
 */
export const JD_LISTS_UNPAID_ORDERS = false;

/** What JD puts in a time field that has no value (seen in SDK samples, L). */
export const JD_EMPTY_TIME = '0001-01-01 00:00:00';

/**
 * Gateway error codes in `error_response.code` (L: one published table; ? where marked).
 * Unknown codes map to `server` (retryable with backoff, shown in the shop's status): a gateway
 * code we do not know is more likely platform trouble than a bug of ours.
 */
export const JD_GATEWAY_ERRORS: Readonly<Record<string, PlatformErrorKind>> = {
  '2': 'throttled', // App Call Limited
  '4': 'bad_request', // Missing Version
  '5': 'bad_request', // Unsupported Version
  '7': 'bad_request', // Missing Timestamp
  '8': 'bad_request', // Invalid Timestamp (clock off by more than 6 minutes)
  '11': 'bad_signature', // Missing Signature
  '12': 'bad_signature', // Invalid Signature
  '14': 'bad_request', // Missing Method
  '15': 'method_refused', // Invalid Method (not offered, or not to this app)
  '19': 'token_expired', // Invalid access_token (?: code from SDK samples)
  '21': 'bad_app_key', // Invalid app_key (L: SDK comment) — credentials the operator must fix
};
export const JD_UNKNOWN_GATEWAY_ERROR: PlatformErrorKind = 'server';

/** Business failures come back inside `apiResult` with success=false; we treat them as our bug. */
export const JD_BUSINESS_ERROR_KIND: PlatformErrorKind = 'bad_request';
