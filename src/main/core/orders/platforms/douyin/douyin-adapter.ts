import {
  PlatformError,
  ShopAdapter,
  type AdapterOptions,
  type OrderPage,
  type OrderPageRequest,
} from '../../platform-adapter';
import { sourceOf } from '../../platform-json';
import { SingleFlight } from '../../sync/mutex';
import { callDouyin } from './douyin-client';
import { douyinOrderToLines } from './douyin-mapping';
import {
  DOUYIN_GATEWAY,
  MAX_LOOKBACK_MS,
  MAX_PAGE_SIZE,
  MAX_WINDOW_MS,
  ORDER_LIST_METHOD,
  TOKEN_REFRESH_METHOD,
  type DouyinTimestampFormat,
} from './douyin-protocol';
import type { DouyinSignMethod } from './douyin-signing';

export interface DouyinCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  signMethod: DouyinSignMethod;
  timestampFormat?: DouyinTimestampFormat;
}

/** Douyin `order.searchList` for one shop: page numbers from 0, windows in epoch seconds, sub-orders as lines. */
export class DouyinAdapter extends ShopAdapter<DouyinCredentials> {
  readonly platform = 'douyin' as const;
  private readonly refreshing = new SingleFlight<void>();

  constructor(credentials: DouyinCredentials, options: AdapterOptions) {
    super(credentials, options, DOUYIN_GATEWAY, {
      maxWindowMs: MAX_WINDOW_MS,
      maxLookbackMs: MAX_LOOKBACK_MS,
      maxPageSize: MAX_PAGE_SIZE,
    });
  }

  async fetchOrderPage(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage> {
    const page = req.pageToken === null ? 0 : Number(req.pageToken);
    const size = Math.min(req.pageSize, MAX_PAGE_SIZE);
    // Whole seconds, both ends inclusive: widen to cover [from, to); re-reading an edge is harmless.
    const start = Math.floor(req.from / 1000);
    const end = Math.ceil(req.to / 1000);
    const field = req.by === 'update' ? 'update_time' : 'create_time';
    const data = await callDouyin(
      this.gateway,
      ORDER_LIST_METHOD,
      {
        page,
        size,
        order_by: field,
        order_asc: true,
        [`${field}_start`]: start,
        [`${field}_end`]: end,
      },
      this.credentials,
      signal,
      this.clock(),
    );
    return douyinOrderPage(data, this.shopId, page, size);
  }

  async testConnection(signal: AbortSignal): Promise<void> {
    const now = this.clock();
    await this.fetchOrderPage(
      { from: now - 60_000, to: now, by: 'update', pageToken: null, pageSize: 1 },
      signal,
    );
  }

  /** `token.refresh`; the pair is persisted before use; concurrent callers share one refresh. */
  refreshToken(signal: AbortSignal): Promise<void> {
    return this.refreshing.run(async () => {
      const data = await callDouyin(
        this.gateway,
        TOKEN_REFRESH_METHOD,
        { grant_type: 'refresh_token', refresh_token: this.credentials.refreshToken },
        { ...this.credentials, accessToken: undefined },
        signal,
        this.clock(),
      );
      const { access_token: accessToken, refresh_token: refreshToken } = data;
      if (typeof accessToken !== 'string' || typeof refreshToken !== 'string')
        throw new PlatformError('douyin', 'malformed', 'token.refresh answer without tokens');
      this.tokens?.save({ accessToken, refreshToken });
      this.credentials = { ...this.credentials, accessToken, refreshToken };
    });
  }
}

/**
 * One `order.searchList` answer's data (page `page` of `size`) as lines (each order's JSON as
 * received) and the next page's token.
 */
export function douyinOrderPage(
  data: Record<string, unknown>,
  shopId: string,
  page: number,
  size: number,
): OrderPage {
  const list = data.shop_order_list ?? [];
  const total = Number(data.total ?? 0);
  if (!Array.isArray(list) || !Number.isFinite(total))
    throw new PlatformError('douyin', 'malformed', 'shop_order_list / total missing');
  const lines = list.flatMap((o) => {
    try {
      return douyinOrderToLines(o, shopId, sourceOf(o) ?? JSON.stringify(o));
    } catch (err) {
      throw new PlatformError('douyin', 'malformed', `Douyin order unreadable: ${(err as Error).message}`);
    }
  });
  return { lines, nextPageToken: (page + 1) * size < total ? String(page + 1) : null };
}
