import { ApiFailure } from '@shared/api/errors';
import type { ProductSnapshot, ProductStore } from './product-store';
import type { RemovedShow, RundownStore } from './rundown-store';
import {
  listingFromRow,
  listingInputFrom,
  type ListingRow,
  type ProductRow,
  type SlotRow,
} from './shelf-rows';
import type { ListingInput, UndoHistoryEntry } from '@shared/api/domains/shelf';
import type { UndoLog } from './undo-log';
import type { UndoExtras, UndoExtrasData } from './undo-extras';

/** What each destructive action records, by kind. */
export interface UndoPayloads {
  /** Archive and bulk edits: the rows as they were. */
  products: ProductRow[];
  deleteProduct: ProductSnapshot;
  removeSlot: { slot: SlotRow; wasOnAir: boolean; extras?: UndoExtrasData };
  deleteShow: RemovedShow & { extras?: UndoExtrasData };
  /** An import: the products it created, and the ones it updated as they were before. */
  import: { created: number[]; updated: ProductSnapshot[] };
  /** A rundown import: the show's slots before it. */
  replaceRundown: { showId: number; slots: SlotRow[]; onAirSlotId: number | null; extras?: UndoExtrasData };
}

export type UndoKind = keyof UndoPayloads;

export const recordUndo = <K extends UndoKind>(log: UndoLog, kind: K, payload: UndoPayloads[K]): string =>
  log.record(kind, payload);

/** Applies an undo entry; call inside a transaction. Returns what changed, for the events. */
export function applyUndo(
  entry: { kind: string; payload: unknown },
  stores: { products: ProductStore; rundowns: RundownStore; extras: UndoExtras },
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
      const { slot, wasOnAir, extras } = entry.payload as UndoPayloads['removeSlot'];
      stores.rundowns.restoreSlot(slot, wasOnAir);
      stores.extras.restore(extras);
      return { productIds: [], showIds: [slot.show_id] };
    }
    case 'deleteShow': {
      const removed = entry.payload as UndoPayloads['deleteShow'];
      stores.rundowns.restoreShow(removed);
      stores.extras.restore(removed.extras);
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
      const { showId, slots, onAirSlotId, extras } = entry.payload as UndoPayloads['replaceRundown'];
      stores.rundowns.restoreSlots(showId, slots, onAirSlotId);
      stores.extras.restore(extras);
      return { productIds: [], showIds: [showId] };
    }
    default:
      throw new ApiFailure('conflict', `unknown undo kind ${entry.kind}`, { key: 'shelf:errors.undoGone' });
  }
}

export const listingInputOf = (row: ListingRow): ListingInput => listingInputFrom(listingFromRow(row));

/**
 * An undo entry as the history lists it: its kind and the names the operator recognises it by
 * (the show's title, the product's name, how many), read from what it recorded.
 */
export function historyEntry(
  s: { products: ProductStore; rundowns: RundownStore },
  e: { token: string; kind: string; payload: unknown; at: number },
): UndoHistoryEntry {
  const productName = (id: number) => s.products.row(id)?.name_zh ?? `#${id}`;
  const showTitle = (id: number) => {
    try {
      return s.rundowns.showRow(id).title;
    } catch {
      return `#${id}`;
    }
  };
  const params: UndoHistoryEntry['params'] = {};
  switch (e.kind as UndoKind | 'importParts') {
    case 'products':
      params.count = (e.payload as UndoPayloads['products']).length;
      break;
    case 'deleteProduct':
      params.name = (e.payload as UndoPayloads['deleteProduct']).product.name_zh;
      break;
    case 'removeSlot': {
      const { slot } = e.payload as UndoPayloads['removeSlot'];
      params.name = productName(slot.product_id);
      params.title = showTitle(slot.show_id);
      params.position = slot.position + 1;
      break;
    }
    case 'deleteShow':
      params.title = (e.payload as UndoPayloads['deleteShow']).show.title;
      params.count = (e.payload as UndoPayloads['deleteShow']).slots.length;
      break;
    case 'import':
    case 'importParts': {
      const p = e.payload as { created?: unknown; updated?: unknown };
      params.created = Array.isArray(p.created)
        ? p.created.length
        : typeof p.created === 'number'
          ? p.created
          : 0;
      params.updated = Array.isArray(p.updated)
        ? p.updated.length
        : typeof p.updated === 'number'
          ? p.updated
          : 0;
      break;
    }
    case 'replaceRundown': {
      const p = e.payload as UndoPayloads['replaceRundown'];
      params.title = showTitle(p.showId);
      params.count = p.slots.length;
      break;
    }
  }
  return { token: e.token, kind: e.kind, at: e.at, params };
}
