import type Database from 'better-sqlite3';
import type { OrderLineView } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { EventHub } from '../../event-hub';
import type { ShelfReader } from '../../shelf';
import type { OrderLine } from '../order-record';
import { CommitQueue, type CommitChain, type Delivery } from './commit-queue';
import {
  FEED_LINES,
  IngestEffects,
  OrderLedger,
  rawDeliveries,
  type IngestResult,
  type RawDeliveries,
} from './order-ledger';
import { RawPacker } from './raw-pack';
import { LiveFigures } from './live-figures';
import type { SalesDelta } from './sales-delta';
import { setShowWindowInTransaction, type WindowChange } from './show-windows';
import { UnmappedQueue, type WaitingRef } from './unmapped-queue';

/**
 * Event mode's hooks into the ledger (see src/main/core/event): `localInTransaction` sees every
 * delivery of this studio's own shops inside its commit transaction (the event outbox writes
 * there, so a line is committed and queued for the event together or not at all); `committed`
 * runs after each commit, the figures already moved.
 */
export interface LedgerHooks {
  localInTransaction?(lines: readonly OrderLine[]): void;
  committed?(deliveries: readonly Delivery[], results: readonly IngestResult[]): void;
}

/** Most figure events per second: overlays and the Live page need no more, and each one costs a render. */
export const FIGURES_MIN_INTERVAL_MS = 100;

/**
 * The ledger with its live side: pages go in by group commit (one transaction for the pages
 * waiting: each page's lines with whatever it adds, such as its sync cursor, then the aggregates
 * and stock they changed, written once), then, after the commit, the in-memory figures move, and
 * at most every 100 ms the stock changes since the last time reach the shelf (`shelf.changed`,
 * one for all the products that moved) and `orders.figuresChanged` goes out. (Announcing stock
 * after every commit made each of them rebuild and broadcast the overlays: at 2,000 orders/s,
 * dozens of times a second.)
 */
export class LiveLedger {
  readonly ledger: OrderLedger;
  readonly figures: LiveFigures;
  readonly unmapped: UnmappedQueue;
  private readonly queue: CommitQueue<IngestResult>;
  private lastEmit = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private feed: OrderLineView[] = [];
  private feedCount = 0;
  /** Products whose stock moved since the last publish: announced with the next figures. */
  private stockMoved = new Set<number>();
  private closed = false;
  private readonly packer: RawPacker;
  /** Deliveries queued through a chain, with their raw page packed (or being packed) ahead. */
  private readonly prepared = new WeakMap<readonly OrderLine[], RawDeliveries>();
  private hooks: LedgerHooks = {};
  private remoteChain: CommitChain<IngestResult> | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly shelf: ShelfReader,
    private readonly events: EventHub,
    private readonly minIntervalMs = FIGURES_MIN_INTERVAL_MS,
    onPackerError: (reason: string) => void = () => {},
  ) {
    this.ledger = new OrderLedger(db, shelf);
    this.packer = new RawPacker(onPackerError);
    this.queue = new CommitQueue(
      (deliveries) => this.commitGroup(deliveries),
      undefined,
      (d) => this.prepare(d),
    );
    this.figures = new LiveFigures(db, shelf);
    this.unmapped = new UnmappedQueue(db, shelf);
    this.figures.load();
  }

  /**
   * The shelf changed (the studio wires `shelf.changed` here): listings or origins may have been
   * edited, so new orders are re-mapped and the origins of the products named are re-read (only
   * those: an import announces 100,000 at once while the show goes on). The ledger's own stock
   * moves change neither: they are announced with origin `ledger`, which the studio does not
   * wire here.
   */
  shelfChanged(productIds: readonly number[]): void {
    if (this.closed) return;
    this.ledger.invalidateMappings();
    this.figures.refreshOrigins(productIds);
    this.remapWaiting();
  }

  /**
   * Lines that waited for a product the shelf now has (an order came before the catalogue was
   * imported; in an event, another booth sold a product before the event shelf reached this
   * one) move to it by the same rules as a new line, taking stock and moving their sales: they
   * would otherwise stay "unmapped" until the operator mapped each SKU by hand. No mapping is
   * remembered: a later change of the shelf maps later lines by the shelf again.
   */
  private remapWaiting(): void {
    const found = this.unmapped
      .waitingRefs()
      .map((ref) => ({ ref, productId: this.ledger.productFor(ref.platform, ref) }))
      .filter((x): x is { ref: WaitingRef; productId: number } => x.productId !== null);
    if (found.length === 0) return;
    this.queue.flush();
    const moved = this.db.transaction(() => {
      const all = found.map(({ ref, productId }) => this.unmapped.moveInTransaction(ref, productId));
      for (const m of all) this.ledger.writeDelta(m.delta);
      return all;
    })();
    for (const m of moved) this.afterCommit(m.delta, m.stockChanged, [], 0);
  }

  /**
   * A chain for one sync pass: its pages commit in order with other waiting pages, and after a
   * failed one none of its later pages is written.
   */
  chain(): CommitChain<IngestResult> {
    return this.queue.chain();
  }

  /** Group-commit transactions so far (the one in progress, if any, is number groupsCommitted + 1). */
  get groupsCommitted(): number {
    return this.queue.groupsCommitted;
  }

  /**
   * Ingests lines now, after anything queued, and runs `alsoInTransaction` (cursor update) in the
   * same transaction; then publishes.
   */
  ingest(lines: readonly OrderLine[], alsoInTransaction?: () => void): IngestResult {
    return this.queue.commitNow({ lines, alsoInTransaction });
  }

  /** Installs event mode's hooks (replacing earlier ones); returns a function that removes them. */
  setHooks(hooks: LedgerHooks): () => void {
    this.hooks = hooks;
    return () => {
      if (this.hooks === hooks) this.hooks = {};
    };
  }

  /**
   * Lines another machine's ledger holds (event mode), upserted by the same rules as the shops'
   * own (a version older than the stored one changes nothing; the same version again neither),
   * group-committed in the order given with `alsoInTransaction` (the event cursor). After a
   * failed delivery the next call starts a fresh chain, so the caller can retry.
   */
  ingestRemote(lines: readonly OrderLine[], alsoInTransaction?: () => void): Promise<IngestResult> {
    if (!this.remoteChain || this.remoteChain.error !== undefined) this.remoteChain = this.queue.chain();
    return this.remoteChain.commit({ lines, alsoInTransaction, remote: true });
  }

  /** Splits a queued delivery into its orders' JSON and has the packer compress it meanwhile. */
  private prepare(d: Delivery): Promise<unknown> | undefined {
    if (d.lines.length === 0) return undefined;
    const page = rawDeliveries(d.lines);
    this.prepared.set(d.lines, page);
    return this.packer.pack(page.raws).then((packed) => {
      if (packed) page.packed = packed;
    });
  }

  /** One transaction for the deliveries, in order; throws with nothing written if any part fails. */
  private commitGroup(deliveries: readonly Delivery[]): IngestResult[] {
    const effects = new IngestEffects();
    const { results, stockChanged } = this.db.transaction(() => {
      const results = deliveries.map((d) => {
        const r = this.ledger.ingestInTransaction(
          d.lines,
          effects,
          undefined,
          this.prepared.get(d.lines),
          d.remote === true,
        );
        d.alsoInTransaction?.();
        if (!d.remote) this.hooks.localInTransaction?.(d.lines);
        return r;
      });
      return { results, stockChanged: this.ledger.writeEffects(effects) };
    })();
    const feed = results.flatMap((r) => r.lines).slice(-FEED_LINES);
    const written = results.reduce((n, r) => n + r.written, 0);
    this.afterCommit(effects.delta, new Set(stockChanged), feed, written);
    try {
      this.hooks.committed?.(deliveries, results);
    } catch {
      // Committed is committed: a failing listener must not make the queue retry the group.
    }
    return results;
  }

  /** Maps a SKU from the unmapped queue to a product; returns how many waiting lines moved. */
  resolveUnmapped(platform: SyncedPlatform, skuId: string, productId: number): number {
    this.queue.flush();
    const r = this.db.transaction(() => {
      const moved = this.unmapped.resolveInTransaction(platform, skuId, productId);
      this.ledger.writeDelta(moved.delta);
      return moved;
    })();
    this.ledger.invalidateMappings();
    this.afterCommit(r.delta, r.stockChanged, [], 0);
    return r.lines;
  }

  /**
   * Sets (or clears) a show's on-air window: in one transaction the window changes, the lines it
   * gains or loses move, and the figures of every show concerned are recounted (see
   * setShowWindowInTransaction). Pages waiting in the group commit go in first, under the old
   * windows, so they are re-attributed with the rest.
   */
  setShowWindow(
    showId: number,
    window: { from: number; to: number | null } | null,
    closeOpenAt?: number,
  ): WindowChange {
    this.queue.flush();
    const change = this.db.transaction(() =>
      setShowWindowInTransaction(this.db, this.shelf, showId, window, closeOpenAt),
    )();
    if (change.moved > 0) {
      // The live figures sum every show: only an order split across shows changes it, but it must equal the tables.
      this.figures.load();
      this.schedulePublish();
    }
    return change;
  }

  /** Commits what is queued, stops pending timers and listeners. */
  close(): void {
    this.queue.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.closed = true;
    this.packer.close();
  }

  private afterCommit(
    delta: SalesDelta,
    stockChanged: Set<number>,
    lines: readonly (OrderLine & { productId: number | null })[],
    written: number,
  ): void {
    if (!delta.empty) this.figures.apply(delta);
    for (const id of stockChanged) this.stockMoved.add(id);
    if (written > 0) {
      this.feedCount += written;
      // The ledger hands over at most FEED_LINES lines, oldest first.
      const views = lines.map(toView);
      this.feed = [...views.reverse(), ...this.feed].slice(0, FEED_LINES);
    }
    if (!delta.empty || written > 0 || stockChanged.size > 0) this.schedulePublish();
  }

  /**
   * Publishes at most every minIntervalMs, in a turn of the event loop of its own (never inside the
   * commit that moved the figures: a commit and the broadcasts after it took twice as long in one
   * task, bench:soak); with no interval (0), at once.
   */
  private schedulePublish(): void {
    if (this.timer) return;
    if (this.minIntervalMs <= 0) return this.publish();
    const wait = Math.max(0, this.lastEmit + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => this.publish(), wait);
    this.timer.unref?.();
  }

  private publish(): void {
    this.timer = undefined;
    this.lastEmit = Date.now();
    if (this.stockMoved.size > 0) {
      const moved = this.stockMoved;
      this.stockMoved = new Set();
      // Origin `ledger`: the studio's wiring does not hand the ledger its own stock moves back.
      this.shelf.announceChanged(moved, 'ledger');
    }
    this.events.emit('orders.figuresChanged', this.figures.snapshot(this.lastEmit));
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
