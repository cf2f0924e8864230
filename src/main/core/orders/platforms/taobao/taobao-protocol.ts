import type { PlatformErrorKind } from '../../platform-adapter';

/** Taobao TOP constants. Confidence marks as in docs/platform-order-apis.md: H, M, L, ?. */
/** The gateway origin (a shop's `gateway` setting replaces it) and the endpoint path on it (M). */
export const TAOBAO_GATEWAY_ORIGIN = 'https://gw.api.taobao.com';
export const TAOBAO_GATEWAY_PATH = '/router/rest';
export const TAOBAO_INCREMENT_GET = 'taobao.trades.sold.increment.get'; // M
export const TAOBAO_INCREMENT_RESPONSE = 'trades_sold_increment_get_response';
/**
 * The create-time query of the reconciliation sweep: same trade shape, `start_created` /
 * `end_created`. It is OUTSIDE the described API (the description names only
 * `taobao.trades.sold.increment.get` and `taobao.trade.fullinfo.get`), so a gateway may refuse it.
 * Fallback: a refusal (`method_refused`, or a parameter / permission refusal) turns the sweep off
 * for that shop with a warning in its status; the update-time windows and their overlapped pass go
 * on and remain the source of truth. Change the method here if the platform documents another.
 */
export const TAOBAO_SWEEP_METHOD = 'taobao.trades.sold.get';
export const TAOBAO_SOLD_GET_RESPONSE = 'trades_sold_get_response';

/** Per query kind: method, window parameter names, response wrapper. */
export const TAOBAO_QUERIES = {
  update: {
    method: TAOBAO_INCREMENT_GET,
    start: 'start_modified',
    end: 'end_modified',
    response: TAOBAO_INCREMENT_RESPONSE,
  },
  create: {
    method: TAOBAO_SWEEP_METHOD,
    start: 'start_created',
    end: 'end_created',
    response: TAOBAO_SOLD_GET_RESPONSE,
  },
} as const;
export const TAOBAO_API_VERSION = '2.0';

/**
 * "start_modified/end_modified within one day" (M): whether that is 24 hours or one calendar day
 * (Beijing) is not confirmed (?). Windows are at most 24 h and the adapter splits a window that
 * crosses Beijing midnight into two queries, which satisfies both readings. The simulator
 * enforces the stricter one (same Beijing calendar day).
 */
export const TAOBAO_MAX_WINDOW_MS = 24 * 3600_000;
/** How far back increment.get reaches (?): 90 days assumed. */
export const TAOBAO_MAX_LOOKBACK_MS = 90 * 24 * 3600_000;
export const TAOBAO_MAX_PAGE_SIZE = 100; // M
/** TOP rejects timestamps further than this from its clock (M). */
export const TAOBAO_TIMESTAMP_TOLERANCE_MS = 10 * 60_000;

/** `fields` to return: everything the mapping reads (ids as *_str so no client loses digits). */
export const TAOBAO_TRADE_FIELDS = [
  'tid',
  'tid_str',
  'status',
  'created',
  'pay_time',
  'modified',
  'payment',
  'orders.oid',
  'orders.oid_str',
  'orders.num_iid',
  'orders.sku_id',
  'orders.outer_sku_id',
  'orders.title',
  'orders.num',
  'orders.price',
  'orders.payment',
  'orders.status',
  'orders.refund_status',
] as const;

/**
 * Top-level `error_response.code` → kind (M: the TOP error table). Code 15 "Remote service
 * error" and unknown codes are decided by sub_code: `isp.*` is the platform's fault (retry),
 * `isv.*` is ours (do not retry).
 */
export const TAOBAO_ERRORS: Readonly<Record<string, PlatformErrorKind>> = {
  '7': 'throttled', // App Call Limited (sub_code accesscontrol.limited-by-*)
  '10': 'server', // Service Currently Unavailable
  '11': 'no_permission', // Insufficient ISV Permissions
  '12': 'no_permission', // Insufficient User Permissions
  '13': 'no_permission', // Insufficient Partner Permissions
  '21': 'bad_request', // Missing Method
  '22': 'method_refused', // Invalid Method (not offered, or not to this app)
  '23': 'bad_request', // Invalid Format
  '24': 'bad_signature', // Missing Signature
  '25': 'bad_signature', // Invalid Signature
  '26': 'token_expired', // Missing Session
  '27': 'token_expired', // Invalid Session
  '28': 'bad_app_key', // Missing App Key
  '29': 'bad_app_key', // Invalid App Key — credentials the operator must fix
  '30': 'bad_request', // Missing Timestamp
  '31': 'bad_request', // Invalid Timestamp (clock off by more than 10 minutes)
  '40': 'bad_request', // Missing Required Arguments
  '41': 'bad_request', // Invalid Arguments
  '42': 'no_permission', // Insufficient session permissions
  '43': 'bad_request', // Parameter Error
  '44': 'token_expired', // Invalid access token
  '47': 'bad_request', // Invalid encoding
};
