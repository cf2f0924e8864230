import type { SimulatedShop, TruthLine, TruthOrder } from './simulated-shop';
import { randomSource, type Random } from './random';

/** Something a simulated buyer can order: one platform SKU of a listing. */
export interface GeneratorItem {
  itemId: string;
  skuId: string;
  outerSku: string;
  title: string;
  unitPriceFen: number;
}

/**
 * How sub-orders get their ids: `own` = a 19-digit id per line (Douyin, Taobao),
 * `order` = the order id (Kuaishou: one item per order), `sku` = the SKU id (JD).
 */
export type LineIdScheme = 'own' | 'order' | 'sku';

export interface OrderGeneratorOptions {
  items: readonly GeneratorItem[];
  /** Mean new orders per second outside bursts. */
  ratePerSecond: number;
  seed?: number;
  lineIds?: LineIdScheme;
  /** Most lines one order may have (1 for Kuaishou). */
  maxLinesPerOrder?: number;
  /**
   * "3, 2, 1, 上链接!": a burst multiplies the rate and concentrates buyers on one hot item.
   * `chancePerSecond` of a burst starting, lasting `durationMs`.
   */
  bursts?: { chancePerSecond: number; factor: number; durationMs: number; hotShare: number };
  /** Share of new orders that stay unpaid and are cancelled, and of paid ones refunded later. */
  cancelShare?: number;
  refundShare?: number;
  /** Delay from create to pay, and from pay to a refund request / refund done. */
  payDelayMs?: [number, number];
  refundDelayMs?: [number, number];
  /** First order id; 19 digits, above 2^53 so lossy JSON parsing shows up in tests. */
  firstOrderId?: bigint;
}

type Transition = { at: number; orderId: string; kind: 'pay' | 'cancel' | 'refund_request' | 'refund_done' };

const DEFAULTS = {
  seed: 1,
  lineIds: 'order' as LineIdScheme,
  maxLinesPerOrder: 1,
  bursts: { chancePerSecond: 0.02, factor: 6, durationMs: 20_000, hotShare: 0.7 },
  cancelShare: 0.05,
  refundShare: 0.03,
  payDelayMs: [2_000, 30_000] as [number, number],
  refundDelayMs: [10_000, 120_000] as [number, number],
  firstOrderId: 2_100_000_000_000_000_001n,
};

/**
 * Generates orders into a SimulatedShop the way a live show produces them: Poisson arrivals at a
 * base rate, bursts when the anchor opens a cart link, popular items (Zipf), and later transitions
 * (paid, cancelled while unpaid, refunds arriving minutes later). Every transition is a new version
 * with a later update time, so update-time queries see it. Deterministic for a given seed.
 */
export class OrderGenerator {
  private readonly opts: typeof DEFAULTS & OrderGeneratorOptions;
  private readonly random: Random;
  private nextOrderId: bigint;
  private nextLineId: bigint;
  private pending: Transition[] = [];
  private lastTick: number | undefined;
  private burstUntil = 0;
  private hotItem = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly cumulativeWeights: number[];

  constructor(
    private readonly shop: SimulatedShop,
    options: OrderGeneratorOptions,
  ) {
    if (options.items.length === 0) throw new Error('order generator: no items to sell');
    this.opts = { ...DEFAULTS, ...options };
    this.random = randomSource(this.opts.seed);
    this.nextOrderId = this.opts.firstOrderId;
    this.nextLineId = this.opts.firstOrderId + 500_000_000_000_000_000n;
    // Zipf-like popularity: item k sells about 1/(k+1)^0.8 as often as the first.
    let sum = 0;
    this.cumulativeWeights = options.items.map((_, k) => (sum += 1 / Math.pow(k + 1, 0.8)));
  }

  /** Creates `count` orders at `at` (paid unless cancelShare says otherwise); returns them. */
  createOrders(count: number, at: number): TruthOrder[] {
    const out: TruthOrder[] = [];
    for (let i = 0; i < count; i++) out.push(this.createOrder(at));
    return out;
  }

  /**
   * Advances simulated time to `now`: new arrivals since the last tick (spread over the interval)
   * and every transition that fell due. Returns how many orders were created or changed.
   */
  tick(now: number): number {
    // Events are published at the tick that makes them visible: never stamped earlier than the
    // previous tick (a paused generator does not backdate a burst of orders into the past).
    const from = Math.max(this.lastTick ?? now, now - 1_000);
    this.lastTick = now;
    let changed = this.applyDue(now, from);
    const dtSec = Math.max(0, now - from) / 1000;
    if (dtSec === 0) return changed;
    if (now >= this.burstUntil && this.random.next() < this.opts.bursts.chancePerSecond * dtSec) {
      this.burstUntil = now + this.opts.bursts.durationMs;
      this.hotItem = this.pickItem();
    }
    const rate = this.opts.ratePerSecond * (now < this.burstUntil ? this.opts.bursts.factor : 1);
    const n = this.random.poisson(rate * dtSec);
    for (let i = 0; i < n; i++) {
      const at = Math.round(from + ((i + 1) / (n + 1)) * (now - from));
      this.createOrder(at, now < this.burstUntil);
      changed++;
    }
    return changed;
  }

  /** Ticks on a real clock every `intervalMs` until stop(). */
  start(intervalMs = 200, clock: () => number = Date.now): void {
    this.stop();
    this.lastTick = clock();
    this.timer = setInterval(() => this.tick(clock()), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Transitions scheduled but not yet applied (pay, cancel, refunds). */
  get pendingTransitions(): number {
    return this.pending.length;
  }

  /**
   * Applies every scheduled transition, and those they schedule, in time order per order (a
   * refund always after its payment); returns how many. O(n log n) for bench-sized shops.
   */
  settle(): number {
    let applied = 0;
    while (this.pending.length > 0) {
      const batch = this.pending.sort((a, b) => a.at - b.at);
      this.pending = [];
      for (const t of batch) this.apply(t);
      applied += batch.length;
    }
    return applied;
  }

  private createOrder(at: number, inBurst = false): TruthOrder {
    at = Math.round(at);
    const orderId = String(this.nextOrderId++);
    const lineCount = 1 + this.random.int(Math.max(1, this.opts.maxLinesPerOrder));
    const lines: TruthLine[] = [];
    const used = new Set<number>();
    for (let i = 0; i < lineCount; i++) {
      const k =
        inBurst && i === 0 && this.random.next() < this.opts.bursts.hotShare ? this.hotItem : this.pickItem();
      if (used.has(k)) continue;
      used.add(k);
      const item = this.opts.items[k]!;
      const quantity = this.random.next() < 0.8 ? 1 : 2 + this.random.int(3);
      lines.push({
        lineId: this.lineId(orderId, item),
        itemId: item.itemId,
        skuId: item.skuId,
        outerSku: item.outerSku,
        title: item.title,
        quantity,
        unitPriceFen: item.unitPriceFen,
        paidFen: item.unitPriceFen * quantity,
      });
    }
    const order: TruthOrder = {
      orderId,
      shopId: this.shop.shopId,
      status: 'unpaid',
      refundState: 'none',
      lines,
      createdAt: at,
      paidAt: null,
      updatedAt: at,
    };
    this.shop.put(order);
    const [lo, hi] = this.opts.payDelayMs;
    const delay = lo + this.random.int(Math.max(1, hi - lo));
    if (this.random.next() < this.opts.cancelShare) {
      this.pending.push({ at: at + delay * 2, orderId, kind: 'cancel' });
    } else {
      this.pending.push({ at: at + delay, orderId, kind: 'pay' });
    }
    return order;
  }

  private lineId(orderId: string, item: GeneratorItem): string {
    switch (this.opts.lineIds) {
      case 'order':
        return orderId;
      case 'sku':
        return item.skuId;
      case 'own':
        return String(this.nextLineId++);
    }
  }

  private pickItem(): number {
    const total = this.cumulativeWeights.at(-1)!;
    const x = this.random.next() * total;
    let lo = 0;
    let hi = this.cumulativeWeights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulativeWeights[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private applyDue(now: number, notBefore = 0): number {
    if (this.pending.length === 0) return 0;
    const due = this.pending.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
    if (due.length === 0) return 0;
    this.pending = this.pending.filter((t) => t.at > now);
    for (const t of due) this.apply({ ...t, at: Math.max(t.at, notBefore) });
    return due.length;
  }

  private apply(t: Transition): void {
    const prev = this.shop.get(t.orderId);
    if (!prev) return;
    // A new version must be strictly later so update-time windows and "newer wins" both see it.
    const at = Math.max(t.at, prev.updatedAt + 1);
    const next: TruthOrder = { ...prev, lines: prev.lines.map((l) => ({ ...l })), updatedAt: at };
    switch (t.kind) {
      case 'pay': {
        next.status = 'paid';
        next.paidAt = at;
        if (this.random.next() < this.opts.refundShare) {
          const [lo, hi] = this.opts.refundDelayMs;
          const when = at + lo + this.random.int(Math.max(1, hi - lo));
          this.pending.push({ at: when, orderId: t.orderId, kind: 'refund_request' });
        }
        break;
      }
      case 'cancel':
        next.status = 'cancelled';
        break;
      case 'refund_request':
        next.refundState = 'requested';
        this.pending.push({
          at: at + 5_000 + this.random.int(30_000),
          orderId: t.orderId,
          kind: 'refund_done',
        });
        break;
      case 'refund_done':
        next.refundState = 'refunded';
        next.status = 'cancelled';
        break;
    }
    this.shop.put(next);
  }
}
