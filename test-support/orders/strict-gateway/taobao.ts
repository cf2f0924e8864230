import { createHash, createHmac } from 'node:crypto';
import { TaobaoAdapter } from '../../../src/main/core/orders/platforms/taobao';
import { formOf, json, STRICT_CREDENTIALS, type StrictProtocol } from './gateway';
import { bare, beijing, fromBeijing, jsonWithBareIds, yuan, type StrictOrder } from './truth';

/**
 * Taobao `taobao.trades.sold.increment.get`, from the description: form POST at `/router/rest`;
 * `method`, `app_key`, `session`, `timestamp` (Beijing), `v=2.0`, `format=json`, `sign_method`,
 * `sign`, signed over every parameter but `sign`, sorted: md5 wraps k1v1… in the secret, hmac is
 * HMAC-MD5 keyed by the secret; uppercase hex. `start_modified`/`end_modified` within one day
 * (inclusive), `page_no` from 1, `page_size` ≤ 100, `use_has_next`. Trades carry only the
 * described fields (status, lines `orders.order[]` with oid, num_iid, sku_id, outer_sku_id, num,
 * payment, refund_status; ids also as tid_str / oid_str; money in yuan) and the Beijing times.
 * Any other method, `taobao.trades.sold.get` included, is refused (TOP code 22, Invalid Method).
 * Envelope (not in the description): `trades_sold_increment_get_response` with `trades.trade[]`
 * and `total_results`, or `has_next` when `use_has_next=true`.
 */
const STATUS = {
  unpaid: 'WAIT_BUYER_PAY',
  paid: 'WAIT_SELLER_SEND_GOODS',
  shipped: 'WAIT_BUYER_CONFIRM_GOODS',
  completed: 'TRADE_FINISHED',
} as const;
const REFUND = { none: 'NO_REFUND', requested: 'WAIT_SELLER_AGREE', refunded: 'SUCCESS' } as const;
const sec = (ms: number) => Math.floor(ms / 1000) * 1000;

function sign(p: Record<string, string>, secret: string): string {
  const text = Object.keys(p)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}${p[k]}`)
    .join('');
  const m = p.sign_method;
  const hex =
    m === 'md5'
      ? createHash('md5').update(`${secret}${text}${secret}`, 'utf8').digest('hex')
      : m === 'hmac'
        ? createHmac('md5', secret).update(text, 'utf8').digest('hex')
        : '';
  return hex.toUpperCase();
}

const fail = (code: number, msg: string) => json(JSON.stringify({ error_response: { code, msg } }));

function render(o: StrictOrder): unknown {
  const status =
    o.state === 'cancelled'
      ? o.paidAt === null
        ? 'TRADE_CLOSED_BY_TAOBAO'
        : 'TRADE_CLOSED'
      : STATUS[o.state];
  return {
    tid: bare(o.id),
    tid_str: o.id,
    status,
    created: beijing(o.createdAt),
    ...(o.paidAt === null ? {} : { pay_time: beijing(o.paidAt) }),
    modified: beijing(o.updatedAt),
    orders: {
      order: o.lines.map((l) => ({
        oid: bare(l.lineId),
        oid_str: l.lineId,
        num_iid: bare(l.item.itemId),
        sku_id: l.item.skuId,
        outer_sku_id: l.item.skuCode,
        num: l.quantity,
        payment: yuan(l.paidFen),
        refund_status: REFUND[o.refund],
      })),
    },
  };
}

export const strictTaobao: StrictProtocol = {
  platform: 'taobao',
  signMethods: ['md5', 'hmac'],
  methodRefused: () => fail(22, 'Invalid Method'),
  handle(req, ctx) {
    if (req.method !== 'POST' || req.path !== '/router/rest') return { status: 404, body: 'no such path' };
    const p = formOf(req);
    const c = ctx.credentials;
    if (p.sign !== sign(p, c.secret)) {
      ctx.refused('taobao signature');
      return fail(25, 'Invalid Signature');
    }
    if (p.app_key !== c.appKey || p.v !== '2.0') return fail(41, 'bad common parameters');
    if (!Number.isFinite(fromBeijing(p.timestamp ?? ''))) return fail(31, 'Invalid Timestamp');
    if (p.session !== c.token) return fail(27, 'Invalid session');
    if (p.method !== 'taobao.trades.sold.increment.get') return fail(22, 'Invalid Method');
    const start = fromBeijing(p.start_modified ?? '');
    const end = fromBeijing(p.end_modified ?? '');
    const page = Number(p.page_no ?? '1');
    const size = Number(p.page_size ?? '40');
    if (!(end >= start) || end - start >= 86_400_000) return fail(41, 'window not within one day');
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100)
      return fail(41, 'page_no from 1, page_size 1..100');
    const list = ctx.truth.select('update', start, end, 1000);
    const served = list.slice((page - 1) * size, page * size);
    ctx.pageServed();
    const res = {
      ...(p.use_has_next === 'true'
        ? { has_next: page * size < list.length }
        : { total_results: list.length }),
      ...(served.length > 0 ? { trades: { trade: served.map(render) } } : {}),
    };
    return json(jsonWithBareIds({ trades_sold_increment_get_response: res }));
  },
  adapter: (origin, signMethod, clock) =>
    new TaobaoAdapter(
      {
        appKey: STRICT_CREDENTIALS.appKey,
        appSecret: STRICT_CREDENTIALS.secret,
        session: STRICT_CREDENTIALS.token,
        signMethod: signMethod as 'md5' | 'hmac',
      },
      { shopId: 'strict-tb', baseUrl: origin, clock },
    ),
  expected: (o) =>
    o.lines.map((l) => ({
      orderId: o.id,
      lineId: l.lineId,
      status: o.state,
      refundState: o.refund,
      skuId: l.item.skuId,
      outerSku: l.item.skuCode,
      quantity: l.quantity,
      paidFen: l.paidFen,
      createdAt: sec(o.createdAt),
      paidAt: o.paidAt === null ? null : sec(o.paidAt),
      updatedAt: sec(o.updatedAt),
    })),
};
