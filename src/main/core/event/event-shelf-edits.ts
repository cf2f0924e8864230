import type Database from 'better-sqlite3';
import { ApiFailure } from '@shared/api/errors';
import type { ProductPatch } from '@shared/api/domains/shelf';
import type { Logger } from '../logging/log-hub';
import { listingInputFrom, productEventFields, productStatusByCode, ProductStore } from '../shelf';
import {
  EventShelfConflict,
  type EventProduct,
  type EventProductDetails,
  type EventShelf,
} from './event-shelf';

/** A product's fields and listings as a booth that lacks it creates it (the patch being saved applied). */
function detailsOf(
  db: Database.Database,
  id: number,
  patch: ProductPatch = {},
): EventProductDetails | undefined {
  const d = new ProductStore(() => db).detail(id);
  if (!d) return undefined;
  const p = { ...d.product, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  return {
    nameEn: p.nameEn ?? null,
    nameUg: p.nameUg ?? null,
    sellingPoints: p.sellingPoints,
    category: p.category,
    originProvince: p.originProvince,
    originCity: p.originCity,
    originCounty: p.originCounty,
    specification: p.specification,
    unit: p.unit,
    listings: d.listings.map(listingInputFrom),
  };
}

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

export const revisionMissing = (name: string, code: string) =>
  new ApiFailure(
    'conflict',
    `${name} (${code}) is on the event shelf: an edit must say which event revision it was made from (eventRevision); reload it`,
    { key: 'eventMore.revisionMissing', params: { name, code } },
  );

/**
 * The director's shelf edits of products on the event shelf: published to the event (compare-and-set
 * on the revision the edit was made from, the one its form was loaded with; the price guard first)
 * before they are saved locally, so an edit that lost a race is refused whole, never merged, even
 * when it is saved after the winner. `shelf()` is the event shelf while linked; undefined offline.
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
        details: detailsOf(this.db(), id),
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
    input: {
      id: number;
      patch: ProductPatch;
      confirmPriceFen?: number | undefined;
      eventRevision?: number | undefined;
    },
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
      details: detailsOf(this.db(), input.id, p) ?? current.product.details,
    };
    if (next.code !== code)
      throw new ApiFailure('conflict', `${row.nameZh}'s merchant code is its key on the event shelf`, {
        key: 'eventLive.codeFixed',
        params: { name: row.nameZh, code },
      });
    // The revision the edit was made from (not the one this studio knows now: another form may
    // have published since this one was loaded, and this edit must not silently replace it).
    if (input.eventRevision === undefined) throw revisionMissing(row.nameZh, code);
    let revision: number;
    try {
      revision = await shelf.publish(next, input.eventRevision, input.confirmPriceFen);
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
   * Products being archived or deleted on this shelf leave the event shelf (booths archive them).
   * Checked before the local change: refused whole while the link is down, like an edit, so no
   * booth keeps selling a product the director took off. `publish` (after the local change)
   * removes them; products not on the event shelf are not concerned.
   */
  removal(productIds: readonly number[]): { codes: string[]; publish(): Promise<void> } {
    const onEvent = productIds.flatMap((id) => {
      const row = productEventFields(this.db(), id);
      return row?.outerSku && this.knownRevision(row.outerSku) > 0
        ? [{ name: row.nameZh, code: row.outerSku }]
        : [];
    });
    const codes = onEvent.map((p) => p.code);
    if (onEvent.length === 0) return { codes, publish: () => Promise.resolve() };
    if (!this.shelf()) {
      const { name, code } = onEvent[0]!;
      throw new ApiFailure('unavailable', `${name} is on the event shelf and the event is not linked`, {
        key: 'eventLive.shelfOffline',
        params: { name, code },
      });
    }
    return {
      codes,
      publish: async () => {
        const shelf = this.requireShelf();
        for (const code of codes) await shelf.remove(code);
        this.log.info('removed from the event shelf', { codes: codes.join(',') });
      },
    };
  }

  /**
   * After an undo on this shelf: products it brought back (not archived) that the event shelf took
   * off (an archive or delete undone) go back on it, so booths sell them again. Returns their codes.
   */
  async restore(productIds: readonly number[]): Promise<string[]> {
    const shelf = this.shelf();
    if (!shelf) return [];
    const back: number[] = [];
    for (const id of productIds) {
      const code = productEventFields(this.db(), id)?.outerSku;
      if (!code || productStatusByCode(this.db(), code)?.status === 'archived') continue;
      if (await shelf.wasRemoved(code)) back.push(id);
    }
    if (back.length === 0) return [];
    const { added } = await this.add(back);
    this.log.info('back on the event shelf after an undo', { codes: added.join(',') });
    return added;
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
