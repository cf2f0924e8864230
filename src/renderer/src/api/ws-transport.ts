import type { EventName, OperationName } from '@shared/api/contract';
import type { ApiTransport } from '@shared/api/client';
import { fail, type Result } from '@shared/api/errors';
import { WS_PATH, type ClientFrame, type ServerFrame } from '@shared/api/ws-protocol';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; retryAt: number }
  | { kind: 'unauthorized' };

const CALL_TIMEOUT_MS = 15_000;
/**
 * Calls that read a whole file on the core's worker thread (the studio keeps answering meanwhile):
 * a 100,000-row sheet takes longer than an ordinary call's timeout on a slow machine.
 */
const SLOW_CALL_TIMEOUT_MS: Partial<Record<OperationName, number>> = { 'shelf.importPreview': 180_000 };
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 10_000;

interface Pending {
  resolve: (r: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The browser side of the WebSocket bridge: reconnects with backoff and jitter, re-subscribes
 * after a reconnect, times out calls and answers every pending call when the socket drops.
 */
export class WsTransport implements ApiTransport {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  state: ConnectionState = { kind: 'connecting' };

  constructor(private readonly url: string = defaultUrl()) {
    this.connect();
  }

  invoke(op: OperationName, input: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      if (this.state.kind !== 'connected' || !this.socket) {
        resolve(fail({ code: 'unavailable', message: 'Not connected to the studio core' }));
        return;
      }
      const id = this.nextId++;
      const limit = SLOW_CALL_TIMEOUT_MS[op] ?? CALL_TIMEOUT_MS;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(fail({ code: 'timeout', message: `${op} got no answer in ${limit} ms` }));
      }, limit);
      this.pending.set(id, { resolve, timer });
      this.send({ type: 'call', id, op, input });
    });
  }

  subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      this.listeners.set(event, (set = new Set()));
      if (this.state.kind === 'connected') this.send({ type: 'subscribe', event });
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(event);
        if (this.state.kind === 'connected') this.send({ type: 'unsubscribe', event });
      }
    };
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.socket?.close();
  }

  private connect(): void {
    this.setState(this.attempt === 0 ? { kind: 'connecting' } : this.state);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      for (const event of this.listeners.keys()) this.send({ type: 'subscribe', event });
      this.setState({ kind: 'connected' });
    };
    socket.onmessage = (msg) => this.onFrame(msg.data as string);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.failPending();
      if (!this.closed) void this.scheduleReconnect();
    };
  }

  private async scheduleReconnect(): Promise<void> {
    // A refused upgrade looks like any other drop; ask over HTTP whether the token is the reason.
    if (await tokenRejected()) {
      this.setState({ kind: 'unauthorized' });
      return;
    }
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt++);
    const delay = base / 2 + Math.random() * (base / 2);
    this.setState({ kind: 'reconnecting', retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private onFrame(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'result') {
      const p = this.pending.get(frame.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(frame.id);
      p.resolve(frame.result);
    } else if (frame.type === 'event') {
      for (const l of this.listeners.get(frame.event as EventName) ?? []) l(frame.payload);
    }
  }

  private failPending(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(fail({ code: 'unavailable', message: 'Connection to the studio core was lost' }));
      this.pending.delete(id);
    }
  }

  private send(frame: ClientFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }
}

function defaultUrl(): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}${WS_PATH}`;
}

async function tokenRejected(): Promise<boolean> {
  try {
    const res = await fetch('/api/v1/system.info', { method: 'POST', body: '{}' });
    return res.status === 401;
  } catch {
    return false;
  }
}
