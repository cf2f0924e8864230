import type { Handlers } from '../api/dispatcher';
import type { ShelfContext } from './shelf-context';
import { applyUndo, historyEntry, recordUndo } from './shelf-undo';
import { notFound } from './product-store';
import { actorOf, guardPrice, sourceOf } from './price-guard';
import type { ProductRow } from './shelf-rows';
import { failureOf } from './import/import-service';

type ProductOps =
  | 'shelf.search'
  | 'shelf.facets'
  | 'shelf.get'
  | 'shelf.create'
  | 'shelf.update'
  | 'shelf.archive'
  | 'shelf.bulkUpdate'
  | 'shelf.delete'
  | 'shelf.undo'
  | 'shelf.history'
  | 'shelf.priceLog';

/** Product operations: every write in one transaction, announced after the commit. */
export function productHandlers(s: ShelfContext): Pick<Handlers, ProductOps> {
  const { products, rundowns, search, undo, shelf, prices } = s;
  const tx = <T>(fn: () => T): T => s.db().transaction(fn)();
  const rowsOf = (ids: readonly number[]): ProductRow[] =>
    ids.map(
      (id) =>
        products.row(id) ??
        (() => {
          throw notFound(id);
        })(),
    );
  const detail = (id: number) =>
    products.detail(id) ??
    (() => {
      throw notFound(id);
    })();

  return {
    'shelf.search': (input) => search.search(input),
    'shelf.facets': () => search.facets(),
    'shelf.get': ({ id }) => detail(id),
    'shelf.create': ({ product, listings }) => {
      const id = tx(() => products.create(product, listings));
      shelf.announceChanged([id]);
      return detail(id);
    },
    'shelf.update': ({ id, patch, listings, confirmPriceFen }, c) => {
      tx(() => {
        const row = rowsOf([id])[0]!;
        const newFen = patch.livePriceFen;
        const { confirmed } =
          newFen === undefined
            ? { confirmed: false }
            : guardPrice(s.db(), {
                oldFen: row.live_price_fen,
                newFen,
                listFen: patch.listPriceFen ?? row.list_price_fen,
                confirmFen: confirmPriceFen,
                name: row.name_zh,
                productId: id,
              });
        prices.during(sourceOf(c), actorOf(c), () => products.update(id, patch, listings), { confirmed });
      });
      shelf.announceChanged([id]);
      return detail(id);
    },
    'shelf.archive': ({ ids }) => {
      const undoToken = tx(() => {
        const before = rowsOf(ids);
        for (const id of ids) products.update(id, { status: 'archived' });
        return recordUndo(undo, 'products', before);
      });
      shelf.announceChanged(ids);
      return { undoToken, count: ids.length };
    },
    'shelf.bulkUpdate': ({ ids, change, confirmPricePercent }, c) => {
      const percent = change.livePricePercent;
      const confirmed = percent !== undefined && confirmPricePercent === percent;
      const undoToken = tx(() => {
        const before = rowsOf(ids);
        prices.during(
          sourceOf(c),
          actorOf(c),
          () => {
            for (const row of before) {
              const livePriceFen =
                percent === undefined ? undefined : adjustByPercent(row.live_price_fen, percent);
              // The percentage typed again confirms every product it makes suspicious.
              if (livePriceFen !== undefined && !confirmed)
                guardPrice(s.db(), {
                  oldFen: row.live_price_fen,
                  newFen: livePriceFen,
                  listFen: row.list_price_fen,
                  confirmFen: undefined,
                  name: row.name_zh,
                  productId: row.id,
                  percent,
                });
              products.update(row.id, { category: change.category, status: change.status, livePriceFen });
            }
          },
          { confirmed },
        );
        return recordUndo(undo, 'products', before);
      });
      shelf.announceChanged(ids);
      return { undoToken, count: ids.length };
    },
    'shelf.delete': ({ id }) => {
      const undoToken = tx(() => recordUndo(undo, 'deleteProduct', products.delete(id)));
      shelf.announceChanged([id]);
      return { undoToken, count: 1 };
    },
    'shelf.undo': async ({ undoToken }, c) => {
      if (s.imports.isChunkedImport(undoToken)) {
        // A large import goes back in chunks, as it came in; this call waits for the end.
        const end = await s.imports.startUndo(undoToken).done;
        if (end.undone) return { productIds: end.undone.productIds, showIds: [] };
        throw failureOf(end);
      }
      const changed = tx(
        () =>
          prices.during('undo', actorOf(c), () =>
            applyUndo(undo.take(undoToken), { products, rundowns, extras: s.undoExtras }),
          ).value,
      );
      shelf.announceChanged(changed.productIds);
      for (const showId of changed.showIds) s.rundownChanged(showId);
      return changed;
    },
    'shelf.priceLog': (q) => ({ changes: prices.list(q) }),
    'shelf.history': () => ({ entries: undo.list().map((e) => historyEntry(s, e)) }),
  };
}

/** price × (100 + percent) / 100 rounded half up, in integers only: money never touches floats. */
export function adjustByPercent(fen: number, percent: number): number {
  const n = fen * (100 + percent) + 50;
  return Math.max(0, (n - (n % 100)) / 100);
}
