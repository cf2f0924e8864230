import {
  PlatformError,
  ShopAdapter,
  type AdapterOptions,
  type OrderPage,
  type OrderPageRequest,
} from '../../platform-adapter';
import { sourceOf } from '../../platform-json';
import { SingleFlight } from '../../sync/mutex';
import { callKuaishou, postForm } from './kuaishou-client';
import { kuaishouRefreshError } from './kuaishou-errors';
import { kuaishouOrderToLine } from './kuaishou-mapping';
import {
  CURSOR_END,
  KUAISHOU_GATEWAY,
  MAX_LOOKBACK_MS,
  MAX_PAGE_SIZE,
  MAX_WINDOW_MS,
  ORDER_LIST_METHOD,
  REFRESH_PATH,
  RESULT_OK,
} from './kuaishou-protocol';
import type { KuaishouHmacEncoding, KuaishouSignMethod } from './kuaishou-signing';

export interface KuaishouCredentials {
  appKey: string;
  appSecret: string;
  /** Distinct from appSecret: signs API calls. */
  signSecret: string;
  accessToken: string;
  refreshToken: string;
  signMethod: KuaishouSignMethod;
  hmacEncoding?: KuaishouHmacEncoding;
}

/** Kuaishou `open.order.cursor.list` for one shop: cursor paging by update or create time, ms, fen. */
export class KuaishouAdapter extends ShopAdapter<KuaishouCredentials> {
  readonly platform = 'kuaishou' as const;
  private readonly refreshing = new SingleFlight<void>();

  constructor(credentials: KuaishouCredentials, options: AdapterOptions) {
    super(credentials, options, KUAISHOU_GATEWAY, {
      maxWindowMs: MAX_WINDOW_MS,
      maxLookbackMs: MAX_LOOKBACK_MS,
      maxPageSize: MAX_PAGE_SIZE,
    });
  }

  async fetchOrderPage(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage> {
    const data = await callKuaishou(
      this.gateway,
      ORDER_LIST_METHOD,
      {
        orderViewStatus: 1,
        pageSize: Math.min(req.pageSize, MAX_PAGE_SIZE),
        sort: 2,
        queryType: req.by === 'update' ? 2 : 1,
        beginTime: req.from,
        // Kuaishou's endTime is inclusive; our windows end before `to`.
        endTime: req.to - 1,
        cursor: req.pageToken ?? '',
      },
      this.credentials,
      signal,
      this.clock(),
    );
    return kuaishouOrderPage(data, this.shopId);
  }

  /**
   * Refreshes the access token. The refresh token rotates (the old one dies within minutes), so
   * the new pair is persisted before it is used, and concurrent callers share one refresh.
   */
  refreshToken(signal: AbortSignal): Promise<void> {
    return this.refreshing.run(async () => {
      const body = await postForm(
        `${this.gateway}${REFRESH_PATH}`,
        {
          app_id: this.credentials.appKey,
          grant_type: 'refresh_token',
          refresh_token: this.credentials.refreshToken,
          app_secret: this.credentials.appSecret,
        },
        signal,
      );
      const result = Number(body.result);
      if (result !== RESULT_OK) throw kuaishouRefreshError(result, String(body.error_msg ?? ''));
      const accessToken = body.access_token;
      const refreshToken = body.refresh_token;
      if (typeof accessToken !== 'string' || typeof refreshToken !== 'string')
        throw new PlatformError('kuaishou', 'malformed', 'refresh answer without tokens');
      this.tokens?.save({ accessToken, refreshToken });
      this.credentials = { ...this.credentials, accessToken, refreshToken };
    });
  }
}

/** One `open.order.cursor.list` answer's data as lines (each order's JSON as received) and the next cursor. */
export function kuaishouOrderPage(data: Record<string, unknown>, shopId: string): OrderPage {
  const list = data.orderList ?? [];
  if (!Array.isArray(list)) throw new PlatformError('kuaishou', 'malformed', 'orderList is not a list');
  const lines = list.map((o) => {
    try {
      return kuaishouOrderToLine(o, shopId, sourceOf(o) ?? JSON.stringify(o));
    } catch (err) {
      throw new PlatformError(
        'kuaishou',
        'malformed',
        `Kuaishou order unreadable: ${(err as Error).message}`,
      );
    }
  });
  const cursor = typeof data.cursor === 'string' ? data.cursor : '';
  return { lines, nextPageToken: cursor === CURSOR_END || cursor === '' ? null : cursor };
}
