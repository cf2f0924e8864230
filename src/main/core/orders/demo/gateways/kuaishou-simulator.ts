import { stringifyWithBigIds } from '../../platform-json';
import {
  TokenGatewaySimulator,
  type GatewayRequest,
  type GatewayResponse,
  type TokenGatewayOptions,
} from './simulated-gateway';
import type { SimulatedShop, TruthOrder } from '../simulated-shop';
import { renderKuaishouOrder } from './kuaishou-render';
import {
  BIG_ID_FIELDS,
  CURSOR_END,
  ERR_NO_PERMISSION,
  ERR_PARAM,
  ERR_SIGN,
  ERR_THROTTLED,
  ERR_TOKEN_EXPIRED,
  ERR_TOKEN_INVALID,
  ERR_TOO_OLD,
  ERR_WINDOW_TOO_LONG,
  MAX_LOOKBACK_MS,
  MAX_PAGE_SIZE,
  MAX_WINDOW_MS,
  methodPath,
  ORDER_LIST_METHOD,
  ORDER_LIST_QPS,
  REFRESH_PATH,
} from '../../platforms/kuaishou/kuaishou-protocol';
import {
  KUAISHOU_SIGNED_PARAMS,
  kuaishouSign,
  type KuaishouHmacEncoding,
  type KuaishouSignedParams,
} from '../../platforms/kuaishou/kuaishou-signing';

/** `qps`: order-list calls per second the app may make before "Exceed qps limit". */
export interface KuaishouSimulatorOptions extends TokenGatewayOptions {
  appKey: string;
  appSecret: string;
  signSecret: string;
  hmacEncoding?: KuaishouHmacEncoding;
  /** Scope granted to the app; without merchant_order the order list is refused. */
  scopes?: string[];
}

/**
 * A protocol-faithful Kuaishou gateway on 127.0.0.1 serving a SimulatedShop: form-encoded calls,
 * signature check over the seven documented parameters, cursor paging ending in "nomore", page
 * size, 7-day window and 90-day lookback errors, QPS throttling with the platform's message,
 * rotating refresh tokens, and every FaultPlan fault.
 */
export class KuaishouSimulator extends TokenGatewaySimulator {
  constructor(
    readonly shop: SimulatedShop,
    private readonly o: KuaishouSimulatorOptions,
  ) {
    super('ks', ORDER_LIST_QPS, o);
  }

  protected handle(req: GatewayRequest): GatewayResponse {
    const form = new URLSearchParams(req.body);
    if (req.method === 'POST' && req.path === REFRESH_PATH) return this.refresh(form);
    if (req.method === 'POST' && req.path === methodPath(ORDER_LIST_METHOD)) return this.orderList(form);
    return { status: 404, body: '{"result":404,"error_msg":"no such method"}' };
  }

  private refresh(form: URLSearchParams): GatewayResponse {
    if (form.get('app_id') !== this.o.appKey || form.get('app_secret') !== this.o.appSecret)
      return fail(ERR_SIGN, 'app_id or app_secret invalid');
    const presented = form.get('refresh_token') ?? '';
    if (this.tokens.retired.has(presented))
      return fail(ERR_TOKEN_INVALID, 'refresh_token has been used (rotated)');
    const pair = this.tokens.refresh(presented, true);
    if (!pair) return fail(ERR_TOKEN_INVALID, 'refresh_token invalid');
    return ok({
      result: 1,
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: 172_800,
      refresh_token_expires_in: 15_552_000,
      scopes: ['merchant_order'],
    });
  }

  private orderList(form: URLSearchParams): GatewayResponse {
    this.stats.requests++;
    const fault = this.faults.nextRequest();
    if (fault === 'timeout') return { status: 200, body: '', hang: true };
    if (fault === 'server_error')
      return { status: 502, body: '<html>502 Bad Gateway</html>', contentType: 'text/html' };
    if (fault === 'malformed_json')
      return {
        status: 200,
        body: '{"result":1,"data":{"cursor":"x","orderList":[{"orderBaseInfo":{"oid":21',
      };
    if (fault === 'throttle' || this.limiter.tryTake() > 0) {
      this.stats.throttled++;
      return fail(ERR_THROTTLED, 'Exceed qps limit [1017]');
    }
    const params = Object.fromEntries(
      KUAISHOU_SIGNED_PARAMS.map((k) => [k, form.get(k) ?? '']),
    ) as KuaishouSignedParams;
    if (params.appkey !== this.o.appKey) return fail(ERR_PARAM, 'appkey invalid');
    if (params.signMethod !== 'MD5' && params.signMethod !== 'HMAC_SHA256')
      return fail(ERR_PARAM, 'signMethod invalid');
    if (form.get('sign') !== kuaishouSign(params, this.o.signSecret, this.o.hmacEncoding)) {
      this.stats.rejectedSign++;
      return fail(ERR_SIGN, 'sign invalid');
    }
    const token = this.tokens.use(params.access_token, this.faults.plan.expireTokenAfter);
    if (token === 'invalid') return fail(ERR_TOKEN_INVALID, 'access_token invalid');
    if (token === 'expired') return fail(ERR_TOKEN_EXPIRED, 'access_token expired');
    if (!(this.o.scopes ?? ['merchant_order']).includes('merchant_order'))
      return fail(ERR_NO_PERMISSION, 'no permission: merchant_order');
    let p: {
      pageSize?: number;
      sort?: number;
      queryType?: number;
      beginTime?: number;
      endTime?: number;
      cursor?: string;
    };
    try {
      p = JSON.parse(params.param) as typeof p;
    } catch {
      return fail(ERR_PARAM, 'param is not JSON');
    }
    const pageSize = p.pageSize ?? 10;
    const begin = p.beginTime ?? 0;
    const end = p.endTime ?? 0;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
      return fail(ERR_PARAM, 'pageSize must be 1..50');
    if (end < begin) return fail(ERR_PARAM, 'endTime before beginTime');
    if (end - begin > MAX_WINDOW_MS) return fail(ERR_WINDOW_TOO_LONG, 'time span exceeds 7 days');
    if (begin < this.clock() - MAX_LOOKBACK_MS) return fail(ERR_TOO_OLD, 'beginTime older than 90 days');
    const by = p.queryType === 1 ? 'create' : 'update';
    const key = by === 'update' ? 'updatedAt' : 'createdAt';
    let list = this.shop.query(by, begin, end + 1);
    if (p.sort === 1) list = list.reverse();
    const after = decodeCursor(p.cursor ?? '');
    if (after) {
      const asc = p.sort !== 1;
      list = list.filter((o) => {
        const c = o[key] - after.t || (o.orderId < after.id ? -1 : o.orderId > after.id ? 1 : 0);
        return asc ? c > 0 : c < 0;
      });
    }
    const page = list.slice(0, pageSize);
    const more = list.length > pageSize;
    const last = page.at(-1);
    const cursor = more && last ? encodeCursor(last[key], last.orderId) : CURSOR_END;
    const served: TruthOrder[] = [...page];
    const tamper = this.faults.nextPage();
    if (tamper.duplicate && page.length > 0) served.push(...page.slice(0, Math.min(3, page.length)));
    if (tamper.stale) {
      const older = page.map((o) => this.shop.previousVersion(o.orderId)).find((v) => v !== undefined);
      if (older) served.push(older);
    }
    this.stats.pages++;
    return ok({ result: 1, error_msg: '', data: { cursor, orderList: served.map(renderKuaishouOrder) } });
  }
}

const ok = (body: unknown): GatewayResponse => ({
  status: 200,
  body: stringifyWithBigIds(body, BIG_ID_FIELDS),
});
const fail = (result: number, msg: string): GatewayResponse => ({
  status: 200,
  body: JSON.stringify({ result, error_msg: msg }),
});

/** Keyset cursor: the (time, order id) of the last order served, so pages stay stable while orders change. */
const encodeCursor = (t: number, id: string): string => Buffer.from(`${t}:${id}`).toString('base64url');
function decodeCursor(c: string): { t: number; id: string } | null {
  if (!c) return null;
  const [t, id] = Buffer.from(c, 'base64url').toString('utf8').split(':');
  return t && id ? { t: Number(t), id } : null;
}
