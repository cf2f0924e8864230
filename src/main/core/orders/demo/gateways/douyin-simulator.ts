import { stringifyWithBigIds } from '../../platform-json';
import {
  TokenGatewaySimulator,
  type GatewayRequest,
  type GatewayResponse,
  type TokenGatewayOptions,
} from './simulated-gateway';
import type { SimulatedShop, TruthOrder } from '../simulated-shop';
import { renderDouyinOrder } from './douyin-render';
import {
  API_VERSION,
  BIG_ID_FIELDS,
  CODE_OK,
  ERR,
  MAX_LOOKBACK_MS,
  MAX_PAGE_SIZE,
  MAX_WINDOW_MS,
  methodPath,
  ORDER_LIST_METHOD,
  ORDER_LIST_QPS,
  TOKEN_REFRESH_METHOD,
} from '../../platforms/douyin/douyin-protocol';
import { canonicalParamJson, douyinSign, type DouyinSignMethod } from '../../platforms/douyin/douyin-signing';

export interface DouyinSimulatorOptions extends TokenGatewayOptions {
  appKey: string;
  appSecret: string;
  /** Without the order scope, order.searchList is refused. */
  scopes?: string[];
}

type Err = { code: number; sub: string };

/**
 * A protocol-faithful Douyin shop gateway on 127.0.0.1: query-string common parameters, the body
 * must be the canonical param_json that was signed (md5 / hmac-sha256 hex), pages from 0 with
 * size ≤ 100 and a total, windows in epoch seconds, throttling per app, token.refresh, and every
 * FaultPlan fault.
 */
export class DouyinSimulator extends TokenGatewaySimulator {
  constructor(
    readonly shop: SimulatedShop,
    private readonly o: DouyinSimulatorOptions,
  ) {
    super('dy', ORDER_LIST_QPS, o);
  }

  protected handle(req: GatewayRequest): GatewayResponse {
    const method = req.query.get('method') ?? '';
    if (req.method !== 'POST' || req.path !== methodPath(method)) return fail(ERR.param, 'unknown method');
    const isOrders = method === ORDER_LIST_METHOD;
    if (isOrders) {
      this.stats.requests++;
      const fault = this.faults.nextRequest();
      if (fault === 'timeout') return { status: 200, body: '', hang: true };
      if (fault === 'server_error')
        return { status: 503, body: 'upstream unavailable', contentType: 'text/plain' };
      if (fault === 'malformed_json')
        return { status: 200, body: '{"code":10000,"data":{"shop_order_list":[{"order_id":"69' };
      if (fault === 'throttle' || this.limiter.tryTake() > 0) {
        this.stats.throttled++;
        return fail(ERR.throttled, '请求频率超限 too many requests');
      }
    }
    const q = req.query;
    if (q.get('app_key') !== this.o.appKey) return fail(ERR.param, 'app_key invalid');
    if (q.get('v') !== API_VERSION) return fail(ERR.param, 'v must be 2');
    const signMethod = (q.get('sign_method') ?? 'md5') as DouyinSignMethod;
    if (signMethod !== 'md5' && signMethod !== 'hmac-sha256') return fail(ERR.param, 'sign_method invalid');
    let param: Record<string, unknown>;
    try {
      param = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return fail(ERR.param, 'param_json is not JSON');
    }
    if (canonicalParamJson(param) !== req.body)
      return fail(ERR.sign, 'param_json not canonical (sorted, no whitespace)');
    const expected = douyinSign(
      {
        appKey: this.o.appKey,
        method,
        paramJson: req.body,
        timestamp: q.get('timestamp') ?? '',
        v: API_VERSION,
      },
      this.o.appSecret,
      signMethod,
    );
    if (q.get('sign') !== expected) {
      if (isOrders) this.stats.rejectedSign++;
      return fail(ERR.sign, 'sign invalid');
    }
    if (method === TOKEN_REFRESH_METHOD) return this.refresh(param);
    if (!isOrders) return fail(ERR.param, 'unknown method');
    const token = this.tokens.use(q.get('access_token') ?? '', this.faults.plan.expireTokenAfter);
    if (token === 'invalid') return fail(ERR.tokenInvalid, 'access_token invalid');
    if (token === 'expired') return fail(ERR.tokenExpired, 'access_token expired');
    if (!(this.o.scopes ?? ['order']).includes('order')) return fail(ERR.noPermission, 'no order permission');
    return this.searchList(param);
  }

  private refresh(param: Record<string, unknown>): GatewayResponse {
    if (param.grant_type !== 'refresh_token') return fail(ERR.param, 'grant_type must be refresh_token');
    const pair = this.tokens.refresh(String(param.refresh_token ?? ''), false);
    if (!pair) return fail(ERR.tokenInvalid, 'refresh_token invalid');
    return ok({
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: 604_800,
      scope: 'SCOPE',
      shop_id: 1_000_000,
      shop_name: this.shop.shopId,
    });
  }

  private searchList(p: Record<string, unknown>): GatewayResponse {
    const page = Number(p.page ?? 0);
    const size = Number(p.size ?? 10);
    if (!Number.isInteger(page) || page < 0) return fail(ERR.param, 'page starts at 0');
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
      return fail(ERR.param, 'size must be 1..100');
    const by = p.update_time_start !== undefined || p.order_by === 'update_time' ? 'update' : 'create';
    const field = by === 'update' ? 'update_time' : 'create_time';
    const start = Number(p[`${field}_start`]);
    const end = Number(p[`${field}_end`]);
    if (!Number.isInteger(start) || !Number.isInteger(end) || end < start)
      return fail(ERR.param, `${field}_start/end invalid`);
    if ((end - start) * 1000 > MAX_WINDOW_MS) return fail(ERR.param, 'time range too long');
    if (start * 1000 < this.clock() - MAX_LOOKBACK_MS) return fail(ERR.param, 'time range too old');
    let list = this.shop.query(by, start * 1000, (end + 1) * 1000);
    if (p.order_asc === false) list = list.reverse();
    const slice = list.slice(page * size, page * size + size);
    const served: TruthOrder[] = [...slice];
    const tamper = this.faults.nextPage();
    if (tamper.duplicate && slice.length > 0) served.push(...slice.slice(0, Math.min(3, slice.length)));
    if (tamper.stale) {
      const older = slice.map((o) => this.shop.previousVersion(o.orderId)).find((v) => v !== undefined);
      if (older) served.push(older);
    }
    this.stats.pages++;
    return ok({ shop_order_list: served.map(renderDouyinOrder), total: list.length, page, size });
  }
}

const ok = (data: unknown): GatewayResponse => ({
  status: 200,
  body: stringifyWithBigIds(
    { code: CODE_OK, msg: 'success', sub_code: '', sub_msg: '', data, log_id: 'sim' },
    BIG_ID_FIELDS,
  ),
});
const fail = (e: Err, msg: string): GatewayResponse => ({
  status: 200,
  body: JSON.stringify({
    code: e.code,
    msg: 'error',
    sub_code: e.sub,
    sub_msg: msg,
    data: {},
    log_id: 'sim',
  }),
});
