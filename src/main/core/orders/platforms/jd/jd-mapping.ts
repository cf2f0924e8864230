import { kindFromMessage } from '../../error-markers';
import type { OrderLine } from '../../order-record';
import { PlatformError } from '../../platform-adapter';
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
import {
  JD_BUSINESS_ERROR_KIND,
  JD_EMPTY_TIME,
  JD_GATEWAY_ERRORS,
  JD_ORDER_SEARCH_RESPONSE,
  JD_UNKNOWN_GATEWAY_ERROR,
} from './jd-protocol';
import { mapJdState } from './jd-status';

/** Throws the PlatformError a JD body stands for, if it is an error. */
export function throwIfJdError(body: JsonObject): void {
  const err = body['error_response'];
  if (isObject(err)) {
    const code = typeof err['code'] === 'string' ? err['code'] : String(err['code'] ?? '');
    const desc = [err['en_desc'], err['zh_desc']].filter((d) => typeof d === 'string').join(' / ');
    const kind = JD_GATEWAY_ERRORS[code] ?? kindFromMessage(desc) ?? JD_UNKNOWN_GATEWAY_ERROR;
    throw new PlatformError('jd', kind, `JD error ${code}: ${desc}`, { platformCode: code });
  }
}

export interface JdSearchResult {
  lines: OrderLine[];
  /** Orders on this page (a page holds whole orders; lines may be more). */
  orders: number;
  /** `orderTotal` when the answer has it (not in the published description: optional). */
  orderTotal: number | undefined;
}

/**
 * Maps a `jingdong.pop.order.search` response to order lines (one per skuId). Only what the
 * published description names is required: the response wrapper and the order list inside
 * `searchorderinfo_result` (an absent list is an empty page). `apiResult` and `orderTotal` are
 * read when present: `apiResult.success === false` is a refusal, an absent `apiResult` is not.
 * An answer that cannot be read names the field that is missing or wrong.
 */
export function mapJdSearchResponse(body: JsonObject, shopId: string): JdSearchResult {
  throwIfJdError(body);
  try {
    const result = objectField(objectField(body, JD_ORDER_SEARCH_RESPONSE), 'searchorderinfo_result');
    const api = result['apiResult'];
    if (api !== undefined) {
      if (!isObject(api)) throw new FieldError('searchorderinfo_result.apiResult', 'expected an object');
      if (api['success'] !== undefined && !booleanField(api, 'success')) {
        const code = optionalStringField(api, 'resultCode') ?? '';
        const desc =
          optionalStringField(api, 'englishErrCode') ?? optionalStringField(api, 'chineseErrCode') ?? '';
        throw new PlatformError('jd', JD_BUSINESS_ERROR_KIND, `JD order search refused (${code}): ${desc}`, {
          platformCode: code,
        });
      }
    }
    const list = result['orderInfoList'];
    const orders = list === undefined || list === null ? [] : arrayField(result, 'orderInfoList');
    const lines: OrderLine[] = [];
    orders.forEach((order, i) => {
      if (!isObject(order)) throw new FieldError(`orderInfoList[${i}]`, 'expected an object');
      try {
        lines.push(...mapJdOrder(order, shopId));
      } catch (err) {
        if (err instanceof FieldError) throw new FieldError(`orderInfoList[${i}].${err.field}`, err.detail);
        throw err;
      }
    });
    const total = result['orderTotal'];
    return {
      lines,
      orders: orders.length,
      orderTotal: total === undefined || total === null ? undefined : intField(result, 'orderTotal'),
    };
  } catch (err) {
    if (err instanceof PlatformError) throw err;
    throw new PlatformError('jd', 'malformed', `JD order search response: ${(err as Error).message}`);
  }
}

/** One JD order → its lines. JD lines have no id: the key is the skuId (repeats are merged). */
export function mapJdOrder(order: JsonObject, shopId: string): OrderLine[] {
  const orderId = idField(order, 'orderId');
  const state = stringField(order, 'orderState');
  const paidAtText = optionalStringField(order, 'paymentConfirmTime');
  const paidAt =
    paidAtText === undefined || paidAtText === JD_EMPTY_TIME ? null : parseBeijingTime(paidAtText);
  const mapped = mapJdState(state, paidAt !== null);
  if (!mapped) throw new FieldError('orderState', `unknown JD order state ${JSON.stringify(state)}`);
  const createdAt = parseBeijingTime(stringField(order, 'orderStartTime'));
  const updatedAt = parseBeijingTime(stringField(order, 'modified'));
  const raw = rawJson(order);
  const bySku = new Map<string, OrderLine>();
  for (const item of arrayField(order, 'itemInfoList')) {
    if (!isObject(item)) throw new FieldError('itemInfoList[]', 'expected an object');
    const skuId = idField(item, 'skuId');
    const quantity = intField(item, 'itemTotal');
    const paidFen = yuanToFen(stringField(item, 'jdPrice')) * quantity;
    if (!Number.isSafeInteger(paidFen)) throw new FieldError('jdPrice', 'amount out of range');
    const prev = bySku.get(skuId);
    if (prev) {
      prev.quantity += quantity;
      prev.paidFen += paidFen;
      continue;
    }
    bySku.set(skuId, {
      platform: 'jd',
      shopId,
      orderId,
      lineId: skuId,
      ...mapped,
      itemId: optionalStringField(item, 'wareId') ?? '',
      skuId,
      outerSku: optionalStringField(item, 'outerSkuId') ?? '',
      title: optionalStringField(item, 'skuName') ?? '',
      quantity,
      paidFen,
      createdAt,
      paidAt,
      updatedAt,
      raw,
    });
  }
  return [...bySku.values()];
}
