import { useEffect, useState } from 'react';
import type { ConnectionStatus, Health, ObsConnection, ObsState } from '@shared/api/domains/obs';
import { useApi, useConnectionState, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { keyBelongsToField, plainKey, useKeydown } from '../../lib/keys';

/** Every OBS connection, kept current from `obs.status` and `obs.connectionsChanged`. */
export function useConnections(): { connections: ObsConnection[]; reload: () => void } {
  const api = useApi();
  const [connections, setConnections] = useState<ObsConnection[]>([]);
  const reload = () => {
    void api.obs.connections().then((r) => r.ok && setConnections(r.value.connections));
  };
  useOnConnected(reload);
  useStudioEvent('obs.connectionsChanged', reload);
  useStudioEvent('obs.status', ({ instanceId, status }) =>
    setConnections((cs) => cs.map((c) => (c.id === instanceId ? { ...c, status } : c))),
  );
  return { connections, reload };
}

/** State and health of one OBS; reloaded after the studio connection or OBS reconnects. */
export function useObsInstance(instanceId: number | null, status: ConnectionStatus['state'] | undefined) {
  const api = useApi();
  const connection = useConnectionState();
  const [state, setState] = useState<ObsState | null>(null);
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    if (instanceId === null || connection.kind !== 'connected') return;
    let cancelled = false;
    void api.obs.state({ instanceId }).then((r) => !cancelled && r.ok && setState(r.value));
    void api.obs.health({ instanceId }).then((r) => !cancelled && r.ok && setHealth(r.value));
    return () => {
      cancelled = true;
    };
  }, [api, instanceId, status, connection.kind]);
  useStudioEvent('obs.state', (s) => s.instanceId === instanceId && setState(s));
  useStudioEvent('obs.health', (h) => h.instanceId === instanceId && setHealth(h));
  return {
    state: state?.instanceId === instanceId ? state : null,
    health: health?.instanceId === instanceId ? health : null,
  };
}

/** Seconds left until `at` (epoch ms), ticking while in the future. */
export function useCountdown(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Digit keys 1–9 (top row or keypad) without modifiers, never while typing in a field. */
export function useDigitKeys(onDigit: (n: number) => void): void {
  useKeydown((e) => {
    if (!plainKey(e) || keyBelongsToField(e.target, { selects: true })) return;
    const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
    if (!m) return;
    e.preventDefault();
    onDigit(Number(m[1]));
  });
}
