import type { SimulatedShop } from '../simulated-shop';
import { parseBeijingTime } from '../../platforms/common/beijing-time';
import { stringifyLossless } from '../../platforms/common/lossless-json';
import {
  RouterGatewaySimulator,
  type GatewayRequest,
  type RequestFault,
  type GatewayResponse,
  type SimulatedGatewayOptions,
} from './simulated-gateway';
import {
  TAOBAO_MAX_PAGE_SIZE,
  TAOBAO_QUERIES,
  TAOBAO_TIMESTAMP_TOLERANCE_MS,
} from '../../platforms/taobao/taobao-protocol';
import { renderTaobaoTrade } from './taobao-render';
import { taobaoSign, type TaobaoSignMethod } from '../../platforms/taobao/taobao-signing';
import { beijingStartOfDay } from '@shared/time/beijing';

/** `qps`: calls per second per app before code 7 "App Call Limited" (Taobao's real figure varies: ?). */
export interface TaobaoSimulatorOptions extends SimulatedGatewayOptions {
  appKey: string;
  appSecret: string;
  session: string;
  /** How long a throttled app stays banned ("This ban will last for N more seconds"). */
  banMs?: number;
}

/**
 * A Taobao TOP gateway on 127.0.0.1 serving one SimulatedShop through
 * `taobao.trades.sold.increment.get` and `taobao.trades.sold.get`: checks app key, signature
 * (md5 and hmac), timestamp and session with TOP error codes, enforces the same-day window and
 * page limits, bans an app that exceeds its QPS for `banMs`, and injects the FaultPlan's faults.
 */
export class TaobaoSimulator extends RouterGatewaySimulator<TaobaoSimulatorOptions> {
  private bannedUntil = 0;
  private serverErrors = 0;

  constructor(shop: SimulatedShop, opts: TaobaoSimulatorOptions) {
    super('Taobao', '/router/rest', shop, opts, opts.session);
  }

  protected answer(req: GatewayRequest, fault: RequestFault): GatewayResponse {
    switch (fault) {
      case 'server_error':
        // Alternate between the two ways TOP fails on its side: an HTTP 5xx and an isp.* error.
        return this.serverErrors++ % 2 === 0
          ? { status: 503, body: '<html><body>503 Service Temporarily Unavailable</body></html>' }
          : topError(
              15,
              'Remote service error',
              'isp.remote-service-error',
              'service unavailable, retry later',
            );
      case 'malformed_json':
        return {
          status: 200,
          body: '{"trades_sold_increment_get_response":{"has_next":true,"trades":{"trade":[{"tid":',
        };
      case 'throttle':
        return appCallLimited(1);
      case null:
        break;
    }
    const p = req.params;
    if (!p['method']) return topError(21, 'Missing Method');
    if (!p['app_key']) return topError(28, 'Missing App Key');
    if (p['app_key'] !== this.opts.appKey) return topError(29, 'Invalid App Key');
    if (!p['sign']) return topError(24, 'Missing Signature');
    const signMethod = p['sign_method'] ?? 'md5';
    if (signMethod !== 'md5' && signMethod !== 'hmac') return topError(25, 'Invalid Signature');
    if (p['sign'] !== taobaoSign(p, this.opts.appSecret, signMethod as TaobaoSignMethod))
      return topError(25, 'Invalid Signature', 'isv.invalid-signature', 'Invalid signature');
    if (!p['timestamp']) return topError(30, 'Missing Timestamp');
    let ts: number;
    try {
      ts = parseBeijingTime(p['timestamp']);
    } catch {
      return topError(31, 'Invalid Timestamp');
    }
    if (Math.abs(ts - this.clock()) > TAOBAO_TIMESTAMP_TOLERANCE_MS) return topError(31, 'Invalid Timestamp');
    if (!p['session']) return topError(26, 'Missing Session');
    const session = this.checkCredential(p['session']);
    if (session === 'wrong') return topError(27, 'Invalid session', 'invalid-sessionkey', 'SessionKey非法');
    if (session === 'expired') return topError(27, 'Invalid session', 'session-expired', 'SessionKey已过期');
    const now = this.clock();
    if (now < this.bannedUntil) return appCallLimited(Math.ceil((this.bannedUntil - now) / 1000));
    if (this.limiter.tryTake() > 0) {
      const banMs = this.opts.banMs ?? 1_000;
      this.bannedUntil = now + banMs;
      return appCallLimited(Math.ceil(banMs / 1000));
    }
    const query = Object.values(TAOBAO_QUERIES).find((q) => q.method === p['method']);
    if (!query) return topError(22, 'Invalid Method');
    return this.trades(p, query);
  }

  private trades(p: Record<string, string>, query: (typeof TAOBAO_QUERIES)[keyof typeof TAOBAO_QUERIES]) {
    const fields = new Set((p['fields'] ?? '').split(',').filter(Boolean));
    if (fields.size === 0)
      return topError(40, 'Missing Required Arguments', 'isv.missing-parameter', 'fields');
    let start: number;
    let end: number;
    try {
      start = parseBeijingTime(p[query.start] ?? '');
      end = parseBeijingTime(p[query.end] ?? '');
    } catch {
      return invalid(`${query.start} and ${query.end} must be yyyy-MM-dd HH:mm:ss`);
    }
    if (end < start) return invalid(`${query.end} is before ${query.start}`);
    if (query.method === TAOBAO_QUERIES.update.method && beijingStartOfDay(start) !== beijingStartOfDay(end))
      return invalid(`${query.start} and ${query.end} must be within one day`);
    const page = Number(p['page_no'] ?? '1');
    const pageSize = Number(p['page_size'] ?? '40');
    if (!Number.isInteger(page) || page < 1) return invalid('page_no must be 1 or more');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > TAOBAO_MAX_PAGE_SIZE)
      return invalid(`page_size must be 1..${TAOBAO_MAX_PAGE_SIZE}`);
    const by = query === TAOBAO_QUERIES.update ? 'update' : 'create';
    const matching = this.shop.query(by, start, end + 1000); // whole seconds, inclusive
    const slice = matching.slice((page - 1) * pageSize, page * pageSize);
    const trades = this.servedPage(slice, (o) => renderTaobaoTrade(o, fields));
    const useHasNext = p['use_has_next'] === 'true';
    const hasNext = page * pageSize < matching.length;
    const res: Record<string, unknown> = useHasNext
      ? { has_next: hasNext }
      : { total_results: matching.length };
    if (trades.length > 0) res['trades'] = { trade: trades };
    return { status: 200, body: stringifyLossless({ [query.response]: res }) };
  }
}

function topError(code: number, msg: string, subCode?: string, subMsg?: string): GatewayResponse {
  const error_response = {
    code,
    msg,
    ...(subCode ? { sub_code: subCode } : {}),
    ...(subMsg ? { sub_msg: subMsg } : {}),
    request_id: 'sim' + Math.random().toString(36).slice(2, 10),
  };
  return { status: 200, body: JSON.stringify({ error_response }) };
}

const invalid = (why: string) => topError(15, 'Remote service error', 'isv.invalid-parameter', why);

const appCallLimited = (seconds: number) =>
  topError(
    7,
    'App Call Limited',
    'accesscontrol.limited-by-app-access-count',
    `This ban will last for ${seconds} more seconds`,
  );
