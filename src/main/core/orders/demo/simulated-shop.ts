import type { OrderStatus, RefundState } from '../order-record';

/**
 * The truth a platform simulator serves: orders as the platform holds them, platform-neutral.
 * Each platform's simulator renders these in its own protocol (field names, money units, time
 * formats, paging, signing, errors). Tests compare the studio's ledger against this truth.
 */
export interface TruthLine {
  /** Sub-order id where the platform has one (Douyin, Taobao); JD lines are keyed by skuId. */
  lineId: string;
  itemId: string;
  skuId: string;
  outerSku: string;
  title: string;
  quantity: number;
  unitPriceFen: number;
  paidFen: number;
}

export interface TruthOrder {
  /** Numeric string; may exceed 2^53 (19 digits). */
  orderId: string;
  shopId: string;
  status: OrderStatus;
  refundState: RefundState;
  lines: TruthLine[];
  createdAt: number;
  paidAt: number | null;
  /** Every change bumps this; queries by update time window on it. */
  updatedAt: number;
}

/** Faults a simulator can inject, each as "every Nth request" (0 or absent = never). */
export interface FaultPlan {
  throttleEvery?: number;
  serverErrorEvery?: number;
  /** Hold the response past the client's timeout. */
  timeoutEvery?: number;
  malformedJsonEvery?: number;
  /** The access token stops working after this many requests (until refreshed). */
  expireTokenAfter?: number;
  /** Return some lines of a page twice / return an older version of an order after a newer one. */
  duplicateEvery?: number;
  staleVersionEvery?: number;
}

/** In-memory store of truth orders with the queries every platform's simulator needs. */
export class SimulatedShop {
  private readonly orders = new Map<string, TruthOrder>();
  /** Older versions kept so a simulator can replay a stale one (out-of-order delivery). */
  private readonly history = new Map<string, TruthOrder[]>();
  /**
   * Time indexes sorted by (time, order id) so a page query is a binary search, not a scan of
   * every order (330,000 at the Hotan scale). The update index keeps superseded entries; queries
   * skip an entry whose time is no longer its order's current update time.
   */
  private readonly byUpdate: { t: number; id: string }[] = [];
  private readonly byCreate: { t: number; id: string }[] = [];

  constructor(readonly shopId: string) {}

  /** Adds or replaces an order (a new version: updatedAt must not go backwards). */
  put(order: TruthOrder): void {
    const prev = this.orders.get(order.orderId);
    if (prev) {
      if (order.updatedAt < prev.updatedAt)
        throw new Error(`order ${order.orderId}: updatedAt went backwards`);
      const h = this.history.get(order.orderId) ?? [];
      h.push(prev);
      this.history.set(order.orderId, h);
    }
    this.orders.set(order.orderId, structuredClone(order));
    if (!prev || prev.updatedAt !== order.updatedAt)
      insertSorted(this.byUpdate, { t: order.updatedAt, id: order.orderId });
    if (!prev) insertSorted(this.byCreate, { t: order.createdAt, id: order.orderId });
  }

  get(orderId: string): TruthOrder | undefined {
    return this.orders.get(orderId);
  }

  previousVersion(orderId: string): TruthOrder | undefined {
    return this.history.get(orderId)?.at(-1);
  }

  all(): TruthOrder[] {
    return [...this.orders.values()];
  }

  /** Orders held (current versions). */
  get size(): number {
    return this.orders.size;
  }

  /**
   * Forgets every order last updated before `t`, with its older versions and index entries, and
   * returns how many: a simulator running for hours (demo mode) holds a bounded span of orders, as
   * a studio only ever asks a platform about recent windows. Queries from `t` on answer as before.
   */
  forgetBefore(t: number): number {
    let dropped = 0;
    for (const [id, order] of this.orders) {
      if (order.updatedAt >= t) continue;
      this.orders.delete(id);
      this.history.delete(id);
      dropped++;
    }
    // Every entry before `t` is a dropped order or a superseded version (a kept order's current
    // update time is at or after `t`): the index is sorted, so they are its head.
    this.byUpdate.splice(0, lowerBound(this.byUpdate, t));
    if (dropped > 0) {
      const kept = this.byCreate.filter((e) => this.orders.has(e.id));
      this.byCreate.splice(0, this.byCreate.length, ...kept);
    }
    return dropped;
  }

  /** Orders whose update (or create) time is in [from, to), oldest first, ties by order id. */
  query(by: 'update' | 'create', from: number, to: number): TruthOrder[] {
    const index = by === 'update' ? this.byUpdate : this.byCreate;
    const out: TruthOrder[] = [];
    for (let i = lowerBound(index, from); i < index.length && index[i]!.t < to; i++) {
      const o = this.orders.get(index[i]!.id)!;
      if (by === 'create' || o.updatedAt === index[i]!.t) out.push(o);
    }
    return out;
  }
}

const before = (a: { t: number; id: string }, b: { t: number; id: string }) =>
  a.t < b.t || (a.t === b.t && a.id < b.id);

/** First index whose time is >= t. */
function lowerBound(index: readonly { t: number; id: string }[], t: number): number {
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(index: { t: number; id: string }[], e: { t: number; id: string }): void {
  // Mostly appends: orders arrive in time order.
  let i = index.length;
  if (i === 0 || before(index[i - 1]!, e)) {
    index.push(e);
    return;
  }
  let lo = 0;
  while (lo < i) {
    const mid = (lo + i) >> 1;
    if (before(index[mid]!, e)) lo = mid + 1;
    else i = mid;
  }
  index.splice(lo, 0, e);
}
