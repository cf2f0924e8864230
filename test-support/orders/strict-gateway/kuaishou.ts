import { createHash, createHmac } from 'node:crypto';
import { KuaishouAdapter } from '../../../src/main/core/orders/platforms/kuaishou';
import { formOf, json, STRICT_CREDENTIALS, type StrictProtocol } from './gateway';
import { bare, jsonWithBareIds, type StrictOrder } from './truth';

/**
 * Kuaishou `open.order.cursor.list`, from the description: form POST at the method's path, the
 * seven signed parameters, `cursor` ("" first, "nomore" at the end), `pageSize` ≤ 50, `sort`,
 * `queryType` 2 = update time, `beginTime`/`endTime` ms (inclusive) with span ≤ 7 days (300004),
 * not older than 90 days (300005), end before begin (300003); success `result=1`. Envelope (not
 * in the description): `{result, error_msg, data: {cursor, orderList}}`.
 */
const DAY = 86_400_000;
const STATUS = { unpaid: 10, paid: 30, shipped: 40, completed: 70, cancelled: 80 } as const;

function sign(p: Record<string, string>, secret: string, method: string): string {
  const keys = ['access_token', 'appkey', 'method', 'param', 'signMethod', 'timestamp', 'version'];
  const text = `${keys
    .filter((k) => p[k] !== undefined)
    .sort()
    .map((k) => `${k}=${p[k]}`)
    .join('&')}&signSecret=${secret}`;
  return method === 'MD5'
    ? createHash('md5').update(text, 'utf8').digest('hex')
    : createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

const fail = (result: number, msg: string) => json(JSON.stringify({ result, error_msg: msg }));

function render(o: StrictOrder): unknown {
  const l = o.lines[0]!;
  return {
    orderBaseInfo: {
      oid: bare(o.id),
      status: STATUS[o.state],
      createTime: o.createdAt,
      ...(o.paidAt === null ? {} : { payTime: o.paidAt }),
      updateTime: o.updatedAt,
      totalFee: l.paidFen,
      discountFee: 0,
      expressFee: 0,
    },
    orderItemInfo: {
      skuId: bare(l.item.skuId),
      relSkuId: 0,
      skuNick: l.item.skuCode,
      itemId: bare(l.item.itemId),
      relItemId: 0,
      num: l.quantity,
      price: l.item.priceFen,
      originalPrice: l.item.priceFen,
      goodsCode: l.item.otherCode,
    },
    orderRefundList: [],
  };
}

export const strictKuaishou: StrictProtocol = {
  platform: 'kuaishou',
  signMethods: ['MD5', 'HMAC_SHA256'],
  throttled: () => fail(0, 'Exceed qps limit [1017]'),
  // The method is the path: a method not offered is a path not found.
  methodRefused: () => ({ status: 404, body: 'no such path' }),
  handle(req, ctx) {
    if (req.method !== 'POST' || req.path !== '/open/order/cursor/list')
      return { status: 404, body: 'no such path' };
    const p = formOf(req);
    const c = ctx.credentials;
    if (p.appkey !== c.appKey || p.method !== 'open.order.cursor.list' || p.version !== '1')
      return fail(0, 'bad common parameters');
    if (p.signMethod !== 'MD5' && p.signMethod !== 'HMAC_SHA256') return fail(0, 'bad signMethod');
    if (p.sign !== sign(p, c.secret, p.signMethod)) {
      ctx.refused('kuaishou signature');
      return fail(0, 'sign invalid');
    }
    if (p.access_token !== c.token) return fail(0, 'access_token invalid');
    let q: Record<string, unknown>;
    try {
      q = JSON.parse(p.param ?? '') as Record<string, unknown>;
    } catch {
      return fail(0, 'param is not JSON');
    }
    const begin = Number(q.beginTime);
    const end = Number(q.endTime);
    const size = Number(q.pageSize);
    if (!Number.isInteger(size) || size < 1 || size > 50) return fail(0, 'pageSize 1..50');
    if (end < begin) return fail(300003, 'endTime before beginTime');
    if (end - begin > 7 * DAY) return fail(300004, 'span over 7 days');
    if (begin < ctx.now() - 90 * DAY) return fail(300005, 'older than 90 days');
    const by = q.queryType === 2 ? 'update' : 'create';
    let list = ctx.truth.select(by, begin, end, 1);
    if (q.sort === 1) list = list.reverse();
    // The cursor is the position after the last order served: "<time>:<oid>" in the sort order.
    const cursor = String(q.cursor ?? '');
    if (cursor === 'nomore') return fail(0, 'cursor ended');
    const key = (o: StrictOrder) =>
      `${String(by === 'update' ? o.updatedAt : o.createdAt).padStart(15, '0')}:${o.id}`;
    const after = cursor === '' ? null : Buffer.from(cursor, 'base64url').toString();
    const rest = after === null ? list : list.filter((o) => (q.sort === 1 ? key(o) < after : key(o) > after));
    const page = rest.slice(0, size);
    ctx.pageServed();
    const next = rest.length > size ? Buffer.from(key(page.at(-1)!)).toString('base64url') : 'nomore';
    return json(jsonWithBareIds({ result: 1, data: { cursor: next, orderList: page.map(render) } }));
  },
  adapter: (origin, signMethod, clock) =>
    new KuaishouAdapter(
      {
        appKey: STRICT_CREDENTIALS.appKey,
        appSecret: 'unused-app-secret',
        signSecret: STRICT_CREDENTIALS.secret,
        accessToken: STRICT_CREDENTIALS.token,
        refreshToken: 'unused',
        signMethod: signMethod as 'MD5' | 'HMAC_SHA256',
      },
      { shopId: 'strict-ks', baseUrl: origin, clock },
    ),
  expected: (o) => {
    const l = o.lines[0]!;
    return [
      {
        orderId: o.id,
        lineId: o.id,
        status: o.state,
        skuId: l.item.skuId,
        outerSku: l.item.skuCode,
        quantity: l.quantity,
        paidFen: l.paidFen,
        createdAt: o.createdAt,
        paidAt: o.paidAt,
        updatedAt: o.updatedAt,
      },
    ];
  },
};
