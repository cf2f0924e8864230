import type Database from 'better-sqlite3';
import type { KV } from '@nats-io/kv';
import type { ListingInput } from '@shared/api/domains/shelf';
import { stockTakenOf } from '../orders';
import { guardPrice, productIdsByCode, productStatusByCode, ProductStore } from '../shelf';

/** One product of the event shelf, keyed by its merchant code (the same on every machine). */
export interface EventProduct {
  code: string;
  name: string;
  livePriceFen: number;
  listPriceFen: number;
  /** Stock before any booth sold: each machine shows base minus what the event's ledger took. */
  baseStock: number;
  /**
   * What a booth that does not have the product creates it from (its other fields and the
   * director's listings, so the booth's ledger maps its orders by the same codes). A booth that
   * has it (by merchant code) keeps its own fields and listings.
   */
  details?: EventProductDetails;
}

export interface EventProductDetails {
  nameEn: string | null;
  nameUg: string | null;
  sellingPoints: string;
  category: string;
  originProvince: string;
  originCity: string;
  originCounty: string;
  specification: string;
  unit: string;
  listings: ListingInput[];
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
  private readonly products: ProductStore;

  constructor(
    private readonly kv: KV,
    private readonly db: Database.Database,
    private readonly eventId: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.products = new ProductStore(() => db);
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

  /** Whether the product was on the event shelf and was taken off (its last word is a removal). */
  async wasRemoved(code: string): Promise<boolean> {
    const e = await this.kv.get(key(code));
    return e !== null && e.operation !== 'PUT';
  }

  /** Removes a product from the event shelf (the director archived or deleted it): booths archive it. */
  async remove(code: string): Promise<void> {
    await this.kv.delete(key(code));
    this.forget(code);
  }

  /**
   * Applies one product to the local shelf: name, prices, and stock = base − what the event's
   * ledger took; a product this shelf lacks is created (with the director's details and the
   * listings whose platform item is free here); one archived here (removed from the event
   * earlier) is back on the shelf.
   */
  applyLocal(p: EventProduct, revision: number): number[] {
    return this.db.transaction(() => {
      const stock = Math.max(0, p.baseStock - this.takenOf(p.code));
      const existing = productStatusByCode(this.db, p.code);
      let id: number;
      if (existing) {
        id = existing.id;
        this.products.update(
          id,
          {
            nameZh: p.name,
            livePriceFen: p.livePriceFen,
            listPriceFen: p.listPriceFen,
            stock,
            ...(existing.status === 'archived' ? { status: 'ready' as const } : {}),
          },
          undefined,
          this.clock(),
        );
      } else {
        const d = p.details;
        const listings = (d?.listings ?? []).filter(
          (l) => this.products.listingOwner(l.platform, l.itemId, l.shopId) === undefined,
        );
        id = this.products.create(
          {
            nameZh: p.name,
            nameEn: d?.nameEn ?? null,
            nameUg: d?.nameUg ?? null,
            sellingPoints: d?.sellingPoints ?? '',
            category: d?.category ?? '',
            originProvince: d?.originProvince ?? '',
            originCity: d?.originCity ?? '',
            originCounty: d?.originCounty ?? '',
            specification: d?.specification ?? '',
            unit: d?.unit ?? '',
            livePriceFen: p.livePriceFen,
            listPriceFen: p.listPriceFen,
            stock,
            status: 'ready',
            outerSku: p.code,
          },
          listings,
          this.clock(),
        );
      }
      this.recordRevision(p.code, revision);
      // The local product it changed, for the studio's shelf.changed announcement.
      return [id];
    })();
  }

  /**
   * The event removed a product: archived here (its orders and figures stay), if this shelf had
   * it from the event. Returns the products it changed.
   */
  removeLocal(code: string): number[] {
    return this.db.transaction(() => {
      if (this.appliedRevision(code) === 0) return [];
      this.forget(code);
      const row = productStatusByCode(this.db, code);
      if (!row || row.status === 'archived') return [];
      this.products.update(row.id, { status: 'archived' }, undefined, this.clock());
      return [row.id];
    })();
  }

  private forget(code: string): void {
    this.db.prepare('DELETE FROM event_shelf_rev WHERE event_id = ? AND code = ?').run(this.eventId, code);
  }

  /**
   * Follows the shelf: every product's latest version, then each change (a removal too), applied
   * locally as it comes. Offline, the local shelf stays as last applied. A product that cannot be
   * applied is reported (`onError`) and the others still are. Resolves with a function that stops.
   */
  async follow(
    onApplied?: (code: string, revision: number, productIds: number[]) => void,
    onError?: (code: string, err: unknown) => void,
  ): Promise<() => void> {
    const w = await this.kv.watch();
    void (async () => {
      for await (const e of w) {
        const code = codeOf(e.key);
        try {
          if (e.operation !== 'PUT') onApplied?.(code, e.revision, this.removeLocal(code));
          else {
            const p = e.json<EventProduct>();
            onApplied?.(p.code, e.revision, this.applyLocal(p, e.revision));
          }
        } catch (err) {
          onError?.(code, err);
        }
      }
    })().catch((err: unknown) => onError?.('', err));
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

/** The merchant code a KV key stands for (the inverse of `key`). */
export const codeOf = (k: string) =>
  k.replace(/=([0-9a-f]+)\./g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));

export const eventShelfKey = key;
