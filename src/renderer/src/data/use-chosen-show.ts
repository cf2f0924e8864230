import { useState } from 'react';
import { useLiveQuery } from './use-live-query';
import { useShows } from './use-shows';

/**
 * The show a figures view (dashboard, report) reads: the one the operator picked; before that, the
 * on-air console's show once both the shows and the console state have loaded, else the first
 * show. Once chosen it stays: a figures view does not jump when the console moves to another show.
 */
export function useChosenShow() {
  const { shows, loaded } = useShows();
  const [chosen, setChosen] = useState<number | null>(null);
  // The console's show matters only until one is chosen: later state changes are not read.
  const state = useLiveQuery((api) => api.show.state({}), { 'show.stateChanged': () => chosen === null });
  const settled = loaded && (state.data !== undefined || state.error !== undefined);
  const fallback = settled ? (state.data?.showId ?? shows[0]?.id ?? null) : null;
  // Adjusting state while rendering (React's pattern for state derived from loaded data).
  if (chosen === null && fallback !== null) setChosen(fallback);
  return { shows, showId: chosen ?? fallback, choose: setChosen };
}
