import { createHash, createHmac } from 'node:crypto';
import { JdAdapter } from '../../../src/main/core/orders/platforms/jd';
import { formOf, json, STRICT_CREDENTIALS, type StrictProtocol } from './gateway';
import { bare, beijing, fromBeijing, jsonWithBareIds, yuan, type StrictOrder } from './truth';

/**
 * JD `jingdong.pop.order.search`, from the description: form POST at `/routerjson`; `method`,
 * `app_key`, `access_token`, `timestamp`, `v=2.0`, `sign_method`, `360buy_param_json`, `sign`;
 * signed over every parameter but `sign`, sorted, empty ones skipped, key+value: md5 wraps in the
 * secret, hmacmd5 / hmacsha256 do not; uppercase hex. `start_date`/`end_date` (inclusive, Beijing),
 * `dateType` default modified time, `order_state` list, `optional_fields` required, `page` (from
 * 1), `page_size` ≤ 100. Orders carry only the described fields; unpaid orders are not listed.
 * Envelope (not in the description): the wrapper `jingdong_pop_order_search_responce` →
 * `searchorderinfo_result` → `orderInfoList` (+ `orderTotal` unless `withoutTotal`), and no
 * `apiResult`.
 */
const STATE = {
  paid: 'WAIT_SELLER_STOCK_OUT',
  shipped: 'WAIT_GOODS_RECEIVE_CONFIRM',
  completed: 'FINISHED_L',
  cancelled: 'TRADE_CANCELED',
} as const;
const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
const listed = (o: StrictOrder) => o.paidAt !== null;

function sign(p: Record<string, string>, secret: string): string {
  const text = Object.keys(p)
    .filter((k) => k !== 'sign' && p[k] !== '')
    .sort()
    .map((k) => `${k}${p[k]}`)
    .join('');
  const m = p.sign_method ?? 'md5';
  const hex =
    m === 'md5'
      ? createHash('md5').update(`${secret}${text}${secret}`, 'utf8').digest('hex')
      : m === 'hmacmd5' || m === 'hmacsha256'
        ? createHmac(m === 'hmacmd5' ? 'md5' : 'sha256', secret)
            .update(text, 'utf8')
            .digest('hex')
        : '';
  return hex.toUpperCase();
}

const fail = (code: string, desc: string) =>
  json(JSON.stringify({ error_response: { code, en_desc: desc } }));

function render(o: StrictOrder): unknown {
  const total = o.lines.reduce((s, l) => s + l.paidFen, 0);
  return {
    orderId: bare(o.id),
    orderState: STATE[o.state as keyof typeof STATE],
    orderTotalPrice: yuan(total),
    orderPayment: yuan(total),
    orderStartTime: beijing(o.createdAt),
    ...(o.paidAt === null ? {} : { paymentConfirmTime: beijing(o.paidAt) }),
    modified: beijing(o.updatedAt),
    itemInfoList: o.lines.map((l) => ({
      skuId: bare(l.item.skuId),
      outerSkuId: l.item.skuCode,
      skuName: l.item.title,
      jdPrice: yuan(l.item.priceFen),
      wareId: l.item.itemId,
      itemTotal: String(l.quantity),
    })),
  };
}

export function strictJd(options: { withoutTotal?: boolean } = {}): StrictProtocol {
  return {
    platform: 'jd',
    signMethods: ['md5', 'hmacsha256', 'hmacmd5'],
    methodRefused: () => fail('15', 'Invalid Method'),
    handle(req, ctx) {
      if (req.method !== 'POST' || req.path !== '/routerjson') return { status: 404, body: 'no such path' };
      const p = formOf(req);
      const c = ctx.credentials;
      if (p.sign !== sign(p, c.secret)) {
        ctx.refused('jd signature');
        return fail('12', 'Invalid Signature');
      }
      if (p.app_key !== c.appKey || p.v !== '2.0' || p.method !== 'jingdong.pop.order.search')
        return fail('15', 'bad common parameters');
      if (!Number.isFinite(fromBeijing(p.timestamp ?? ''))) return fail('8', 'Invalid Timestamp');
      if (p.access_token !== c.token) return fail('19', 'Invalid access_token');
      let q: Record<string, string>;
      try {
        q = JSON.parse(p['360buy_param_json'] ?? '') as Record<string, string>;
      } catch {
        return fail('15', '360buy_param_json is not JSON');
      }
      const start = fromBeijing(q.start_date ?? '');
      const end = fromBeijing(q.end_date ?? '');
      const page = Number(q.page ?? '1');
      const size = Number(q.page_size ?? '20');
      if (!q.optional_fields) return fail('15', 'optional_fields is required');
      if (!(end >= start) || end - start > 31 * 86_400_000) return fail('15', 'bad window');
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100)
        return fail('15', 'page from 1, page_size 1..100');
      const states = new Set((q.order_state ?? '').split(',').filter(Boolean));
      const by = (q.dateType ?? '0') === '0' ? 'update' : 'create';
      const list = ctx.truth
        .select(by, start, end, 1000)
        .filter(listed)
        .filter((o) => states.size === 0 || states.has(STATE[o.state as keyof typeof STATE]));
      const served = list.slice((page - 1) * size, page * size);
      ctx.pageServed();
      const result = {
        orderInfoList: served.map(render),
        ...(options.withoutTotal ? {} : { orderTotal: list.length }),
      };
      return json(
        jsonWithBareIds({ jingdong_pop_order_search_responce: { searchorderinfo_result: result } }),
      );
    },
    adapter: (origin, signMethod, clock) =>
      new JdAdapter(
        {
          appKey: STRICT_CREDENTIALS.appKey,
          appSecret: STRICT_CREDENTIALS.secret,
          accessToken: STRICT_CREDENTIALS.token,
          signMethod: signMethod as 'md5' | 'hmacsha256' | 'hmacmd5',
        },
        { shopId: 'strict-jd', baseUrl: origin, clock },
      ),
    expected: (o) =>
      !listed(o)
        ? []
        : o.lines.map((l) => ({
            orderId: o.id,
            lineId: l.item.skuId,
            status: o.state,
            skuId: l.item.skuId,
            outerSku: l.item.skuCode,
            quantity: l.quantity,
            paidFen: l.paidFen,
            createdAt: sec(o.createdAt),
            paidAt: o.paidAt === null ? null : sec(o.paidAt),
            updatedAt: sec(o.updatedAt),
          })),
  };
}
