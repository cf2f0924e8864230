import { kindFromMessage } from '../../error-markers';
import type { OrderLine } from '../../order-record';
import { PlatformError, type PlatformErrorKind } from '../../platform-adapter';
import { parseBeijingTime } from '../common/beijing-time';
import {
  arrayField,
  booleanField,
  FieldError,
  idField,
  intField,
  isObject,
  objectField,
  optionalStringField,
  stringField,
  rawJson,
  type JsonObject,
} from '../common/lossless-json';
import { yuanToFen } from '../common/money';
import { TAOBAO_ERRORS } from './taobao-protocol';
import { mapTaobaoRefund, mapTaobaoStatus } from './taobao-status';

/** Throws the PlatformError a TOP `error_response` stands for, if the body is one. */
export function throwIfTaobaoError(body: JsonObject): void {
  const err = body['error_response'];
  if (!isObject(err)) return;
  const code = optionalStringField(err, 'code') ?? '';
  const subCode = optionalStringField(err, 'sub_code') ?? '';
  const subMsg = optionalStringField(err, 'sub_msg') ?? '';
  const known = code === '15' ? undefined : TAOBAO_ERRORS[code];
  const msg = optionalStringField(err, 'msg') ?? '';
  const kind: PlatformErrorKind =
    known ??
    kindFromMessage(`${subCode} ${subMsg} ${msg}`) ??
    (subCode.startsWith('isv.') ? 'bad_request' : 'server');
  // "This ban will last for 3 more seconds": the platform's own retry-after.
  const ban = /ban will last for (\d+) more seconds/.exec(subMsg);
  throw new PlatformError('taobao', kind, `Taobao error ${code} ${msg} ${subCode} ${subMsg}`.trim(), {
    platformCode: subCode ? `${code}/${subCode}` : code,
    ...(ban ? { retryAfterMs: Number(ban[1]) * 1000 } : {}),
  });
}

export interface TaobaoTradesResult {
  lines: OrderLine[];
  /** Trades on this page (lines may be more). */
  trades: number;
  /** `total_results` (sent when use_has_next is not set), else undefined. */
  total: number | undefined;
  /** `has_next` (sent with use_has_next=true), else undefined. */
  hasNext: boolean | undefined;
}

/**
 * Maps a `taobao.trades.sold.increment.get` / `taobao.trades.sold.get` response
 * to order lines; `responseKey` is the method's wrapper. Page counts are optional: `total_results`
 * (the default answer) or `has_next` (with use_has_next=true); with neither, a short page ends.
 */
export function mapTaobaoTradesResponse(
  body: JsonObject,
  responseKey: string,
  shopId: string,
): TaobaoTradesResult {
  throwIfTaobaoError(body);
  try {
    const res = objectField(body, responseKey);
    const trades = res['trades'] === undefined ? [] : arrayField(objectField(res, 'trades'), 'trade');
    const lines: OrderLine[] = [];
    for (const trade of trades) {
      if (!isObject(trade)) throw new FieldError('trades.trade[]', 'expected an object');
      lines.push(...mapTaobaoTrade(trade, shopId));
    }
    return {
      lines,
      trades: trades.length,
      total: res['total_results'] === undefined ? undefined : intField(res, 'total_results'),
      hasNext: res['has_next'] === undefined ? undefined : booleanField(res, 'has_next'),
    };
  } catch (err) {
    if (err instanceof PlatformError) throw err;
    throw new PlatformError('taobao', 'malformed', `Taobao trades response: ${(err as Error).message}`);
  }
}

/** One trade → one line per sub-order (`oid`); ids from the *_str fields when present. */
export function mapTaobaoTrade(trade: JsonObject, shopId: string): OrderLine[] {
  const orderId = 'tid_str' in trade ? idField(trade, 'tid_str') : idField(trade, 'tid');
  const tradeStatus = stringField(trade, 'status');
  const createdAt = parseBeijingTime(stringField(trade, 'created'));
  const payTime = optionalStringField(trade, 'pay_time');
  const paidAt = payTime === undefined ? null : parseBeijingTime(payTime);
  const updatedAt = parseBeijingTime(stringField(trade, 'modified'));
  const raw = rawJson(trade);
  return arrayField(objectField(trade, 'orders'), 'order').map((order) => {
    if (!isObject(order)) throw new FieldError('orders.order[]', 'expected an object');
    const statusText = optionalStringField(order, 'status') ?? tradeStatus;
    const status = mapTaobaoStatus(statusText);
    if (!status) throw new FieldError('status', `unknown Taobao status ${JSON.stringify(statusText)}`);
    const refundText = optionalStringField(order, 'refund_status');
    const refundState = mapTaobaoRefund(refundText);
    if (!refundState)
      throw new FieldError('refund_status', `unknown refund status ${JSON.stringify(refundText)}`);
    return {
      platform: 'taobao',
      shopId,
      orderId,
      lineId: 'oid_str' in order ? idField(order, 'oid_str') : idField(order, 'oid'),
      status,
      refundState,
      itemId: idField(order, 'num_iid'),
      skuId: optionalStringField(order, 'sku_id') ?? '',
      outerSku: optionalStringField(order, 'outer_sku_id') ?? '',
      title: optionalStringField(order, 'title') ?? '',
      quantity: intField(order, 'num'),
      paidFen: yuanToFen(stringField(order, 'payment')),
      createdAt,
      paidAt,
      updatedAt,
      raw,
    };
  });
}
