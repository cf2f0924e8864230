import type Database from 'better-sqlite3';
import { ApiFailure } from '@shared/api/errors';
import type { ProductPatch } from '@shared/api/domains/shelf';
import type { Logger } from '../logging/log-hub';
import { productEventFields } from '../shelf';
import { EventShelfConflict, type EventProduct, type EventShelf } from './event-shelf';

/** What of a product the event shelf carries: name, prices, stock. */
const touchesEventShelf = (p: ProductPatch) =>
  p.nameZh !== undefined ||
  p.livePriceFen !== undefined ||
  p.listPriceFen !== undefined ||
  p.stock !== undefined;

export const shelfConflict = (name: string, code: string) =>
  new ApiFailure('conflict', `${name} (${code}) was changed on the event shelf meanwhile; reload it`, {
    key: 'eventLive.shelfConflict',
    params: { name, code },
  });

/**
 * The director's shelf edits of products on the event shelf: published to the event (compare-and-set
 * on the revision this studio last published or applied, the price guard first) before they are
 * saved locally, so an edit that lost a race is refused whole, never merged. `shelf()` is the event
 * shelf while linked; undefined offline.
 */
export class EventShelfEdits {
  constructor(
    private readonly eventId: string,
    private readonly db: () => Database.Database,
    private readonly shelf: () => EventShelf | undefined,
    private readonly announce: (productIds: number[]) => void,
    private readonly log: Logger,
  ) {}

  /** Puts shelf products on the event shelf (booths apply them); products already on it keep their version. */
  async add(productIds: readonly number[]): Promise<{ added: string[]; already: string[] }> {
    const shelf = this.requireShelf();
    const added: string[] = [];
    const already: string[] = [];
    for (const id of productIds) {
      const row = productEventFields(this.db(), id);
      if (!row)
        throw new ApiFailure('not_found', `Product ${id} is not on the shelf`, {
          key: 'eventLive.productMissing',
          params: { id },
        });
      if (!row.outerSku)
        throw new ApiFailure('bad_request', `${row.nameZh} has no merchant code`, {
          key: 'eventLive.noCode',
          params: { name: row.nameZh },
        });
      const code = row.outerSku;
      const current = await shelf.get(code);
      if (current) {
        shelf.recordRevision(code, current.revision);
        already.push(code);
        continue;
      }
      const product: EventProduct = {
        code,
        name: row.nameZh,
        livePriceFen: row.livePriceFen,
        listPriceFen: row.listPriceFen,
        baseStock: row.stock + shelf.takenOf(code),
      };
      try {
        shelf.recordRevision(code, await shelf.publish(product, 0));
        added.push(code);
      } catch (err) {
        if (err instanceof EventShelfConflict) throw shelfConflict(row.nameZh, code);
        throw err;
      }
    }
    return { added, already };
  }

  /**
   * One Shelf page edit (`local` saves it on this studio). A product not on the event shelf, or an
   * edit of nothing the event carries, is only saved locally.
   */
  async update<T>(
    input: { id: number; patch: ProductPatch; confirmPriceFen?: number | undefined },
    local: () => T | Promise<T>,
  ): Promise<T> {
    const row = productEventFields(this.db(), input.id);
    if (!row?.outerSku || !touchesEventShelf(input.patch)) return local();
    const code = row.outerSku;
    const shelf = this.shelf();
    if (!shelf) {
      if (this.knownRevision(code) > 0)
        throw new ApiFailure(
          'unavailable',
          `${row.nameZh} is on the event shelf and the event is not linked`,
          {
            key: 'eventLive.shelfOffline',
            params: { name: row.nameZh, code },
          },
        );
      return local();
    }
    const current = await shelf.get(code);
    if (!current) return local();
    const p = input.patch;
    const next: EventProduct = {
      code: p.outerSku ?? code,
      name: p.nameZh ?? current.product.name,
      livePriceFen: p.livePriceFen ?? current.product.livePriceFen,
      listPriceFen: p.listPriceFen ?? current.product.listPriceFen,
      baseStock: p.stock !== undefined ? p.stock + shelf.takenOf(code) : current.product.baseStock,
    };
    if (next.code !== code)
      throw new ApiFailure('conflict', `${row.nameZh}'s merchant code is its key on the event shelf`, {
        key: 'eventLive.codeFixed',
        params: { name: row.nameZh, code },
      });
    let revision: number;
    try {
      revision = await shelf.publish(next, this.knownRevision(code), input.confirmPriceFen);
    } catch (err) {
      if (!(err instanceof EventShelfConflict)) throw err;
      // The winner becomes this studio's copy too: a reload shows what the event has now.
      if (err.winner) this.announce(shelf.applyLocal(err.winner, err.revision));
      throw shelfConflict(row.nameZh, code);
    }
    shelf.recordRevision(code, revision);
    try {
      return await local();
    } catch (err) {
      // Published but not saved here: this studio takes the event's version, as a booth would.
      this.log.error('event shelf edit published but not saved locally', { code, error: String(err) });
      this.announce(shelf.applyLocal(next, revision));
      throw err;
    }
  }

  /**
   * A bulk live-price change on the Shelf page: refused when it touches an event product (it would
   * change this shelf and not the event's); such products are changed one by one in their form.
   */
  refuseBulkPrice(ids: readonly number[]): void {
    for (const id of ids) {
      const row = productEventFields(this.db(), id);
      if (row?.outerSku && this.knownRevision(row.outerSku) > 0)
        throw new ApiFailure(
          'conflict',
          `${row.nameZh} is on the event shelf: change its price in its form`,
          {
            key: 'eventLive.bulkOnEvent',
            params: { name: row.nameZh, code: row.outerSku },
          },
        );
    }
  }

  private knownRevision(code: string): number {
    return (
      this.db()
        .prepare<[string, string], { revision: number }>(
          'SELECT revision FROM event_shelf_rev WHERE event_id = ? AND code = ?',
        )
        .get(this.eventId, code)?.revision ?? 0
    );
  }

  private requireShelf(): EventShelf {
    const shelf = this.shelf();
    if (!shelf)
      throw new ApiFailure('unavailable', 'the event is not linked', { key: 'eventLive.notLinked' });
    return shelf;
  }
}
