import { useState } from 'react';
import type { Cue, ShowState } from '@shared/api/domains/showday';
import type { OverlayState } from '@shared/overlays/overlay-state';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';

/** What read-only views follow: the console state, the show's cues and the overlay state, live. */
export function useOnAir() {
  const api = useApi();
  const [state, setState] = useState<ShowState | null>(null);
  const [cues, setCues] = useState<Cue[]>([]);
  const [overlay, setOverlay] = useState<OverlayState | null>(null);
  const loadCues = (showId: number | null) => {
    if (showId === null) return setCues([]);
    void api.cues.list({ showId }).then((r) => r.ok && setCues(r.value.cues));
  };
  useOnConnected(() => {
    void api.show.state({}).then((r) => {
      if (!r.ok) return;
      setState(r.value);
      loadCues(r.value.showId);
    });
    void api.overlays.state({}).then((r) => r.ok && setOverlay(r.value));
  });
  useStudioEvent('show.stateChanged', (s) => {
    if (s.showId !== state?.showId) loadCues(s.showId);
    setState(s);
  });
  useStudioEvent('cues.changed', (e) => e.showId === state?.showId && loadCues(e.showId));
  useStudioEvent('shelf.changed', (e) => {
    if (cues.some((c) => e.productIds.includes(c.product.id))) loadCues(state?.showId ?? null);
  });
  useStudioEvent('overlays.stateChanged', setOverlay);
  const index = cues.findIndex((c) => c.slotId === state?.onAirSlotId);
  const onAir = index >= 0 ? cues[index]! : null;
  const next = cues.find((c) => c.slotId === state?.standbySlotId) ?? cues[index + 1] ?? null;
  return { state, cues, overlay, onAir, next };
}
