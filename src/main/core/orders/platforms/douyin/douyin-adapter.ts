import {
  PlatformError,
  ShopAdapter,
  type AdapterOptions,
  type OrderPage,
  type OrderPageRequest,
} from '../../platform-adapter';
import { nextPageToken, readPageToken, type PageNumberState } from '../../page-number-paging';
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
      timeResolutionMs: 1000,
    });
  }

  async fetchOrderPage(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage> {
    const state = readPageToken('douyin', req.pageToken, 0);
    const page = state.page;
    const size = Math.min(req.pageSize, MAX_PAGE_SIZE);
    // Whole seconds, both ends inclusive. The end is the last second wholly before `to` (which
    // is at most now − lag): a window never reaches into the future, where an order updated
    // while we page would shift the pages (orders of the partial second come in the next window).
    const start = Math.floor(req.from / 1000);
    const end = Math.floor(req.to / 1000) - 1;
    if (end < start) return { lines: [], nextPageToken: null };
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
    return douyinOrderPage(data, this.shopId, state, size);
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
 * One `order.searchList` answer's data (page `state.page` of `size`) as lines (each order's JSON as
 * received) and the next page's token.
 */
export function douyinOrderPage(
  data: Record<string, unknown>,
  shopId: string,
  state: PageNumberState,
  size: number,
): OrderPage {
  const list = data.shop_order_list ?? [];
  if (!Array.isArray(list))
    throw new PlatformError('douyin', 'malformed', 'Douyin answer: data.shop_order_list is not a list');
  const total = data.total === undefined || data.total === null ? undefined : Number(data.total);
  if (total !== undefined && !(Number.isSafeInteger(total) && total >= 0))
    throw new PlatformError('douyin', 'malformed', 'Douyin answer: data.total is not a count');
  const lines = list.flatMap((o) => {
    try {
      return douyinOrderToLines(o, shopId, sourceOf(o) ?? JSON.stringify(o));
    } catch (err) {
      throw new PlatformError('douyin', 'malformed', `Douyin order unreadable: ${(err as Error).message}`);
    }
  });
  return { lines, nextPageToken: nextPageToken(state, 0, size, list.length, total) };
}
