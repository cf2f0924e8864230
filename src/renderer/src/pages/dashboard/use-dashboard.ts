import { useEffect, useRef, useState } from 'react';
import type { Show } from '@shared/api/domains/shelf';
import type { Dashboard } from '@shared/api/domains/showday';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';

/** Most reloads per second: the figures event can come every 100 ms, a studio screen needs less. */
const MIN_RELOAD_MS = 300;

/** The shows, the chosen one (the console's show by default) and its live figures. */
export function useDashboard() {
  const api = useApi();
  const [shows, setShows] = useState<Show[]>([]);
  const [showId, setShowId] = useState<number | null>(null);
  const [data, setData] = useState<Dashboard | null>(null);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reload = (id: number | null = showId) => {
    if (id === null) return;
    void api.show.dashboard({ showId: id }).then((r) => r.ok && setData(r.value));
  };
  const throttled = () => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + MIN_RELOAD_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      reload();
    }, wait);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  useOnConnected(() => {
    void Promise.all([api.shows.list(), api.show.state({})]).then(([list, state]) => {
      if (!list.ok) return;
      setShows(list.value);
      const chosen = showId ?? (state.ok ? state.value.showId : null) ?? list.value[0]?.id ?? null;
      setShowId(chosen);
      reload(chosen);
    });
  });
  useStudioEvent('orders.figuresChanged', throttled);
  useStudioEvent('shops.statusChanged', throttled);
  useStudioEvent('show.stateChanged', (s) => {
    if (showId === null && s.showId !== null) {
      setShowId(s.showId);
      reload(s.showId);
    }
  });

  return {
    shows,
    showId,
    data,
    choose: (id: number) => {
      setShowId(id);
      setData(null);
      reload(id);
    },
  };
}
