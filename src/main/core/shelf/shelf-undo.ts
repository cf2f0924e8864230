import { ApiFailure } from '@shared/api/errors';
import type { ProductSnapshot, ProductStore } from './product-store';
import type { RemovedShow, RundownStore } from './rundown-store';
import { listingFromRow, type ListingRow, type ProductRow, type SlotRow } from './shelf-rows';
import type { ListingInput } from '@shared/api/domains/shelf';
import type { UndoLog } from './undo-log';

/** What each destructive action records, by kind. */
export interface UndoPayloads {
  /** Archive and bulk edits: the rows as they were. */
  products: ProductRow[];
  deleteProduct: ProductSnapshot;
  removeSlot: { slot: SlotRow; wasOnAir: boolean };
  deleteShow: RemovedShow;
  /** An import: the products it created, and the ones it updated as they were before. */
  import: { created: number[]; updated: ProductSnapshot[] };
  /** A rundown import: the show's slots before it. */
  replaceRundown: { showId: number; slots: SlotRow[]; onAirSlotId: number | null };
}

export type UndoKind = keyof UndoPayloads;

export const recordUndo = <K extends UndoKind>(log: UndoLog, kind: K, payload: UndoPayloads[K]): string =>
  log.record(kind, payload);

/** Applies an undo entry; call inside a transaction. Returns what changed, for the events. */
export function applyUndo(
  entry: { kind: string; payload: unknown },
  stores: { products: ProductStore; rundowns: RundownStore },
): { productIds: number[]; showIds: number[] } {
  switch (entry.kind as UndoKind) {
    case 'products': {
      const rows = entry.payload as UndoPayloads['products'];
      for (const row of rows) {
        if (stores.products.row(row.id)) stores.products.restoreRow(row);
      }
      return { productIds: rows.map((r) => r.id), showIds: [] };
    }
    case 'deleteProduct': {
      const snap = entry.payload as UndoPayloads['deleteProduct'];
      stores.products.restore(snap);
      return { productIds: [snap.product.id], showIds: [] };
    }
    case 'removeSlot': {
      const { slot, wasOnAir } = entry.payload as UndoPayloads['removeSlot'];
      stores.rundowns.restoreSlot(slot, wasOnAir);
      return { productIds: [], showIds: [slot.show_id] };
    }
    case 'deleteShow': {
      const removed = entry.payload as UndoPayloads['deleteShow'];
      stores.rundowns.restoreShow(removed);
      return { productIds: [], showIds: [removed.show.id] };
    }
    case 'import': {
      const { created, updated } = entry.payload as UndoPayloads['import'];
      for (const id of created) stores.products.delete(id);
      for (const snap of updated) {
        stores.products.restoreRow(snap.product);
        stores.products.replaceListings(snap.product.id, snap.listings.map(listingInputOf));
      }
      return { productIds: [...created, ...updated.map((u) => u.product.id)], showIds: [] };
    }
    case 'replaceRundown': {
      const { showId, slots, onAirSlotId } = entry.payload as UndoPayloads['replaceRundown'];
      stores.rundowns.restoreSlots(showId, slots, onAirSlotId);
      return { productIds: [], showIds: [showId] };
    }
    default:
      throw new ApiFailure('conflict', `unknown undo kind ${entry.kind}`, { key: 'shelf:errors.undoGone' });
  }
}

export function listingInputOf(row: ListingRow): ListingInput {
  const { platform, platformLabel, shopId, itemId, skuIds, outerSku, cartLinkNo } = listingFromRow(row);
  return { platform, platformLabel, shopId, itemId, skuIds, outerSku, cartLinkNo };
}
