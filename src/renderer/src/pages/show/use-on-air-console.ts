import { useCallback, useState } from 'react';
import type { ApiError, Result } from '@shared/api/errors';
import type { Cue, CuePlan, CueSettings, ObsOutcome, ShowState } from '@shared/api/domains/showday';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';

/** The on-air console's data: state, the show's cues, the standby plan; re-read on every change event. */
export function useOnAirConsole() {
  const api = useApi();
  const [state, setState] = useState<ShowState | null>(null);
  const [cues, setCues] = useState<Cue[]>([]);
  const [plan, setPlan] = useState<CuePlan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [lastObs, setLastObs] = useState<ObsOutcome | null>(null);
  const showId = state?.showId ?? null;

  const loadCues = useCallback(
    (id: number | null) => {
      if (id === null) return setCues([]);
      void api.cues.list({ showId: id }).then((r) => r.ok && setCues(r.value.cues));
    },
    [api],
  );
  const loadPlan = useCallback(() => {
    void api.show.plan({}).then((r) => (r.ok ? setPlan(r.value) : setPlan(null)));
  }, [api]);
  const load = () => {
    void api.show.state({}).then((r) => {
      if (!r.ok) return setError(r.error);
      setState(r.value);
      loadCues(r.value.showId);
      loadPlan();
    });
  };
  useOnConnected(load);
  useStudioEvent('show.stateChanged', (s) => {
    if (s.showId !== showId) loadCues(s.showId);
    setState(s);
    loadPlan();
  });
  useStudioEvent('cues.changed', (e) => {
    if (e.showId !== showId) return;
    loadCues(showId);
    loadPlan();
  });
  useStudioEvent('shelf.changed', (e) => {
    if (!cues.some((c) => e.productIds.includes(c.product.id))) return;
    loadCues(showId);
    // A price or stock change shows as a warning on the standby cue.
    loadPlan();
  });

  const run = async <T>(p: Promise<Result<T>>): Promise<T | undefined> => {
    const r = await p;
    setError(r.ok ? null : r.error);
    return r.ok ? r.value : undefined;
  };

  return {
    state,
    cues,
    plan,
    error,
    lastObs,
    select: (id: number, obsInstanceId?: number | null, alsoObsInstanceIds?: number[]) =>
      run(
        api.show.select({
          showId: id,
          ...(obsInstanceId !== undefined ? { obsInstanceId } : {}),
          ...(alsoObsInstanceIds !== undefined ? { alsoObsInstanceIds } : {}),
        }),
      ),
    go: async (slotId?: number) => {
      const r = await run(api.show.go(slotId !== undefined ? { slotId } : {}));
      if (r) setLastObs(r.obs);
    },
    standby: async (slotId: number) => {
      const p = await run(api.show.standby({ slotId }));
      if (p) setPlan(p);
    },
    next: () => run(api.show.next({})),
    previous: () => run(api.show.previous({})),
    clear: () => run(api.show.clearOverlays({})),
    start: () => run(api.show.start({})),
    end: () => run(api.show.end({})),
    reapply: async () => {
      const r = await run(api.show.reapply({}));
      if (r) setLastObs(r);
    },
    setAutoReapply: (enabled: boolean) => run(api.show.setAutoReapply({ enabled })),
    updateCue: (slotId: number, settings: Partial<CueSettings>) => run(api.cues.update({ slotId, settings })),
    /** The slot's lower-third role: a rundown edit, so the Rundown page shows it too. */
    setRole: (slotId: number, presenterRole: string) =>
      run(api.rundown.updateSlot({ slotId, patch: { presenterRole } })),
  };
}

export type OnAirConsoleModel = ReturnType<typeof useOnAirConsole>;
