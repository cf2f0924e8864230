import { ApiFailure } from '@shared/api/errors';
import type { Handlers } from '../api/dispatcher';
import type { Rundown, RundownEntry } from '@shared/api/domains/shelf';
import type { ShelfContext } from './shelf-context';
import { showFromRow } from './shelf-rows';
import { recordUndo } from './shelf-undo';
import { actorOf, guardPrice, sourceOf } from './price-guard';

type RundownOps =
  | 'shows.list'
  | 'shows.create'
  | 'shows.update'
  | 'shows.delete'
  | 'rundown.get'
  | 'rundown.addSlot'
  | 'rundown.updateSlot'
  | 'rundown.removeSlot'
  | 'rundown.moveSlot'
  | 'rundown.setOnAir'
  | 'rundown.next'
  | 'rundown.previous';

/** The show, each slot with its product and listings: what the board and the Live page show. */
export function readRundown(s: ShelfContext, showId: number): Rundown {
  const show = showFromRow(s.rundowns.showRow(showId));
  const slots = s.rundowns.slots(showId).map((slot): RundownEntry => {
    const product = s.shelf.getProduct(slot.productId)!;
    return { ...slot, product, listings: s.shelf.listingsOf(slot.productId) };
  });
  return { show, slots };
}

/** Moves a show's on-air slot (the card only); announces `rundown.onAirChanged` when it moved. */
export function setOnAir(s: ShelfContext, showId: number, slotId: number | null) {
  const before = s.rundowns.showRow(showId).on_air_slot_id;
  s.rundowns.setOnAir(showId, slotId);
  const show = showFromRow(s.rundowns.showRow(showId));
  if (before !== show.onAirSlotId)
    s.studio.events.emit('rundown.onAirChanged', { showId, slotId: show.onAirSlotId });
  return { show, onAirSlotId: show.onAirSlotId };
}

/** Shows and rundown slots; on-air changes emit `rundown.onAirChanged`, edits `rundown.changed`. */
export function rundownHandlers(s: ShelfContext): Pick<Handlers, RundownOps> {
  const { rundowns, undo } = s;
  const tx = <T>(fn: () => T): T => s.db().transaction(fn)();
  const entry = (slotId: number): RundownEntry => {
    const slot = rundowns.slotRow(slotId);
    return readRundown(s, slot.show_id).slots.find((e) => e.id === slotId)!;
  };
  const onAir = (showId: number, slotId: number | null) => setOnAir(s, showId, slotId);
  const changed = <T>(showId: number, value: T): T => {
    s.rundownChanged(showId);
    return value;
  };

  return {
    'shows.list': () => rundowns.listShows(),
    'shows.create': (input) => {
      const id = rundowns.createShow(input);
      return changed(id, showFromRow(rundowns.showRow(id)));
    },
    'shows.update': ({ id, ...patch }) => {
      rundowns.updateShow(id, patch);
      return changed(id, showFromRow(rundowns.showRow(id)));
    },
    'shows.delete': ({ id }) => {
      const show = showFromRow(rundowns.showRow(id));
      // The show on air (its window open, or a product on air) is never one click from gone: end it first.
      if (show.onAirSlotId !== null || (show.onAirFrom !== null && show.onAirTo === null))
        throw new ApiFailure('conflict', `show ${id} is on air and cannot be deleted`, {
          key: 'shelf:errors.showOnAir',
          params: { title: show.title },
        });
      const undoToken = tx(() => {
        const extras = s.undoExtras.capture({ showIds: [id], slotIds: rundowns.slots(id).map((r) => r.id) });
        return recordUndo(undo, 'deleteShow', { ...rundowns.deleteShow(id), extras });
      });
      return changed(id, { undoToken, count: 1 });
    },
    'rundown.get': ({ showId }) => readRundown(s, showId),
    'rundown.addSlot': ({ showId, position, ...input }) => {
      const id = tx(() => rundowns.addSlot(showId, input, position));
      return changed(showId, entry(id));
    },
    'rundown.updateSlot': ({ slotId, patch, confirmPriceFen }, c) => {
      tx(() => {
        const slot = rundowns.slotRow(slotId);
        const product = s.products.row(patch.productId ?? slot.product_id);
        const next = patch.livePriceOverrideFen;
        let confirmed = false;
        // Setting or changing an override is checked against the price the customer saw until now;
        // clearing it falls back to the product's own (already guarded) live price.
        if (next !== undefined && next !== null && product) {
          const oldFen = slot.live_price_override_fen ?? product.live_price_fen;
          confirmed = guardPrice(s.db(), {
            oldFen,
            newFen: next,
            listFen: product.list_price_fen,
            confirmFen: confirmPriceFen,
            name: product.name_zh,
            productId: product.id,
            slotId,
          }).confirmed;
        }
        s.prices.during(sourceOf(c), actorOf(c), () => rundowns.updateSlot(slotId, patch), { confirmed });
      });
      const e = entry(slotId);
      return changed(e.showId, e);
    },
    'rundown.removeSlot': ({ slotId }) => {
      const { showId, wasOnAir, undoToken } = tx(() => {
        const slot = rundowns.slotRow(slotId);
        const wasOnAir = rundowns.showRow(slot.show_id).on_air_slot_id === slotId;
        const extras = s.undoExtras.capture({ showIds: [], slotIds: [slotId] });
        rundowns.removeSlot(slotId);
        return {
          showId: slot.show_id,
          wasOnAir,
          undoToken: recordUndo(undo, 'removeSlot', { slot, wasOnAir, extras }),
        };
      });
      if (wasOnAir) s.studio.events.emit('rundown.onAirChanged', { showId, slotId: null });
      return changed(showId, { undoToken, count: 1 });
    },
    'rundown.moveSlot': ({ slotId, toPosition }) => {
      const showId = tx(() => rundowns.moveSlot(slotId, toPosition));
      return changed(showId, readRundown(s, showId));
    },
    'rundown.setOnAir': ({ showId, slotId }) => onAir(showId, slotId),
    'rundown.next': ({ showId }) => onAir(showId, rundowns.stepOnAir(showId, 1)),
    'rundown.previous': ({ showId }) => onAir(showId, rundowns.stepOnAir(showId, -1)),
  };
}
