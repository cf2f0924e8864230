/**
 * The strict gateways' truth: a shop's orders as a platform holds them, written for these tests
 * alone (no code shared with the simulators or the adapters). Seeded, so a failing seed replays.
 * Ids are 19 digits (beyond 2^53) so every platform's lossless reading is exercised.
 */
export type StrictState = 'unpaid' | 'paid' | 'shipped' | 'completed' | 'cancelled';
export type StrictRefund = 'none' | 'requested' | 'refunded';

export interface StrictItem {
  itemId: string;
  skuId: string;
  /** The SKU's merchant code (Kuaishou skuNick, Douyin code, JD outerSkuId, Taobao outer_sku_id). */
  skuCode: string;
  /** The item-level merchant code (Kuaishou goodsCode) / external SKU id (Douyin out_sku_id). */
  otherCode: string;
  title: string;
  priceFen: number;
}

export interface StrictLine {
  lineId: string;
  item: StrictItem;
  quantity: number;
  paidFen: number;
}

export interface StrictOrder {
  id: string;
  lines: StrictLine[];
  state: StrictState;
  refund: StrictRefund;
  createdAt: number;
  paidAt: number | null;
  updatedAt: number;
}

/** mulberry32: a small seeded generator (tests replay by seed). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const id19 = (prefix: bigint, n: number): string => String(prefix * 10n ** 16n + BigInt(n));

export interface StrictTruthOptions {
  seed: number;
  orders: number;
  /** Orders are created over [start, start + spanMs); every transition ends before `end`. */
  start: number;
  spanMs: number;
  /** Kuaishou: one item per order. */
  maxLines: number;
}

export class StrictTruth {
  readonly orders = new Map<string, StrictOrder>();
  readonly items: StrictItem[];
  readonly random: () => number;
  /** Changes applied after creation (mid-drain updates, late refunds, late cancellations). */
  changes = 0;
  private nextLine = 1;

  constructor(readonly o: StrictTruthOptions) {
    this.random = seeded(o.seed);
    this.items = Array.from({ length: 8 }, (_, i) => ({
      itemId: id19(351n, i * 7 + 1),
      skuId: id19(352n, i * 11 + 3),
      skuCode: `SKU-${o.seed}-${i}`,
      otherCode: `ITEM-${o.seed}-${i}`,
      title: `甘肃特产 ${i}`,
      priceFen: 990 + i * 1_210,
    }));
    for (let n = 0; n < o.orders; n++) this.create(n);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  private create(n: number): void {
    const r = this.random;
    const createdAt = this.o.start + Math.floor((n * this.o.spanMs) / this.o.orders) + Math.floor(r() * 900);
    const count = 1 + Math.floor(r() * this.o.maxLines);
    const used = new Set<StrictItem>();
    const lines: StrictLine[] = [];
    for (let i = 0; i < count; i++) {
      const item = this.pick(this.items);
      if (used.has(item)) continue; // one line per SKU (JD keys lines by SKU)
      used.add(item);
      const quantity = 1 + Math.floor(r() * 3);
      lines.push({ lineId: id19(260n, this.nextLine++), item, quantity, paidFen: item.priceFen * quantity });
    }
    const order: StrictOrder = {
      id: id19(690n + BigInt(this.o.seed % 9), n * 13 + 7),
      lines,
      state: 'unpaid',
      refund: 'none',
      createdAt,
      paidAt: null,
      updatedAt: createdAt,
    };
    // Settled history: most pay within two minutes; some are cancelled unpaid; paid ones ship,
    // complete, and some are refunded much later (late refunds).
    let t = createdAt;
    const step = (maxMs: number) => (t += 1_000 + Math.floor(r() * maxMs));
    const roll = r();
    if (roll < 0.1) {
      order.state = 'cancelled';
      order.updatedAt = step(15 * 60_000);
    } else if (roll > 0.15) {
      order.state = 'paid';
      order.paidAt = step(120_000);
      order.updatedAt = order.paidAt;
      if (r() < 0.5) {
        order.state = 'shipped';
        order.updatedAt = step(20 * 60_000);
        if (r() < 0.5) {
          order.state = 'completed';
          order.updatedAt = step(20 * 60_000);
        }
      }
      if (r() < 0.2) {
        order.refund = r() < 0.5 ? 'requested' : 'refunded';
        order.updatedAt = step(40 * 60_000);
      }
    }
    this.orders.set(order.id, order);
  }

  /** The time the last settled change happened (the clock starts after it). */
  get lastUpdate(): number {
    let m = 0;
    for (const o of this.orders.values()) m = Math.max(m, o.updatedAt);
    return m;
  }

  /**
   * One change at `now` to a random order: payment, shipping, completion, a late refund or a
   * cancellation. Returns the order changed (its update time is now `now`).
   */
  change(now: number): StrictOrder {
    const all = [...this.orders.values()];
    for (let tries = 0; tries < 50; tries++) {
      const o = this.pick(all);
      if (o.updatedAt >= now) continue;
      const next = advance(o, this.random());
      if (!next) continue;
      Object.assign(o, next, { updatedAt: now });
      if (next.state === 'paid' && o.paidAt === null) o.paidAt = now;
      this.changes++;
      return o;
    }
    throw new Error('no order could change');
  }

  /** Orders whose `by` time, read at `resolutionMs`, lies in [lo, hi] (both inclusive, ms). */
  select(by: 'update' | 'create', lo: number, hi: number, resolutionMs: number): StrictOrder[] {
    const at = (o: StrictOrder) => {
      const t = by === 'update' ? o.updatedAt : o.createdAt;
      return Math.floor(t / resolutionMs) * resolutionMs;
    };
    return [...this.orders.values()]
      .filter((o) => at(o) >= lo && at(o) <= hi)
      .sort((a, b) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

function advance(o: StrictOrder, r: number): Partial<StrictOrder> | null {
  switch (o.state) {
    case 'unpaid':
      return r < 0.7 ? { state: 'paid' } : { state: 'cancelled' };
    case 'paid':
      return r < 0.6 ? { state: 'shipped' } : o.refund === 'none' ? { refund: 'requested' } : null;
    case 'shipped':
      return { state: 'completed' };
    case 'completed':
      return o.refund === 'refunded' ? null : { refund: 'refunded' }; // a late refund
    case 'cancelled':
      return null;
  }
}

/** JSON text where values wrapped by `bare()` are written as bare digits (19-digit numbers). */
export function jsonWithBareIds(value: unknown): string {
  return JSON.stringify(value).replace(/"@@bare(\d+)@@"/g, '$1');
}
export const bare = (digits: string): string => `@@bare${digits}@@`;

/** Beijing `yyyy-MM-dd HH:mm:ss` of a UTC ms instant (seconds floored), and back. */
export function beijing(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
export function fromBeijing(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{3}([+-]\d{4}))?$/.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as number[];
  const zone = m[7]
    ? (Number(m[7].slice(0, 3)) * 60 + Math.sign(Number(m[7])) * Number(m[7].slice(3))) * 60_000
    : 8 * 3_600_000;
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - zone;
}

/** Fen → yuan decimal string ("12.30"). */
export const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
