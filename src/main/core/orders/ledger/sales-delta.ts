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

/** Accumulates deltas per cell so a page writes each aggregate row once. */
export class SalesDelta {
  readonly cells = new Map<string, SalesCellDelta>();
  readonly orderCounts = new Map<string, OrderCountDelta>();

  addLine(
    key: { showId: number; platform: SyncedPlatform; productId: number; minute: number },
    sign: 1 | -1,
    units: number,
    gmvFen: number,
  ): void {
    const c = this.cell(key);
    c.lines += sign;
    c.units += sign * units;
    c.gmvFen += sign * gmvFen;
  }

  addRefund(
    key: { showId: number; platform: SyncedPlatform; productId: number; minute: number },
    fen: number,
  ): void {
    this.cell(key).refundedFen += fen;
  }

  addOrder(key: { showId: number; platform: SyncedPlatform; minute: number }, sign: 1 | -1): void {
    const k = `${key.showId}|${key.platform}|${key.minute}`;
    let c = this.orderCounts.get(k);
    if (!c) this.orderCounts.set(k, (c = { ...key, orders: 0 }));
    c.orders += sign;
  }

  get empty(): boolean {
    return this.cells.size === 0 && this.orderCounts.size === 0;
  }

  private cell(key: { showId: number; platform: SyncedPlatform; productId: number; minute: number }) {
    const k = `${key.showId}|${key.platform}|${key.productId}|${key.minute}`;
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = { ...key, lines: 0, units: 0, gmvFen: 0, refundedFen: 0 }));
    return c;
  }
}
