import {
  createContext,
  useContext,
  useEffect,
  useEffectEvent,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { createStudioApi, type StudioApi } from '@shared/api/client';
import type { EventName, EventPayload } from '@shared/api/contract';
import type { AccessRole } from '@shared/api/domains/settings';
import { ipcTransport } from './ipc-transport';
import { WsTransport, type ConnectionState } from './ws-transport';

interface StudioConnection {
  api: StudioApi;
  /** Desktop IPC is always connected; the WebSocket bridge reports its state. */
  state: ConnectionState;
  onState(listener: (s: ConnectionState) => void): () => void;
}

/** Picks the transport: the preload bridge inside Electron, the WebSocket bridge in a browser. */
export function connectStudio(): StudioConnection {
  if (window.shelfcast) {
    return {
      api: createStudioApi(ipcTransport(window.shelfcast)),
      state: { kind: 'connected' },
      onState: () => () => {},
    };
  }
  const ws = new WsTransport();
  return {
    api: createStudioApi(ws),
    get state() {
      return ws.state;
    },
    onState: (l) => ws.onState(l),
  };
}

const StudioContext = createContext<StudioConnection | null>(null);

export function StudioProvider({
  connection,
  children,
}: {
  connection: StudioConnection;
  children: ReactNode;
}) {
  return <StudioContext.Provider value={connection}>{children}</StudioContext.Provider>;
}

function useConnection(): StudioConnection {
  const c = useContext(StudioContext);
  if (!c) throw new Error('StudioProvider missing');
  return c;
}

export const useApi = (): StudioApi => useConnection().api;

export function useConnectionState(): ConnectionState {
  const c = useConnection();
  // An external store: no state change is missed between the first render and the subscription.
  return useSyncExternalStore(
    (notify) => c.onState(notify),
    () => c.state,
  );
}

/** Subscribes to a contract event for the component's lifetime. */
export function useStudioEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const api = useApi();
  const onEvent = useEffectEvent(listener);
  useEffect(() => api.on(event, (p) => onEvent(p)), [api, event]);
}

/** Runs `load` now and again after every (re)connect, so views resync after a dropped connection. */
export function useOnConnected(load: () => void): void {
  const state = useConnectionState();
  const onConnected = useEffectEvent(load);
  useEffect(() => {
    if (state.kind === 'connected') onConnected();
  }, [state.kind]);
}

/** This client's role (operator, prompter, data desk, guest) and link label, re-read after every reconnect. */
export function useRole(): { role: AccessRole; label: string } | undefined {
  const api = useApi();
  const [who, setWho] = useState<{ role: AccessRole; label: string }>();
  useOnConnected(() => {
    void api.access.whoami().then((r) => r.ok && setWho(r.value));
  });
  return who;
}
