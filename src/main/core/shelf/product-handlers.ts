import type { Handlers } from '../api/dispatcher';
import type { ShelfContext } from './shelf-context';
import { applyUndo, recordUndo } from './shelf-undo';
import { notFound } from './product-store';
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
  | 'shelf.undo';

/** Product operations: every write in one transaction, announced after the commit. */
export function productHandlers(s: ShelfContext): Pick<Handlers, ProductOps> {
  const { products, rundowns, search, undo, catalog } = s;
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
      catalog.announceChanged([id]);
      return detail(id);
    },
    'shelf.update': ({ id, patch, listings }) => {
      tx(() => products.update(id, patch, listings));
      catalog.announceChanged([id]);
      return detail(id);
    },
    'shelf.archive': ({ ids }) => {
      const undoToken = tx(() => {
        const before = rowsOf(ids);
        for (const id of ids) products.update(id, { status: 'archived' });
        return recordUndo(undo, 'products', before);
      });
      catalog.announceChanged(ids);
      return { undoToken, count: ids.length };
    },
    'shelf.bulkUpdate': ({ ids, change }) => {
      const undoToken = tx(() => {
        const before = rowsOf(ids);
        for (const row of before) {
          const livePriceFen =
            change.livePricePercent === undefined
              ? undefined
              : adjustByPercent(row.live_price_fen, change.livePricePercent);
          products.update(row.id, { category: change.category, status: change.status, livePriceFen });
        }
        return recordUndo(undo, 'products', before);
      });
      catalog.announceChanged(ids);
      return { undoToken, count: ids.length };
    },
    'shelf.delete': ({ id }) => {
      const undoToken = tx(() => recordUndo(undo, 'deleteProduct', products.delete(id)));
      catalog.announceChanged([id]);
      return { undoToken, count: 1 };
    },
    'shelf.undo': async ({ undoToken }) => {
      if (s.imports.isChunkedImport(undoToken)) {
        // A large import goes back in chunks, as it came in; this call waits for the end.
        const end = await s.imports.startUndo(undoToken).done;
        if (end.undone) return { productIds: end.undone.productIds, showIds: [] };
        throw failureOf(end);
      }
      const changed = tx(() => applyUndo(undo.take(undoToken), { products, rundowns }));
      catalog.announceChanged(changed.productIds);
      for (const showId of changed.showIds) s.rundownChanged(showId);
      return changed;
    },
  };
}

/** price × (100 + percent) / 100 rounded half up, in integers only: money never touches floats. */
export function adjustByPercent(fen: number, percent: number): number {
  const n = fen * (100 + percent) + 50;
  return Math.max(0, (n - (n % 100)) / 100);
}
