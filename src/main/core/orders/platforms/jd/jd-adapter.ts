import { nextPageToken, readPageToken } from '../../page-number-paging';
import {
  ShopAdapter,
  type AdapterOptions,
  type OrderPage,
  type OrderPageRequest,
} from '../../platform-adapter';
import { formatBeijingTime } from '../common/beijing-time';
import { postSignedForm } from '../common/gateway-call';
import { mapJdSearchResponse } from './jd-mapping';
import {
  JD_API_VERSION,
  JD_DATE_TYPE,
  JD_GATEWAY_ORIGIN,
  JD_GATEWAY_PATH,
  JD_MAX_LOOKBACK_MS,
  JD_MAX_PAGE_SIZE,
  JD_MAX_WINDOW_MS,
  JD_OPTIONAL_FIELDS,
  JD_ORDER_SEARCH,
  JD_ORDER_STATES,
} from './jd-protocol';
import { jdSign, type JdSignMethod } from './jd-signing';

export interface JdCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  /** Absent: md5. */
  signMethod?: JdSignMethod;
}

/** `jingdong.pop.order.search` for one JD shop: signing, Beijing-time windows, page numbers. */
export class JdAdapter extends ShopAdapter<JdCredentials> {
  readonly platform = 'jd' as const;

  constructor(credentials: JdCredentials, options: AdapterOptions) {
    super(credentials, options, JD_GATEWAY_ORIGIN, {
      maxWindowMs: JD_MAX_WINDOW_MS,
      maxLookbackMs: JD_MAX_LOOKBACK_MS,
      maxPageSize: JD_MAX_PAGE_SIZE,
      timeResolutionMs: 1000,
    });
  }

  /**
   * One page. JD windows are whole seconds, both ends inclusive: [from, to) in ms becomes
   * [floor(from), floor(to) − 1 s], the last second wholly before `to` (at most now − lag), so a
   * window never reaches into the future; the orders of the partial last second come in the next
   * window. Page numbers check themselves against `orderTotal` (see page-number-paging.ts).
   */
  async fetchOrderPage(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage> {
    const state = readPageToken('jd', req.pageToken, 1);
    const page = state.page;
    const pageSize = Math.min(req.pageSize, JD_MAX_PAGE_SIZE);
    const endSecond = Math.floor(req.to / 1000) * 1000 - 1000;
    if (endSecond < Math.floor(req.from / 1000) * 1000) return { lines: [], nextPageToken: null };
    const business = {
      start_date: formatBeijingTime(req.from),
      end_date: formatBeijingTime(endSecond),
      order_state: JD_ORDER_STATES.join(','),
      optional_fields: JD_OPTIONAL_FIELDS.join(','),
      page: String(page),
      page_size: String(pageSize),
      dateType: req.by === 'update' ? JD_DATE_TYPE.update : JD_DATE_TYPE.create,
    };
    const body = await this.call(JSON.stringify(business), signal);
    const { lines, orders, orderTotal } = mapJdSearchResponse(body, this.shopId);
    return { lines, nextPageToken: nextPageToken(state, 1, pageSize, orders, orderTotal) };
  }

  private call(paramJson: string, signal: AbortSignal) {
    const params: Record<string, string> = {
      method: JD_ORDER_SEARCH,
      app_key: this.credentials.appKey,
      access_token: this.credentials.accessToken,
      timestamp: formatBeijingTime(this.clock()),
      v: JD_API_VERSION,
      format: 'json',
      sign_method: this.credentials.signMethod ?? 'md5',
      '360buy_param_json': paramJson,
    };
    params['sign'] = jdSign(params, this.credentials.appSecret, this.credentials.signMethod ?? 'md5');
    return postSignedForm('jd', `${this.gateway}${JD_GATEWAY_PATH}`, params, signal);
  }
}
