import { createHash, createHmac } from 'node:crypto';
import { DouyinAdapter } from '../../../src/main/core/orders/platforms/douyin';
import { json, STRICT_CREDENTIALS, type StrictProtocol } from './gateway';
import { bare, jsonWithBareIds, type StrictOrder } from './truth';

/**
 * Douyin `order.searchList`, from the description: POST at `/order/searchList`, common parameters
 * in the query, `param_json` as the body, signed over the key-sorted, whitespace-free param_json
 * (the platform re-sorts before checking); md5 / hmac-sha256, lowercase hex, absent = md5;
 * `page` from 0, `size` ≤ 100, `update_time_start/end` in seconds (inclusive), `order_by`,
 * `order_asc`. Orders name only the described fields. Envelope (not in the description):
 * `{code: 10000, msg, data: {shop_order_list, total}}`.
 */
const STATUS = { unpaid: 1, paid: 105, shipped: 3, completed: 5, cancelled: 4 } as const;

function sorted(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sorted).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sorted((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const fail = (code: number, msg: string) => json(JSON.stringify({ code, msg, data: {} }));
const sec = (ms: number) => Math.floor(ms / 1000);

function render(o: StrictOrder): unknown {
  return {
    order_id: o.id,
    order_status: STATUS[o.state],
    create_time: sec(o.createdAt),
    update_time: sec(o.updatedAt),
    pay_time: o.paidAt === null ? 0 : sec(o.paidAt),
    order_amount: o.lines.reduce((s, l) => s + l.paidFen, 0),
    sku_order_list: o.lines.map((l) => ({
      order_id: l.lineId,
      product_id: bare(l.item.itemId),
      sku_id: bare(l.item.skuId),
      out_sku_id: l.item.otherCode,
      out_product_id: '',
      code: l.item.skuCode,
      item_num: l.quantity,
      pay_amount: l.paidFen,
    })),
  };
}

export const strictDouyin: StrictProtocol = {
  platform: 'douyin',
  signMethods: ['md5', 'hmac-sha256'],
  // The method is the path: a method not offered is a path not found.
  methodRefused: () => ({ status: 404, body: 'no such path' }),
  handle(req, ctx) {
    const q = Object.fromEntries(req.query);
    if (req.method !== 'POST' || req.path !== '/order/searchList')
      return { status: 404, body: 'no such path' };
    const c = ctx.credentials;
    if (q.app_key !== c.appKey || q.method !== 'order.searchList' || q.v !== '2')
      return fail(40004, 'bad common parameters');
    let param: Record<string, unknown>;
    try {
      param = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return fail(40004, 'param_json is not JSON');
    }
    const method = q.sign_method ?? 'md5';
    const text = `${c.secret}app_key${q.app_key}method${q.method}param_json${sorted(param)}timestamp${q.timestamp}v2${c.secret}`;
    const want =
      method === 'md5'
        ? createHash('md5').update(text, 'utf8').digest('hex')
        : method === 'hmac-sha256'
          ? createHmac('sha256', c.secret).update(text, 'utf8').digest('hex')
          : '';
    if (!q.timestamp || q.sign !== want) {
      ctx.refused('douyin signature');
      return fail(40003, 'sign invalid');
    }
    if (q.access_token !== c.token) return fail(30001, 'access_token invalid');
    const page = Number(param.page);
    const size = Number(param.size);
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1 || size > 100)
      return fail(40004, 'page from 0, size 1..100');
    const field = param.update_time_start !== undefined ? 'update_time' : 'create_time';
    const start = Number(param[`${field}_start`]);
    const end = Number(param[`${field}_end`]);
    if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) return fail(40004, 'bad window');
    let list = ctx.truth.select(
      field === 'update_time' ? 'update' : 'create',
      start * 1000,
      end * 1000,
      1000,
    );
    if (param.order_asc === false) list = list.reverse();
    const served = list.slice(page * size, page * size + size);
    ctx.pageServed();
    return json(
      jsonWithBareIds({
        code: 10000,
        msg: 'success',
        data: { shop_order_list: served.map(render), total: list.length },
      }),
    );
  },
  adapter: (origin, signMethod, clock) =>
    new DouyinAdapter(
      {
        appKey: STRICT_CREDENTIALS.appKey,
        appSecret: STRICT_CREDENTIALS.secret,
        accessToken: STRICT_CREDENTIALS.token,
        refreshToken: 'unused',
        signMethod: signMethod as 'md5' | 'hmac-sha256',
      },
      { shopId: 'strict-dy', baseUrl: origin, clock },
    ),
  expected: (o) =>
    o.lines.map((l) => ({
      orderId: o.id,
      lineId: l.lineId,
      status: o.state,
      skuId: l.item.skuId,
      outerSku: l.item.skuCode,
      quantity: l.quantity,
      paidFen: l.paidFen,
      createdAt: sec(o.createdAt) * 1000,
      paidAt: o.paidAt === null ? null : sec(o.paidAt) * 1000,
      updatedAt: sec(o.updatedAt) * 1000,
    })),
};
