import type { OrderLine } from '../order-record';

/** One fetched page for the ledger: its lines, and what goes in the same transaction (its sync cursor). */
export interface Delivery {
  lines: readonly OrderLine[];
  alsoInTransaction?: () => void;
  /** Lines another machine's ledger delivered (event mode): upserted by the same rules, never sent out again. */
  remote?: boolean;
}

export interface GroupCommitOptions {
  /** A delivery waits at most this long for others to share its transaction. */
  maxDelayMs: number;
  /** A group this big (lines) commits without waiting out the delay. */
  maxLines: number;
  /** Deliveries one chain may have waiting; a chain at this bound commits without waiting out the delay. */
  chainAhead: number;
  /**
   * Most lines one transaction takes (a delivery bigger than this still goes in whole): a backlog
   * is written in transactions of at most this many lines, with a turn of the event loop between
   * them when the commit was scheduled. Unset: everything waiting goes in one transaction.
   */
  sliceLines?: number;
  /**
   * Most milliseconds one transaction should hold the event loop: the slice is cut to the lines
   * that fit, at the cost per line the last transactions took (at least one delivery each).
   * Unset: only `sliceLines` bounds a slice.
   */
  sliceBudgetMs?: number;
}

/**
 * Measured by `npm run bench:orders`: a transaction per page spends about a fifth of ingest on
 * commits and rewrites the same aggregate and stock rows page after page; 20 ms adds nothing
 * the Live page can see (figures go out at most every 100 ms). Measured by `npm run bench:soak`:
 * at 2,000 orders/s a loaded machine let groups of 1,000+ lines build up, and one such
 * transaction (with the events its commit sends) held the event loop for 100-400 ms; 500 lines
 * (a few pages) keep a transaction to a few milliseconds and still share each sync among pages.
 * But a line costs some 40 µs to write (its version check, aggregates, stock, raw page, fsync
 * shared), so 500 lines held the loop for about 20 ms, most of the show's loop delay above one
 * frame (bench:soak's profile: 680 of its 920 tasks over 15 ms were such slices): a transaction
 * now also stops at what fits in 6 ms at the measured cost per line, which keeps the loop's
 * longest tasks well inside a frame while the commits still keep up with 2,000 orders/s.
 */
export const GROUP_COMMIT: GroupCommitOptions = {
  maxDelayMs: 20,
  maxLines: 4_000,
  chainAhead: 16,
  sliceLines: 500,
  sliceBudgetMs: 6,
};

/** Weight of the newest transaction in the cost-per-line estimate. */
const COST_WEIGHT = 0.3;

interface Waiting<R> extends Delivery {
  chain: CommitChain<R>;
  /** Work done for the delivery ahead of its transaction (see `prepare`); never rejects. */
  prepared: Promise<unknown> | undefined;
  resolve: (r: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the ledger. Deliveries wait in a queue and commit together, in the order they
 * came, in one transaction: as soon as the writer is free when a backlog is draining (a chain is at
 * its bound, or enough lines wait), otherwise within `maxDelayMs`. A page that arrives alone still
 * commits on its own, 20 ms later at most. A backlog bigger than `sliceLines` goes in several
 * transactions, oldest first; a scheduled commit writes one of them per turn of the event loop
 * (setImmediate between), so timers, sockets and the operator's calls run between slices.
 *
 * A sync pass submits its pages through a {@link CommitChain}: once one of its deliveries fails,
 * every later one of that chain fails unwritten, so a cursor can never move past a page that was
 * not stored. A failed group is retried one delivery per transaction, so one bad page fails only
 * its own chain.
 */
export class CommitQueue<R> {
  /** Transactions committed so far (the group a commit in progress belongs to is this plus one). */
  groupsCommitted = 0;
  private queue: Waiting<R>[] = [];
  private queuedLines = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  /** Milliseconds per line of the transactions so far (a moving average); undefined before the first. */
  private msPerLine: number | undefined;

  constructor(
    /** Commits deliveries in one transaction and returns one result each, or throws (nothing written). */
    private readonly commitGroup: (deliveries: readonly Delivery[]) => R[],
    readonly options: GroupCommitOptions = GROUP_COMMIT,
    /**
     * Called as a delivery is queued, to start work it can use once its group commits (the ledger
     * packs raw pages on another thread). A scheduled commit waits for its deliveries' promises; a
     * commit forced now (commitNow, flush) does not wait. Either way, and when a preparation throws
     * or rejects (it is then ignored), commitGroup does whatever work is not done itself.
     */
    private readonly prepare?: (delivery: Delivery) => Promise<unknown> | undefined,
    /** Milliseconds, for the cost per line (tests drive it). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  chain(): CommitChain<R> {
    return new CommitChain(this);
  }

  /** Queues a delivery of `chain`; resolves once committed. Internal: use `chain.commit`. */
  enqueue(chain: CommitChain<R>, delivery: Delivery): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ ...delivery, chain, resolve, reject, prepared: this.prepared(delivery) });
      this.queuedLines += delivery.lines.length;
      // Counting this one: the chain would have to wait for room, so commit without delay.
      const chainFull = chain.uncommitted + 1 >= this.options.chainAhead;
      if (this.queuedLines >= this.options.maxLines || chainFull)
        this.immediate ??= setImmediate(() => void this.flushPrepared());
      else this.timer ??= setTimeout(() => void this.flushPrepared(), this.options.maxDelayMs);
    });
  }

  /** Starts a delivery's preparation; a failure is ignored, never the delivery's or its chain's. */
  private prepared(delivery: Delivery): Promise<unknown> | undefined {
    try {
      return this.prepare?.(delivery)?.catch(() => undefined);
    } catch {
      return undefined;
    }
  }

  /**
   * A scheduled commit: once what is queued now is prepared, commits the oldest slice queued then
   * (deliveries queued meanwhile go along, prepared or not, up to `sliceLines`), and schedules the
   * rest for the next turn of the event loop. The timer stays set while waiting, so no second one
   * is scheduled behind it.
   */
  private async flushPrepared(): Promise<void> {
    const slice = this.queue.slice(0, this.sliceLength());
    const prepared = slice.flatMap((w) => (w.prepared ? [w.prepared] : []));
    if (prepared.length > 0) {
      await Promise.all(prepared);
      // The packer's answers arrive with the loop's I/O; commit in the check phase after it, so the
      // next slice (setImmediate from there) falls in the next turn, not in this one as well.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
    this.commitSlice();
    if (this.queue.length > 0) this.immediate ??= setImmediate(() => void this.flushPrepared());
  }

  /** How many deliveries from the front of the queue the next transaction takes (at least one). */
  private sliceLength(): number {
    const bound = this.lineBound();
    if (bound === undefined) return this.queue.length;
    let lines = 0;
    let n = 0;
    for (const w of this.queue) {
      if (n > 0 && lines + w.lines.length > bound) break;
      lines += w.lines.length;
      n++;
    }
    return n;
  }

  /** Most lines the next transaction takes: `sliceLines`, less if the time budget fits fewer. */
  private lineBound(): number | undefined {
    const { sliceLines, sliceBudgetMs } = this.options;
    if (sliceBudgetMs === undefined || this.msPerLine === undefined) return sliceLines;
    const fits = Math.max(1, Math.floor(sliceBudgetMs / this.msPerLine));
    return sliceLines === undefined ? fits : Math.min(sliceLines, fits);
  }

  /** Commits what is queued, then this delivery alone, now; throws if it fails. */
  commitNow(delivery: Delivery): R {
    this.flush();
    return this.commitCounted([delivery])[0]!;
  }

  /** Commits everything queued now (in transactions of at most `sliceLines`, back to back). */
  flush(): void {
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
    // Bounded: each slice takes at least one delivery off the queue.
    while (this.queue.length > 0) this.commitSlice();
  }

  /** Commits the oldest slice of the queue in one transaction (see sliceLength). */
  private commitSlice(): void {
    const taken = this.queue.splice(0, this.sliceLength());
    for (const w of taken) this.queuedLines -= w.lines.length;
    const group = taken.filter((w) => this.stillLive(w));
    if (group.length === 0) return;
    let results: R[] | undefined;
    try {
      results = this.commitCounted(group);
    } catch {
      // Nothing of the group was written: each delivery again on its own, so only a bad one fails.
    }
    if (results) {
      group.forEach((w, i) => w.resolve(results[i]!));
      return;
    }
    for (const w of group) {
      if (!this.stillLive(w)) continue;
      try {
        w.resolve(this.commitCounted([w])[0]!);
      } catch (err) {
        w.chain.error = err;
        w.reject(err);
      }
    }
  }

  private commitCounted(deliveries: readonly Delivery[]): R[] {
    const started = this.now();
    const results = this.commitGroup(deliveries);
    this.groupsCommitted++;
    const lines = deliveries.reduce((n, d) => n + d.lines.length, 0);
    if (lines > 0) {
      const cost = Math.max(0, this.now() - started) / lines;
      this.msPerLine =
        this.msPerLine === undefined ? cost : this.msPerLine * (1 - COST_WEIGHT) + cost * COST_WEIGHT;
    }
    return results;
  }

  /** False (and the delivery rejected) when an earlier delivery of its chain failed. */
  private stillLive(w: Waiting<R>): boolean {
    if (w.chain.error === undefined) return true;
    w.reject(w.chain.error);
    return false;
  }
}

/**
 * The deliveries of one sync pass, committed in the order submitted; after a failure the chain
 * is broken and every later delivery fails unwritten with the same error.
 */
export class CommitChain<R> {
  /** Why the chain broke; undefined while it is whole. */
  error: unknown = undefined;
  /** One per delivery not yet committed or failed, oldest first; each resolves when it settles. */
  private pending: Promise<unknown>[] = [];

  constructor(private readonly queue: CommitQueue<R>) {}

  /** Queues a delivery; resolves with its result once committed, rejects if it (or an earlier one) failed. */
  commit(delivery: Delivery): Promise<R> {
    if (this.error !== undefined) return Promise.reject(this.error);
    const p = this.queue.enqueue(this, delivery);
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this.pending.push(settled);
    void settled.then(() => this.pending.splice(this.pending.indexOf(settled), 1));
    return p;
  }

  /** Deliveries submitted and not yet committed or failed. */
  get uncommitted(): number {
    return this.pending.length;
  }

  /** Resolves when the chain may queue another delivery (fewer than `chainAhead` uncommitted). */
  async room(): Promise<void> {
    while (this.uncommitted >= this.queue.options.chainAhead) await this.pending[0];
  }

  /** Resolves when every delivery submitted so far has committed or failed; never rejects. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }
}
