import type { Cue } from '@shared/api/domains/showday';
import { ok } from '@shared/api/errors';
import { useStudioEvent } from '../../api/studio-api';
import { useLiveQuery } from '../../data/use-live-query';
import { useOverlayState } from '../../data/use-overlay-state';

const NO_CUES: Cue[] = [];

/** What read-only views follow: the console state, the show's cues and the overlay state, live. */
export function useOnAir() {
  // The console state: read on (re)connect, then each change carries the whole new state.
  const consoleState = useLiveQuery((api) => api.show.state({}), {});
  useStudioEvent('show.stateChanged', (s) => consoleState.setData(() => s));
  const state = consoleState.data ?? null;
  const showId = state?.showId ?? null;
  const cueList = useLiveQuery<{ cues: Cue[] }>(
    (api) => (showId === null ? Promise.resolve(ok({ cues: NO_CUES })) : api.cues.list({ showId })),
    {
      'cues.changed': (e) => e.showId === showId,
      // A product on a cue was edited (price, stock, name): the cue shows it.
      'shelf.changed': (e): boolean => cues.some((c) => e.productIds.includes(c.product.id)),
    },
    // Keyed by the show: the console moving to another show reads that show's cues.
    { key: showId ?? '' },
  );
  const cues = cueList.data?.cues ?? NO_CUES;
  const { state: overlay } = useOverlayState();
  const index = cues.findIndex((c) => c.slotId === state?.onAirSlotId);
  const onAir = index >= 0 ? cues[index]! : null;
  const next = cues.find((c) => c.slotId === state?.standbySlotId) ?? cues[index + 1] ?? null;
  return { state, cues, overlay, onAir, next };
}
