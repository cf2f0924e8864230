import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../platform-adapter';
import { isObject, parseLossless } from '../common/lossless-json';
import { createJdAdapter } from '.';
import { JD_SIMULATOR_CREDENTIALS } from '../../demo/gateways';
import { mapJdSearchResponse } from './jd-mapping';
import {
  JD_DATE_TYPE,
  JD_LISTS_UNPAID_ORDERS,
  JD_MAX_WINDOW_MS,
  JD_ORDER_SEARCH_RESPONSE,
} from './jd-protocol';

const response = (orders: string, total = 1) => {
  const v = parseLossless(
    `{"${JD_ORDER_SEARCH_RESPONSE}":{"code":"0","searchorderinfo_result":{"apiResult":{"success":true},` +
      `"orderInfoList":[${orders}],"orderTotal":${total}}}}`,
  );
  if (!isObject(v)) throw new Error('not an object');
  return v;
};

const order = (state: string, paid: string, items: string) =>
  `{"orderId":2100000000000000123,"orderState":"${state}","orderStartTime":"2026-11-21 20:00:00",` +
  `"paymentConfirmTime":"${paid}","modified":"2026-11-21 20:05:00","itemInfoList":[${items}]}`;

const item = (sku: string, price: string, n: string) =>
  `{"skuId":"${sku}","outerSkuId":"GS-1","skuName":"苹果","jdPrice":"${price}","wareId":"99","itemTotal":"${n}"}`;

const kindOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof PlatformError) return err.kind;
    throw err;
  }
};

describe('JD mapping', () => {
  it('maps an order: bare 19-digit orderId, yuan × quantity to fen, Beijing times, lines keyed by skuId', () => {
    const { lines, orderTotal } = mapJdSearchResponse(
      response(order('WAIT_SELLER_STOCK_OUT', '2026-11-21 20:00:30', item('111', '19.90', '3'))),
      'jd-1',
    );
    expect(orderTotal).toBe(1);
    expect(lines).toHaveLength(1);
    const { raw, ...line } = lines[0]!;
    expect(line).toEqual({
      platform: 'jd',
      shopId: 'jd-1',
      orderId: '2100000000000000123',
      lineId: '111',
      status: 'paid',
      refundState: 'none',
      itemId: '99',
      skuId: '111',
      outerSku: 'GS-1',
      title: '苹果',
      quantity: 3,
      paidFen: 5970,
      createdAt: Date.parse('2026-11-21T12:00:00Z'),
      paidAt: Date.parse('2026-11-21T12:00:30Z'),
      updatedAt: Date.parse('2026-11-21T12:05:00Z'),
    });
    // The order as the platform sent it (from the page text), long id digits intact.
    expect(raw).toContain('"orderId":2100000000000000123');
  });

  it('merges repeated skuIds of one order instead of losing a line', () => {
    const { lines } = mapJdSearchResponse(
      response(
        order('FINISHED_L', '2026-11-21 20:00:30', `${item('1', '0.10', '1')},${item('1', '0.10', '2')}`),
      ),
      's',
    );
    expect(lines.map((l) => [l.lineId, l.quantity, l.paidFen, l.status])).toEqual([
      ['1', 3, 30, 'completed'],
    ]);
  });

  it.each([
    ['LOCKED', '2026-11-21 20:00:30', 'paid', 'requested'],
    ['TRADE_CANCELED', '2026-11-21 20:00:30', 'cancelled', 'refunded'],
    ['TRADE_CANCELED', '0001-01-01 00:00:00', 'cancelled', 'none'],
    ['WAIT_GOODS_RECEIVE_CONFIRM', '2026-11-21 20:00:30', 'shipped', 'none'],
  ])('state %s (paid %s) → %s / %s', (state, paid, status, refund) => {
    const { lines } = mapJdSearchResponse(response(order(state, paid, item('1', '1', '1'))), 's');
    expect([lines[0]!.status, lines[0]!.refundState]).toEqual([status, refund]);
  });

  it('reports unknown states, bad money and bad times as malformed', () => {
    expect(
      kindOf(() => mapJdSearchResponse(response(order('NEW_STATE', '', item('1', '1', '1'))), 's')),
    ).toBe('malformed');
    expect(
      kindOf(() => mapJdSearchResponse(response(order('FINISHED_L', '', item('1', '1,00', '1'))), 's')),
    ).toBe('malformed');
    expect(
      kindOf(() =>
        mapJdSearchResponse(response(order('FINISHED_L', '2026/11/21', item('1', '1', '1'))), 's'),
      ),
    ).toBe('malformed');
  });

  it.each([
    ['2', 'throttled'],
    ['12', 'bad_signature'],
    ['19', 'token_expired'],
    ['8', 'bad_request'],
    ['66', 'server'], // unknown gateway code: retried with backoff, shown in the status
  ])('gateway error %s → %s', (code, kind) => {
    const body = parseLossless(`{"error_response":{"code":"${code}","zh_desc":"x","en_desc":"x"}}`);
    if (!isObject(body)) throw new Error('not an object');
    expect(kindOf(() => mapJdSearchResponse(body, 's'))).toBe(kind);
  });

  it('pins the unconfirmed JD choices', () => {
    expect(JD_DATE_TYPE).toEqual({ update: '0', create: '1' });
    expect(JD_LISTS_UNPAID_ORDERS).toBe(false);
    expect(JD_MAX_WINDOW_MS).toBe(28 * 24 * 3600_000);
    const adapter = createJdAdapter(JD_SIMULATOR_CREDENTIALS, { shopId: 's' });
    expect(adapter.limits).toEqual({
      maxWindowMs: JD_MAX_WINDOW_MS,
      maxLookbackMs: 90 * 24 * 3600_000,
      maxPageSize: 100,
      timeResolutionMs: 1000,
    });
  });
});

describe('JD search answers: only what the description names is required', () => {
  const wrap = (result: string) =>
    JSON.parse(`{"${JD_ORDER_SEARCH_RESPONSE}":{"searchorderinfo_result":${result}}}`) as Record<
      string,
      unknown
    >;

  it('reads a page without apiResult or orderTotal, and an empty page without a list', () => {
    expect(mapJdSearchResponse(wrap('{"orderInfoList":[]}'), 's')).toEqual({
      lines: [],
      orders: 0,
      orderTotal: undefined,
    });
    expect(mapJdSearchResponse(wrap('{}'), 's').orders).toBe(0);
  });

  it('a refusal in apiResult is still a refusal', () => {
    expect(() =>
      mapJdSearchResponse(wrap('{"apiResult":{"success":false,"resultCode":"104"}}'), 's'),
    ).toThrow(expect.objectContaining({ kind: 'bad_request' }));
  });

  it('a page that cannot be read names the missing field', () => {
    expect(() => mapJdSearchResponse({ other: {} }, 's')).toThrow(/jingdong_pop_order_search_responce/);
    expect(() =>
      mapJdSearchResponse(wrap('{"orderInfoList":[{"orderId":"1","orderState":"FINISHED_L"}]}'), 's'),
    ).toThrow(/orderInfoList\[0\]\.orderStartTime/);
  });
});
