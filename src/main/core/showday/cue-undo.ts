import type { CueSettings } from '@shared/api/domains/showday';
import type { EventHub } from '../event-hub';
import type { UndoExtra, UndoScope } from '../shelf';
import type { OnAirConsole } from './on-air-console';

interface CueUndoData {
  /** Each removed slot's cue settings (countdown, overlays, talking points). */
  settings: [number, CueSettings][];
  /** The console's choice, when it was on a removed show or stood by a removed slot. */
  console: { showId: number | null; obsInstanceId: number | null; standbySlotId: number | null } | null;
}

/**
 * The show day's part of a rundown undo: a slot's cue settings and the console's show selection
 * go with the slot or show (cascade / SET NULL), so they are recorded with the shelf's undo entry
 * and put back with it. The console's choice is restored only if the operator has not chosen
 * something else since.
 */
export function cueUndoExtra(
  onAir: OnAirConsole,
  events: EventHub,
  showOfSlot: (slotId: number) => number | undefined,
): UndoExtra {
  return {
    capture(scope: UndoScope): CueUndoData {
      const store = onAir.store;
      const s = store.state();
      const showGone = s.showId !== null && scope.showIds.includes(s.showId);
      const standbyGone = s.standbySlotId !== null && scope.slotIds.includes(s.standbySlotId);
      return {
        settings: scope.slotIds.map((id) => [id, store.settings(id)]),
        console:
          showGone || standbyGone
            ? {
                showId: showGone ? s.showId : null,
                obsInstanceId: s.obsInstanceId,
                standbySlotId: standbyGone ? s.standbySlotId : null,
              }
            : null,
      };
    },
    restore(raw: unknown): void {
      const data = raw as CueUndoData;
      const store = onAir.store;
      const shows = new Set<number>();
      for (const [slotId, settings] of data.settings) {
        const showId = showOfSlot(slotId);
        if (showId === undefined) continue;
        store.saveSettings(slotId, settings);
        shows.add(showId);
      }
      const was = data.console;
      const s = store.state();
      if (was) {
        const next = { ...s };
        if (was.showId !== null && s.showId === null) {
          next.showId = was.showId;
          next.obsInstanceId = was.obsInstanceId;
        }
        if (
          was.standbySlotId !== null &&
          next.standbySlotId === null &&
          showOfSlot(was.standbySlotId) === next.showId
        )
          next.standbySlotId = was.standbySlotId;
        if (next.showId !== s.showId || next.standbySlotId !== s.standbySlotId) {
          store.saveState(next);
          events.emit('show.stateChanged', onAir.state());
        }
      }
      for (const showId of shows) events.emit('cues.changed', { showId });
    },
  };
}
