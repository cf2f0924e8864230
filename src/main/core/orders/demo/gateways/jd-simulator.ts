import { LosslessNumber } from 'lossless-json';
import type { SimulatedShop, TruthOrder } from '../simulated-shop';
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
  JD_DATE_TYPE,
  JD_MAX_PAGE_SIZE,
  JD_ORDER_SEARCH,
  JD_ORDER_SEARCH_RESPONSE,
  JD_SIMULATED_WINDOW_LIMIT_MS,
  JD_TIMESTAMP_TOLERANCE_MS,
} from '../../platforms/jd/jd-protocol';
import { jdListsOrder, renderJdOrder } from './jd-render';
import { jdSign, type JdSignMethod } from '../../platforms/jd/jd-signing';

/** `qps`: per-app calls per second before "App Call Limited" (JD's real limit is not published: ?). */
export interface JdSimulatorOptions extends SimulatedGatewayOptions {
  appKey: string;
  appSecret: string;
  accessToken: string;
}

/**
 * A JD JOS gateway on 127.0.0.1 serving one SimulatedShop through `jingdong.pop.order.search`:
 * checks app key, signature, timestamp and token with JD's gateway errors, enforces the window,
 * page and page-size rules, throttles per app, and injects the FaultPlan's faults.
 */
export class JdSimulator extends RouterGatewaySimulator<JdSimulatorOptions> {
  constructor(shop: SimulatedShop, opts: JdSimulatorOptions) {
    super('JD', '/routerjson', shop, opts, opts.accessToken);
  }

  protected answer(req: GatewayRequest, fault: RequestFault): GatewayResponse {
    switch (fault) {
      case 'server_error':
        return { status: 502, body: '<html><body>502 Bad Gateway</body></html>' };
      case 'malformed_json':
        return {
          status: 200,
          body: `{"${JD_ORDER_SEARCH_RESPONSE}":{"code":"0","searchorderinfo_result":{"orderInfoL`,
        };
      case 'throttle':
        return gatewayError('2', '限制时间内调用失败次数', 'App Call Limited');
      case null:
        break;
    }
    const p = req.params;
    if (!p['method']) return gatewayError('14', '缺少方法名参数', 'Missing Method');
    if (!p['v']) return gatewayError('4', '缺少版本参数', 'Missing Version');
    if (!p['timestamp']) return gatewayError('7', '缺少时间戳参数', 'Missing Timestamp');
    if (!p['sign']) return gatewayError('11', '缺少签名参数', 'Missing Signature');
    if (p['app_key'] !== this.opts.appKey)
      return gatewayError('21', `key=${p['app_key'] ?? ''} 信息无效`, 'Invalid app_key');
    if (p['sign'] !== jdSign(p, this.opts.appSecret, (p['sign_method'] ?? 'md5') as JdSignMethod))
      return gatewayError('12', '无效签名', 'Invalid Signature');
    let ts: number;
    try {
      ts = parseBeijingTime(p['timestamp']);
    } catch {
      return gatewayError('8', '非法的时间戳参数', 'Invalid Timestamp');
    }
    if (Math.abs(ts - this.clock()) > JD_TIMESTAMP_TOLERANCE_MS)
      return gatewayError('8', '非法的时间戳参数', 'Invalid Timestamp');
    // JD answers a wrong and an expired token alike.
    if (this.checkCredential(p['access_token']) !== null)
      return gatewayError('19', 'token已过期或者不存在，请重新授权访问。', 'Invalid access_token');
    if (this.limiter.tryTake() > 0) return gatewayError('2', '限制时间内调用失败次数', 'App Call Limited');
    if (p['method'] !== JD_ORDER_SEARCH) return gatewayError('15', '不存在的方法名', 'Invalid Method');
    return this.search(p['360buy_param_json'] ?? '');
  }

  private search(paramJson: string): GatewayResponse {
    let q: Record<string, unknown>;
    try {
      q = JSON.parse(paramJson) as Record<string, unknown>;
    } catch {
      return businessError('100', 'invalid 360buy_param_json');
    }
    const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : '');
    let start: number;
    let end: number;
    try {
      start = parseBeijingTime(str('start_date'));
      end = parseBeijingTime(str('end_date'));
    } catch {
      return businessError('101', 'start_date and end_date must be yyyy-MM-dd HH:mm:ss');
    }
    if (end < start || end - start > JD_SIMULATED_WINDOW_LIMIT_MS)
      return businessError('102', 'start_date and end_date must span at most one month');
    const fields = new Set(str('optional_fields').split(',').filter(Boolean));
    if (fields.size === 0) return businessError('103', 'optional_fields is required');
    const page = Number(str('page') || '1');
    const pageSize = Number(str('page_size') || '20');
    if (!Number.isInteger(page) || page < 1) return businessError('104', 'page must be 1 or more');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > JD_MAX_PAGE_SIZE)
      return businessError('105', `page_size must be 1..${JD_MAX_PAGE_SIZE}`);
    const dateType = str('dateType') || JD_DATE_TYPE.update;
    const by = dateType === JD_DATE_TYPE.create ? 'create' : 'update';
    const states = new Set(str('order_state').split(',').filter(Boolean));
    // Second-precision inclusive window, like the platform.
    const matching = this.shop
      .query(by, start, end + 1000)
      .filter((o) => jdListsOrder(o))
      .filter(
        (o) =>
          states.size === 0 || states.has(renderJdOrder(o, new Set(['orderState']))['orderState'] as string),
      );
    const slice: TruthOrder[] = matching.slice((page - 1) * pageSize, page * pageSize);
    const rendered = this.servedPage(slice, (o) => renderJdOrder(o, fields), jdListsOrder);
    const body = {
      [JD_ORDER_SEARCH_RESPONSE]: {
        code: '0',
        searchorderinfo_result: {
          apiResult: { success: true, resultCode: '0', chineseErrCode: '成功', englishErrCode: 'success' },
          orderInfoList: rendered,
          orderTotal: new LosslessNumber(String(matching.length)),
        },
      },
    };
    return { status: 200, body: stringifyLossless(body) };
  }
}

function gatewayError(code: string, zh: string, en: string): GatewayResponse {
  return { status: 200, body: JSON.stringify({ error_response: { code, zh_desc: zh, en_desc: en } }) };
}

function businessError(code: string, en: string): GatewayResponse {
  const apiResult = { success: false, resultCode: code, chineseErrCode: en, englishErrCode: en };
  return {
    status: 200,
    body: JSON.stringify({
      [JD_ORDER_SEARCH_RESPONSE]: { code: '0', searchorderinfo_result: { apiResult } },
    }),
  };
}
