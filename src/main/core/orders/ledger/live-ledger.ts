import type Database from 'better-sqlite3';
import type { OrderLineView } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { EventHub } from '../../event-hub';
import type { ShelfCatalog } from '../../shelf/shelf-catalog';
import type { OrderLine } from '../order-record';
import { FEED_LINES, OrderLedger, type IngestResult } from './order-ledger';
import { SalesBoard } from './sales-board';
import type { SalesDelta } from './sales-delta';
import { UnmappedQueue } from './unmapped-queue';

/** Most figure events per second: overlays and the Live page need no more, and each one costs a render. */
export const FIGURES_MIN_INTERVAL_MS = 100;

/**
 * The ledger with its live side: one transaction per page (ledger rows, aggregates, stock and
 * whatever the caller adds, such as the sync cursor), then, after the commit, the in-memory figures
 * move, `orders.figuresChanged` goes out (at most every 100 ms), and stock changes reach the shelf.
 */
export class LiveLedger {
  readonly ledger: OrderLedger;
  readonly board: SalesBoard;
  readonly unmapped: UnmappedQueue;
  private lastEmit = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private feed: OrderLineView[] = [];
  private feedCount = 0;
  private ownAnnouncement = false;
  private readonly offShelf: () => void;

  constructor(
    private readonly db: Database.Database,
    private readonly catalog: ShelfCatalog,
    private readonly events: EventHub,
    private readonly minIntervalMs = FIGURES_MIN_INTERVAL_MS,
  ) {
    this.ledger = new OrderLedger(db, catalog);
    this.board = new SalesBoard(db);
    this.unmapped = new UnmappedQueue(db, catalog);
    this.board.load();
    // Listings or origins edited on the shelf: re-map new orders and re-read origins. Our own stock
    // announcements change neither, so they keep the cache.
    this.offShelf = events.on('shelf.changed', () => {
      if (this.ownAnnouncement) return;
      this.ledger.invalidateMappings();
      this.board.loadOrigins();
    });
  }

  /** Ingests lines and runs `alsoInTransaction` (cursor update) in the same transaction; then publishes. */
  ingest(lines: readonly OrderLine[], alsoInTransaction?: () => void): IngestResult {
    const result = this.db.transaction(() => {
      const r = this.ledger.ingestInTransaction(lines);
      alsoInTransaction?.();
      return r;
    })();
    this.afterCommit(result.delta, result.stockChanged, result.lines, result.written);
    return result;
  }

  /** Maps a SKU from the unmapped queue to a product; returns how many waiting lines moved. */
  resolveUnmapped(platform: SyncedPlatform, skuId: string, productId: number): number {
    const r = this.db.transaction(() => {
      const moved = this.unmapped.resolveInTransaction(platform, skuId, productId);
      this.ledger.writeDelta(moved.delta);
      return moved;
    })();
    this.ledger.invalidateMappings();
    this.afterCommit(r.delta, r.stockChanged, [], 0);
    return r.lines;
  }

  /** Stops pending timers and listeners. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.offShelf();
  }

  private afterCommit(
    delta: SalesDelta,
    stockChanged: Set<number>,
    lines: readonly (OrderLine & { productId: number | null })[],
    written: number,
  ): void {
    if (!delta.empty) this.board.apply(delta);
    if (stockChanged.size > 0) {
      this.ownAnnouncement = true;
      try {
        this.catalog.announceChanged(stockChanged);
      } finally {
        this.ownAnnouncement = false;
      }
    }
    if (written > 0) {
      this.feedCount += written;
      // The ledger hands over at most FEED_LINES lines, oldest first.
      const views = lines.map(toView);
      this.feed = [...views.reverse(), ...this.feed].slice(0, FEED_LINES);
    }
    if (!delta.empty || written > 0) this.schedulePublish();
  }

  private schedulePublish(): void {
    if (this.timer) return;
    const wait = this.lastEmit + this.minIntervalMs - Date.now();
    if (wait <= 0) this.publish();
    else {
      this.timer = setTimeout(() => this.publish(), wait);
      this.timer.unref?.();
    }
  }

  private publish(): void {
    this.timer = undefined;
    this.lastEmit = Date.now();
    this.events.emit('orders.figuresChanged', this.board.figures(this.lastEmit));
    if (this.feedCount > 0) {
      this.events.emit('orders.linesChanged', { count: this.feedCount, lines: this.feed });
      this.feedCount = 0;
      this.feed = [];
    }
  }
}

export const toView = (l: OrderLine & { productId?: number | null }): OrderLineView => ({
  platform: l.platform,
  shopId: l.shopId,
  orderId: l.orderId,
  lineId: l.lineId,
  status: l.status,
  refundState: l.refundState,
  itemId: l.itemId,
  skuId: l.skuId,
  title: l.title,
  quantity: l.quantity,
  paidFen: l.paidFen,
  createdAt: l.createdAt,
  paidAt: l.paidAt,
  updatedAt: l.updatedAt,
  productId: l.productId ?? null,
});
