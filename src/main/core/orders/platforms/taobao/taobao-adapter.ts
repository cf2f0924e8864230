import {
  PlatformError,
  ShopAdapter,
  type AdapterOptions,
  type OrderPage,
  type OrderPageRequest,
} from '../../platform-adapter';
import { nextPageToken, readPageToken, type PageNumberState } from '../../page-number-paging';
import { formatBeijingTime } from '../common/beijing-time';
import { postSignedForm } from '../common/gateway-call';
import { mapTaobaoTradesResponse } from './taobao-mapping';
import {
  TAOBAO_API_VERSION,
  TAOBAO_GATEWAY_ORIGIN,
  TAOBAO_GATEWAY_PATH,
  TAOBAO_MAX_LOOKBACK_MS,
  TAOBAO_MAX_PAGE_SIZE,
  TAOBAO_MAX_WINDOW_MS,
  TAOBAO_QUERIES,
  TAOBAO_TRADE_FIELDS,
} from './taobao-protocol';
import { taobaoSign, type TaobaoSignMethod } from './taobao-signing';
import { splitAtBeijingMidnight } from '../common/beijing-time';

export interface TaobaoCredentials {
  appKey: string;
  appSecret: string;
  /** The seller's session key (access token). */
  session: string;
  signMethod: TaobaoSignMethod;
}

/**
 * Taobao/Tmall orders for one shop: `taobao.trades.sold.increment.get` by modified time, and
 * `taobao.trades.sold.get` by created time for the reconciliation sweep. Page token = "<segment>:<page_no>":
 * a window crossing Beijing midnight is queried as two same-day segments (see taobao-protocol.ts).
 */
export class TaobaoAdapter extends ShopAdapter<TaobaoCredentials> {
  readonly platform = 'taobao' as const;

  constructor(credentials: TaobaoCredentials, options: AdapterOptions) {
    super(credentials, options, TAOBAO_GATEWAY_ORIGIN, {
      maxWindowMs: TAOBAO_MAX_WINDOW_MS,
      maxLookbackMs: TAOBAO_MAX_LOOKBACK_MS,
      maxPageSize: TAOBAO_MAX_PAGE_SIZE,
      timeResolutionMs: 1000,
    });
  }

  /**
   * One page of one segment. Windows are whole seconds, both ends inclusive: [from, to) in ms
   * becomes [floor(from), floor(to) − 1 s], the last second wholly before `to` (at most now − lag),
   * so a window never reaches into the future; the orders of the partial last second come in the
   * next window. Page numbers check themselves against `total_results` (page-number-paging.ts).
   */
  async fetchOrderPage(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage> {
    const query = TAOBAO_QUERIES[req.by];
    const segments = splitAtBeijingMidnight(req.from, req.to);
    const [segment, state] = parseToken(req.pageToken, segments.length);
    const window = segments[segment]!;
    const pageSize = Math.min(req.pageSize, TAOBAO_MAX_PAGE_SIZE);
    const nextSegment = segment + 1 < segments.length ? `${segment + 1}:1` : null;
    const endSecond = Math.floor(window.to / 1000) * 1000 - 1000;
    if (endSecond < Math.floor(window.from / 1000) * 1000) return { lines: [], nextPageToken: nextSegment };
    const body = await this.call(
      query.method,
      {
        fields: TAOBAO_TRADE_FIELDS.join(','),
        [query.start]: formatBeijingTime(window.from),
        [query.end]: formatBeijingTime(endSecond),
        page_no: String(state.page),
        page_size: String(pageSize),
      },
      signal,
    );
    const { lines, trades, total, hasNext } = mapTaobaoTradesResponse(body, query.response, this.shopId);
    const next =
      total === undefined && hasNext !== undefined
        ? hasNext
          ? String(state.page + 1)
          : null
        : nextPageToken(state, 1, pageSize, trades, total);
    return { lines, nextPageToken: next === null ? nextSegment : `${segment}:${next}` };
  }

  private call(method: string, business: Record<string, string>, signal: AbortSignal) {
    const params: Record<string, string> = {
      method,
      app_key: this.credentials.appKey,
      session: this.credentials.session,
      timestamp: formatBeijingTime(this.clock()),
      v: TAOBAO_API_VERSION,
      format: 'json',
      sign_method: this.credentials.signMethod,
      ...business,
    };
    params['sign'] = taobaoSign(params, this.credentials.appSecret, this.credentials.signMethod);
    return postSignedForm('taobao', `${this.gateway}${TAOBAO_GATEWAY_PATH}`, params, signal);
  }
}

function parseToken(token: string | null, segments: number): [number, PageNumberState] {
  if (token === null) return [0, readPageToken('taobao', null, 1)];
  const m = /^(\d+):(.+)$/.exec(token);
  const segment = m ? Number(m[1]) : NaN;
  if (!(segment < segments))
    throw new PlatformError('taobao', 'bad_request', `bad Taobao page token ${JSON.stringify(token)}`);
  return [segment, readPageToken('taobao', m![2]!, 1)];
}
