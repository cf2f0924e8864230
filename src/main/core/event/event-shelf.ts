import type Database from 'better-sqlite3';
import type { KV } from '@nats-io/kv';
import { guardPrice } from '../shelf/price-guard';

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
  private readonly apply;
  private readonly taken;

  constructor(
    private readonly kv: KV,
    private readonly db: Database.Database,
    private readonly eventId: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.apply = db.prepare<[string, number, number, number, number, string]>(
      `UPDATE product SET name_zh = ?, live_price_fen = ?, list_price_fen = ?, stock = ?, updated_at = ?
       WHERE outer_sku = ?`,
    );
    this.taken = db.prepare<[string], { taken: number }>(
      `SELECT coalesce(sum(l.stock_taken), 0) AS taken FROM order_line l JOIN product p ON p.id = l.product_id
       WHERE p.outer_sku = ?`,
    );
  }

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
      const taken = this.taken.get(p.code)!.taken;
      this.apply.run(
        p.name,
        p.livePriceFen,
        p.listPriceFen,
        Math.max(0, p.baseStock - taken),
        this.clock(),
        p.code,
      );
      this.db
        .prepare(
          `INSERT INTO event_shelf_rev (event_id, code, revision) VALUES (?, ?, ?)
           ON CONFLICT (event_id, code) DO UPDATE SET revision = excluded.revision`,
        )
        .run(this.eventId, p.code, revision);
      // The local products it changed, for the studio's shelf.changed announcement.
      return this.db
        .prepare<[string], { id: number }>('SELECT id FROM product WHERE outer_sku = ?')
        .all(p.code)
        .map((r) => r.id);
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
    return this.taken.get(code)!.taken;
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
