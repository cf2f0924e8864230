import type { Show } from '@shared/api/domains/shelf';
import { useLiveQuery } from './use-live-query';

/**
 * Every show, for pickers: one refresh rule everywhere, loaded on connect and after each
 * `rundown.changed` (a show created, renamed, re-dated, deleted or restored, its window opened or
 * closed), so no picker goes stale while another page edits the shows.
 */
export function useShows(): { shows: Show[]; loaded: boolean; reload: () => void } {
  const q = useLiveQuery((api) => api.shows.list({}), { 'rundown.changed': true });
  return { shows: q.data ?? EMPTY, loaded: q.data !== undefined, reload: q.reload };
}

const EMPTY: Show[] = [];
