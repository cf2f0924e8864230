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

  /** Orders whose update (or create) time is in [from, to), oldest first, ties by order id. */
  query(by: 'update' | 'create', from: number, to: number): TruthOrder[] {
    const key = by === 'update' ? 'updatedAt' : 'createdAt';
    return this.all()
      .filter((o) => o[key] >= from && o[key] < to)
      .sort((a, b) => a[key] - b[key] || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  }
}
