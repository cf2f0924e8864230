import type { SyncedPlatform } from '@shared/api/domains/shelf';

/** Change to one aggregate cell (show, platform, product, minute) caused by one page of orders. */
export interface SalesCellDelta {
  showId: number;
  platform: SyncedPlatform;
  /** 0 = lines that map to no shelf product. */
  productId: number;
  minute: number;
  lines: number;
  units: number;
  gmvFen: number;
  refundedFen: number;
}

export interface OrderCountDelta {
  showId: number;
  platform: SyncedPlatform;
  minute: number;
  orders: number;
}

type CellKey = { showId: number; platform: SyncedPlatform; productId: number; minute: number };

const PLATFORM_INDEX: Record<SyncedPlatform, number> = { kuaishou: 0, douyin: 1, jd: 2, taobao: 3 };
const MINUTE_MS = 60_000;
const MINUTE_SPAN = 2 ** 26; // minutes since 1970 until the year 2097
const PRODUCT_SPAN = 2 ** 25;

/**
 * A cell's key within its show: a number (cheap to hash, nothing to build) while the product id and
 * minute fit in 53 bits together, else a string.
 */
function keyInShow(platform: SyncedPlatform, productId: number, minute: number): number | string {
  const m = minute / MINUTE_MS;
  return Number.isInteger(m) &&
    m >= 0 &&
    m < MINUTE_SPAN &&
    Number.isInteger(productId) &&
    productId >= 0 &&
    productId < PRODUCT_SPAN
    ? (productId * 4 + PLATFORM_INDEX[platform]) * MINUTE_SPAN + m
    : `${platform}|${productId}|${minute}`;
}

/** The entry keyed `k` in show `showId`'s part of `index`; made, indexed and listed when new. */
function entryOf<T>(
  index: Map<number, Map<number | string, T>>,
  list: T[],
  showId: number,
  k: number | string,
  make: () => T,
): T {
  let byKey = index.get(showId);
  if (!byKey) index.set(showId, (byKey = new Map()));
  let entry = byKey.get(k);
  if (!entry) {
    entry = make();
    byKey.set(k, entry);
    list.push(entry);
  }
  return entry;
}

/**
 * Accumulates deltas per cell so a page writes each aggregate row once. Called for every line of
 * every page: cells are found through a map per show keyed by a number, not a built string.
 */
export class SalesDelta {
  /** Every cell touched, in the order first touched. */
  readonly cells: SalesCellDelta[] = [];
  readonly orderCounts: OrderCountDelta[] = [];
  private readonly cellIndex = new Map<number, Map<number | string, SalesCellDelta>>();
  private readonly orderIndex = new Map<number, Map<number | string, OrderCountDelta>>();

  addLine(key: CellKey, sign: 1 | -1, units: number, gmvFen: number): void {
    const c = this.cell(key);
    c.lines += sign;
    c.units += sign * units;
    c.gmvFen += sign * gmvFen;
  }

  addRefund(key: CellKey, fen: number): void {
    this.cell(key).refundedFen += fen;
  }

  addOrder(
    { showId, platform, minute }: { showId: number; platform: SyncedPlatform; minute: number },
    sign: 1 | -1,
  ): void {
    entryOf(this.orderIndex, this.orderCounts, showId, keyInShow(platform, 0, minute), () => ({
      showId,
      platform,
      minute,
      orders: 0,
    })).orders += sign;
  }

  get empty(): boolean {
    return this.cells.length === 0 && this.orderCounts.length === 0;
  }

  private cell({ showId, platform, productId, minute }: CellKey): SalesCellDelta {
    return entryOf(this.cellIndex, this.cells, showId, keyInShow(platform, productId, minute), () => ({
      showId,
      platform,
      productId,
      minute,
      lines: 0,
      units: 0,
      gmvFen: 0,
      refundedFen: 0,
    }));
  }
}
