/**
 * Douyin shop (抖店) open platform: protocol constants. H/M per the platform doc; "?" = not
 * confirmed, kept as a named constant and pinned by tests.
 */
export const DOUYIN_GATEWAY = 'https://openapi-fxg.jinritemai.com';
export const ORDER_LIST_METHOD = 'order.searchList';
export const TOKEN_REFRESH_METHOD = 'token.refresh';
export const methodPath = (method: string): string => `/${method.replaceAll('.', '/')}`;
export const API_VERSION = '2';

export const CODE_OK = 10000;
export const MAX_PAGE_SIZE = 100;
/** ? The docs give no window limit for searchList; a week keeps pages few and is accepted. */
export const MAX_WINDOW_MS = 7 * 24 * 3_600_000;
/** ? */
export const MAX_LOOKBACK_MS = 90 * 24 * 3_600_000;

/** ? Error codes / sub-codes (the gateway's isv.* / isp.* families). */
export const ERR = {
  param: { code: 40004, sub: 'isv.parameter-invalid' },
  sign: { code: 40003, sub: 'isv.signature-invalid' },
  tokenExpired: { code: 30002, sub: 'isv.access-token-expired' },
  tokenInvalid: { code: 30001, sub: 'isv.access-token-no-exist' },
  noPermission: { code: 30005, sub: 'isv.permission-denied' },
  throttled: { code: 50002, sub: 'isv.frequency-limited' },
  server: { code: 50000, sub: 'isp.service-error' },
} as const;
/** ? Douyin publishes no QPS for searchList; the simulator throttles at this per app. */
export const ORDER_LIST_QPS = 100;

/**
 * Timestamp format: seen both as epoch seconds and as `yyyy-MM-dd HH:mm:ss` Beijing time (M).
 * A setting; Beijing date-time is the default the official SDKs send.
 */
export type DouyinTimestampFormat = 'datetime' | 'epoch';

/** order_status (H). */
export const STATUS = {
  unpaid: 1,
  paid: 105,
  preparing: 2,
  partShipped: 101,
  shipped: 3,
  cancelled: 4,
  completed: 5,
} as const;
/** ? after_sale_info.refund_status: 0 none, 1 refunding, 3 refunded. */
export const REFUND_STATUS = { none: 0, refunding: 1, refunded: 3 } as const;

export const BIG_ID_FIELDS = new Set(['product_id', 'sku_id', 'shop_id']);
