import {
  PlatformError,
  ShopAdapter,
  type AdapterOptions,
  type OrderPage,
  type OrderPageRequest,
} from '../../platform-adapter';
import { formatBeijingTime } from '../router-gateway/beijing-time';
import { postSignedForm } from '../router-gateway/gateway-call';
import { mapJdSearchResponse } from './jd-mapping';
import {
  JD_API_VERSION,
  JD_DATE_TYPE,
  JD_GATEWAY_URL,
  JD_MAX_LOOKBACK_MS,
  JD_MAX_PAGE_SIZE,
  JD_MAX_WINDOW_MS,
  JD_OPTIONAL_FIELDS,
  JD_ORDER_SEARCH,
  JD_ORDER_STATES,
} from './jd-protocol';
import { jdSign } from './jd-signing';

export interface JdCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
}

/** `jingdong.pop.order.search` for one JD shop: signing, Beijing-time windows, page numbers. */
export class JdAdapter extends ShopAdapter<JdCredentials> {
  readonly platform = 'jd' as const;

  constructor(credentials: JdCredentials, options: AdapterOptions) {
    super(credentials, options, JD_GATEWAY_URL, {
      maxWindowMs: JD_MAX_WINDOW_MS,
      maxLookbackMs: JD_MAX_LOOKBACK_MS,
      maxPageSize: JD_MAX_PAGE_SIZE,
    });
  }

  /**
   * One page. JD windows are whole seconds, both ends inclusive: [from, to) in ms becomes
   * [floor(from), floor(to − 1)] in seconds, so nothing in the window is missed; an order in the
   * last partial second may also come back in the next window, which the idempotent ledger absorbs.
   * The page token is the next page number.
   */
  async fetchOrderPage(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage> {
    const page = req.pageToken === null ? 1 : Number(req.pageToken);
    if (!Number.isSafeInteger(page) || page < 1)
      throw new PlatformError('jd', 'bad_request', `bad JD page token ${JSON.stringify(req.pageToken)}`);
    const pageSize = Math.min(req.pageSize, JD_MAX_PAGE_SIZE);
    const business = {
      start_date: formatBeijingTime(req.from),
      end_date: formatBeijingTime(Math.max(req.from, req.to - 1)),
      order_state: JD_ORDER_STATES.join(','),
      optional_fields: JD_OPTIONAL_FIELDS.join(','),
      page: String(page),
      page_size: String(pageSize),
      dateType: req.by === 'update' ? JD_DATE_TYPE.update : JD_DATE_TYPE.create,
    };
    const body = await this.call(JSON.stringify(business), signal);
    const { lines, orderTotal } = mapJdSearchResponse(body, this.shopId);
    const more = page * pageSize < orderTotal;
    return { lines, nextPageToken: more ? String(page + 1) : null };
  }

  /** Searches the last minute with page size 1: proves key, secret, token and permission. */
  async testConnection(signal: AbortSignal): Promise<void> {
    const now = this.clock();
    await this.fetchOrderPage(
      { from: now - 60_000, to: now, by: 'update', pageToken: null, pageSize: 1 },
      signal,
    );
  }

  private call(paramJson: string, signal: AbortSignal) {
    const params: Record<string, string> = {
      method: JD_ORDER_SEARCH,
      app_key: this.credentials.appKey,
      access_token: this.credentials.accessToken,
      timestamp: formatBeijingTime(this.clock()),
      v: JD_API_VERSION,
      format: 'json',
      sign_method: 'md5',
      '360buy_param_json': paramJson,
    };
    params['sign'] = jdSign(params, this.credentials.appSecret);
    return postSignedForm('jd', this.gateway, params, signal);
  }
}
