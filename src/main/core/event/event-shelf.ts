import type Database from 'better-sqlite3';
import type { KV } from '@nats-io/kv';
import { stockTakenOf } from '../orders';
import { guardPrice, productIdsByCode, setProductsByCode } from '../shelf';

/** One product of the event shelf, keyed by its merchant code (the same on every machine). */
export interface EventProduct {
  code: string;
  name: string;
  livePriceFen: number;
  listPriceFen: number;
  /** Stock before any booth sold: each machine shows base minus what the event's ledger took. */
  baseStock: number;
}

/** A shelf edit lost the race: another edit was published since `expectedRevision`. */
export class EventShelfConflict extends Error {
  constructor(
    readonly code: string,
    readonly winner: EventProduct | undefined,
    readonly revision: number,
  ) {
    super(`product ${code} was changed by someone else (revision ${revision}); see the current version`);
    this.name = 'EventShelfConflict';
  }
}

/** The key-value store's answer to a compare-and-set on a stale revision (JetStream "wrong last sequence"). */
const isWrongRevision = (err: unknown) =>
  err instanceof Error && (/wrong last sequence/i.test(err.message) || /10071/.test(err.message));

/**
 * The event shelf on JetStream KV: the director publishes each product with compare-and-set on
 * the revision the edit started from (`update(key, value, revision)`), so two edits never merge
 * silently: the second is refused and told the winner. Price changes pass the director's price
 * guard first. Every machine applies what it reads to its local shelf (by merchant code).
 */
export class EventShelf {
  constructor(
    private readonly kv: KV,
    private readonly db: Database.Database,
    private readonly eventId: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(code: string): Promise<{ product: EventProduct; revision: number } | undefined> {
    const e = await this.kv.get(key(code));
    if (!e || e.operation !== 'PUT') return undefined;
    return { product: e.json<EventProduct>(), revision: e.revision };
  }

  /**
   * Publishes a product edit made from `expectedRevision` (0: a new product). Returns the new
   * revision; throws EventShelfConflict when someone published in between, or the price guard's
   * refusal (confirm by repeating the new price as `confirmFen`).
   */
  async publish(product: EventProduct, expectedRevision: number, confirmFen?: number): Promise<number> {
    const current = await this.get(product.code);
    if (current && current.revision !== expectedRevision)
      throw new EventShelfConflict(product.code, current.product, current.revision);
    if (current)
      guardPrice(this.db, {
        oldFen: current.product.livePriceFen,
        newFen: product.livePriceFen,
        listFen: product.listPriceFen,
        confirmFen,
        name: product.name,
        productId: 0,
      });
    try {
      return expectedRevision === 0
        ? await this.kv.create(key(product.code), JSON.stringify(product))
        : await this.kv.update(key(product.code), JSON.stringify(product), expectedRevision);
    } catch (err) {
      if (!isWrongRevision(err) && !/exists/i.test(String(err))) throw err;
      const winner = await this.get(product.code);
      throw new EventShelfConflict(product.code, winner?.product, winner?.revision ?? 0);
    }
  }

  /** Applies one product to the local shelf: name, prices, and stock = base − what the event's ledger took. */
  applyLocal(p: EventProduct, revision: number): number[] {
    return this.db.transaction(() => {
      // The local products it changes, for the studio's shelf.changed announcement.
      const ids = productIdsByCode(this.db, p.code);
      const stock = Math.max(0, p.baseStock - stockTakenOf(this.db, ids));
      setProductsByCode(
        this.db,
        p.code,
        { nameZh: p.name, livePriceFen: p.livePriceFen, listPriceFen: p.listPriceFen, stock },
        this.clock(),
      );
      this.db
        .prepare(
          `INSERT INTO event_shelf_rev (event_id, code, revision) VALUES (?, ?, ?)
           ON CONFLICT (event_id, code) DO UPDATE SET revision = excluded.revision`,
        )
        .run(this.eventId, p.code, revision);
      return ids;
    })();
  }

  /**
   * Follows the shelf: every product's latest version, then each change, applied locally as it
   * comes. Offline, the local shelf stays as last applied. Resolves when `stop` is called.
   */
  async follow(
    onApplied?: (code: string, revision: number, productIds: number[]) => void,
  ): Promise<() => void> {
    const w = await this.kv.watch();
    void (async () => {
      for await (const e of w) {
        if (e.operation !== 'PUT') continue;
        const p = e.json<EventProduct>();
        const productIds = this.applyLocal(p, e.revision);
        onApplied?.(p.code, e.revision, productIds);
      }
    })().catch(() => undefined);
    return () => w.stop();
  }

  /** Units of a product the event's ledger (every booth's orders) has taken from its stock. */
  takenOf(code: string): number {
    return stockTakenOf(this.db, productIdsByCode(this.db, code));
  }

  /** Records the revision this machine knows a product at (the director's own publish). */
  recordRevision(code: string, revision: number): void {
    this.db
      .prepare(
        `INSERT INTO event_shelf_rev (event_id, code, revision) VALUES (?, ?, ?)
         ON CONFLICT (event_id, code) DO UPDATE SET revision = excluded.revision`,
      )
      .run(this.eventId, code, revision);
  }

  /** The revision this machine applied last for a product (0 when none). */
  appliedRevision(code: string): number {
    return (
      this.db
        .prepare<[string, string], { revision: number }>(
          'SELECT revision FROM event_shelf_rev WHERE event_id = ? AND code = ?',
        )
        .get(this.eventId, code)?.revision ?? 0
    );
  }
}

/** KV keys allow letters, digits, `-`, `_`, `=` and `.`: other characters of a code are hex-escaped. */
const key = (code: string) => code.replace(/[^A-Za-z0-9_-]/g, (c) => `=${c.codePointAt(0)!.toString(16)}.`);
