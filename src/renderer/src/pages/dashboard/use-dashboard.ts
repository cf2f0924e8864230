import { ok } from '@shared/api/errors';
import type { Dashboard } from '@shared/api/domains/showday';
import { useChosenShow } from '../../data/use-chosen-show';
import { useLiveQuery } from '../../data/use-live-query';

/** Most reloads per second: the figures event can come every 100 ms, a studio screen needs less. */
const MIN_RELOAD_MS = 300;

/** The shows, the chosen one (the console's show by default) and its live figures. */
export function useDashboard() {
  const { shows, showId, choose } = useChosenShow();
  // Keyed by the show: choosing another one starts from no figures, not the last show's.
  const figures = useLiveQuery<Dashboard | null>(
    (api) => (showId === null ? Promise.resolve(ok(null)) : api.show.dashboard({ showId })),
    { 'orders.figuresChanged': true, 'shops.statusChanged': true },
    { key: showId ?? '', throttleMs: MIN_RELOAD_MS },
  );
  return { shows, showId, data: figures.data ?? null, choose };
}
