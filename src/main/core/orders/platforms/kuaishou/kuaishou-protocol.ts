/**
 * Kuaishou e-commerce open platform: protocol constants. Confidence per
 * ../../../../../../../shared/docs/platform-order-apis.md: H unless marked "?" (not confirmed:
 * kept as named constants, pinned by tests, easy to change when a real response says otherwise).
 */
export const KUAISHOU_GATEWAY = 'https://openapi.kwaixiaodian.com';
export const ORDER_LIST_METHOD = 'open.order.cursor.list';
/** Method name with dots as slashes. */
export const methodPath = (method: string): string => `/${method.replaceAll('.', '/')}`;
export const REFRESH_PATH = '/oauth2/refresh_token';

export const RESULT_OK = 1;
export const CURSOR_END = 'nomore';
export const MAX_PAGE_SIZE = 50;
export const MAX_WINDOW_MS = 7 * 24 * 3_600_000;
export const MAX_LOOKBACK_MS = 90 * 24 * 3_600_000;
export const ERR_WINDOW_TOO_LONG = 300004;
export const ERR_TOO_OLD = 300005;
/** ? codes for parameter errors, bad signature, expired / invalid token, missing scope. */
export const ERR_PARAM = 300001;
export const ERR_SIGN = 28;
export const ERR_TOKEN_EXPIRED = 24;
export const ERR_TOKEN_INVALID = 25;
export const ERR_NO_PERMISSION = 27;
/** Throttle responses carry one of these in their message (H); the result code itself is ?. */
export const ERR_THROTTLED = 1017;
export const THROTTLE_MARKERS = ['Exceed qps limit', 'Exceed quota limit', '[1017]'];
/** Order list rate limit per app and per user (H). */
export const ORDER_LIST_QPS = 300;

/** orderBaseInfo.status (H). */
export const STATUS = { unpaid: 10, paid: 30, shipped: 40, signed: 50, success: 70, closed: 80 } as const;
/** orderRefundList[].refundStatus: ? (values follow the after-sales doc's "applied" / "refund success"). */
export const REFUND_STATUS = { applied: 10, refunded: 60 } as const;

export interface KuaishouOrder {
  orderBaseInfo: {
    oid: string;
    status: number;
    createTime: number;
    payTime: number;
    updateTime: number;
    totalFee: number;
    discountFee: number;
    expressFee: number;
  };
  orderItemInfo: {
    skuId: string;
    relSkuId: string;
    skuNick: string;
    itemId: string;
    relItemId: string;
    itemTitle: string;
    num: number;
    price: number;
    originalPrice: number;
    goodsCode: string;
  };
  orderRefundList: { refundId: string; refundStatus: number; refundFee: number }[];
}

/** Fields that are 64-bit ids: sent as JSON numbers by the platform, read losslessly. */
export const BIG_ID_FIELDS = new Set(['oid', 'skuId', 'relSkuId', 'itemId', 'relItemId', 'refundId']);
