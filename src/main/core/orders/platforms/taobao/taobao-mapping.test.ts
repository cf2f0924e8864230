import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../platform-adapter';
import { isObject, parseLossless } from '../common/lossless-json';
import { mapTaobaoTradesResponse, throwIfTaobaoError } from './taobao-mapping';
import { TAOBAO_INCREMENT_RESPONSE } from './taobao-protocol';
import { splitAtBeijingMidnight } from '../common/beijing-time';

const parse = (text: string) => {
  const v = parseLossless(text);
  if (!isObject(v)) throw new Error('not an object');
  return v;
};

function errorKind(body: string): { kind: string; retryAfterMs?: number } {
  try {
    throwIfTaobaoError(parse(body));
  } catch (err) {
    if (err instanceof PlatformError) return { kind: err.kind, retryAfterMs: err.detail.retryAfterMs };
    throw err;
  }
  return { kind: 'none' };
}

describe('Taobao mapping', () => {
  it('maps a trade with sub-orders: ids from *_str, yuan to fen, Beijing to UTC, refunds per line', () => {
    const body = parse(`{"${TAOBAO_INCREMENT_RESPONSE}":{"has_next":false,"trades":{"trade":[{
      "tid":2100000000000000123,"tid_str":"2100000000000000123","status":"WAIT_SELLER_SEND_GOODS",
      "created":"2026-11-21 20:00:00","pay_time":"2026-11-21 20:00:05","modified":"2026-11-21 20:03:00",
      "orders":{"order":[
        {"oid":2600000000000000001,"oid_str":"2600000000000000001","num_iid":3500000000000000000,
         "sku_id":"3500000000000000001","outer_sku_id":"GS-0001","title":"兰州牛肉面","num":2,
         "price":"19.90","payment":"39.80","status":"WAIT_SELLER_SEND_GOODS","refund_status":"NO_REFUND"},
        {"oid":2600000000000000002,"oid_str":"2600000000000000002","num_iid":3500000000000000010,
         "sku_id":"","title":"百合","num":1,"price":"0.10","payment":"0.1",
         "status":"TRADE_CLOSED","refund_status":"SUCCESS"}]}}]}}}`);
    const { lines, hasNext } = mapTaobaoTradesResponse(body, TAOBAO_INCREMENT_RESPONSE, 'shop');
    expect(hasNext).toBe(false);
    expect(lines.map(({ raw: _r, ...l }) => l)).toEqual([
      {
        platform: 'taobao',
        shopId: 'shop',
        orderId: '2100000000000000123',
        lineId: '2600000000000000001',
        status: 'paid',
        refundState: 'none',
        itemId: '3500000000000000000',
        skuId: '3500000000000000001',
        outerSku: 'GS-0001',
        title: '兰州牛肉面',
        quantity: 2,
        paidFen: 3980,
        createdAt: Date.parse('2026-11-21T12:00:00Z'),
        paidAt: Date.parse('2026-11-21T12:00:05Z'),
        updatedAt: Date.parse('2026-11-21T12:03:00Z'),
      },
      expect.objectContaining({
        lineId: '2600000000000000002',
        status: 'cancelled',
        refundState: 'refunded',
        paidFen: 10,
        skuId: '',
        outerSku: '',
      }),
    ]);
    // The order as the platform sent it (from the page text), long id digits intact.
    expect(lines[0]!.raw).toContain('"tid":2100000000000000123');
  });

  it('treats unknown statuses and bad money as malformed, not as guesses', () => {
    const trade = (status: string, payment: string) =>
      parse(`{"${TAOBAO_INCREMENT_RESPONSE}":{"trades":{"trade":[{"tid_str":"1","status":"${status}",
        "created":"2026-11-21 20:00:00","modified":"2026-11-21 20:00:00",
        "orders":{"order":[{"oid_str":"2","num_iid":3,"num":1,"payment":"${payment}"}]}}]}}}`);
    const kind = (body: ReturnType<typeof parse>) => {
      try {
        mapTaobaoTradesResponse(body, TAOBAO_INCREMENT_RESPONSE, 's');
        return 'ok';
      } catch (err) {
        return (err as PlatformError).kind;
      }
    };
    expect(kind(trade('WAIT_BUYER_PAY', '1.00'))).toBe('ok');
    expect(kind(trade('SOMETHING_NEW', '1.00'))).toBe('malformed');
    expect(kind(trade('WAIT_BUYER_PAY', '1.2.3'))).toBe('malformed');
  });

  it.each([
    [
      '{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count","sub_msg":"This ban will last for 3 more seconds"}}',
      'throttled',
      3000,
    ],
    ['{"error_response":{"code":25,"msg":"Invalid signature"}}', 'bad_signature', undefined],
    [
      '{"error_response":{"code":27,"msg":"Invalid session","sub_code":"invalid-sessionkey"}}',
      'token_expired',
      undefined,
    ],
    ['{"error_response":{"code":11,"msg":"Insufficient isv permissions"}}', 'no_permission', undefined],
    [
      '{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isp.remote-service-error"}}',
      'server',
      undefined,
    ],
    [
      '{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isv.invalid-parameter"}}',
      'bad_request',
      undefined,
    ],
    ['{"error_response":{"code":999,"msg":"?","sub_code":"isp.top-mapping-error"}}', 'server', undefined],
    ['{"error_response":{"code":"41","msg":"Invalid Arguments"}}', 'bad_request', undefined],
  ])('error %s → %s', (body, kind, retryAfterMs) => {
    expect(errorKind(body)).toEqual({ kind, retryAfterMs });
  });

  it('splits windows at Beijing midnight (same-day queries)', () => {
    const midnight = Date.parse('2026-11-21T16:00:00Z'); // 2026-11-22 00:00:00 in Beijing
    expect(splitAtBeijingMidnight(midnight - 3_600_000, midnight + 600_000)).toEqual([
      { from: midnight - 3_600_000, to: midnight },
      { from: midnight, to: midnight + 600_000 },
    ]);
    expect(splitAtBeijingMidnight(midnight, midnight + 3_600_000)).toEqual([
      { from: midnight, to: midnight + 3_600_000 },
    ]);
  });
});
