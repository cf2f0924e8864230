import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { StudioApi } from '@shared/api/client';
import type { EventName } from '@shared/api/contract';
import type { Result } from '@shared/api/errors';
import { useApi, useConnectionState } from '../api/studio-api';
import { LiveQuery, type LiveEvents, type LiveState } from './live-query';

export interface LiveQueryResult<T> extends LiveState<T> {
  /** Loads now (e.g. after an action whose answer does not carry the new data). */
  reload: () => void;
  /** Replaces the data locally, e.g. from an event that carries the new value. */
  setData: (update: (data: T | undefined) => T | undefined) => void;
}

/**
 * Live data for a view (after Actual Budget's `useQuery`): `fetch` runs when the studio connection
 * comes up and again after every reconnect, and after each of `events`, at most once per
 * `throttleMs` for a burst. `key` names what is read (e.g. the show's id): a new key is a new query.
 */
export function useLiveQuery<T>(
  fetch: (api: StudioApi) => Promise<Result<T>>,
  events: LiveEvents,
  { key = '', throttleMs = 250 }: { key?: string | number; throttleMs?: number } = {},
): LiveQueryResult<T> {
  const api = useApi();
  const connection = useConnectionState();
  // A new set of event names is a new query; a test of a payload is read when the event arrives.
  const names = (Object.keys(events) as EventName[]).filter((e) => events[e]).join(' ');
  const query = useMemo(
    () =>
      new LiveQuery<T>({
        fetch: () => fetch(api),
        on: (event, listener) => api.on(event, listener),
        events,
        throttleMs,
      }),
    // `key` and `names` say what is read and when; the latest fetch and tests come in by update().
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key, names, throttleMs],
  );
  // Declared before start: the query reads the props of the latest render.
  useEffect(() => query.update(() => fetch(api), events));
  useEffect(() => {
    query.start();
    return () => query.stop();
  }, [query]);
  const connected = connection.kind === 'connected';
  useEffect(() => query.setConnected(connected), [query, connected]);
  const state = useSyncExternalStore(query.subscribe, query.getState);
  return useMemo(
    () => ({ ...state, reload: () => query.reload(), setData: (u) => query.setData(u) }),
    [state, query],
  );
}
