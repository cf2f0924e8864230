import OBSWebSocket, {
  EventSubscription,
  OBSWebSocketError,
  RequestBatchExecutionType,
  type OBSEventTypes,
  type OBSRequestTypes,
  type OBSResponseTypes,
  type RequestBatchRequest,
} from 'obs-websocket-js/json';
import type WebSocket from 'ws';
import type { ObsReason } from '@shared/api/domains/obs';
import { CloseCode, ObsError } from './obs-errors';

/**
 * Event categories the studio needs. Never the high-volume ones (volume meters, active/show
 * state, transform changes), nor filters, media inputs, vendors.
 */
export const STUDIO_EVENTS =
  EventSubscription.General |
  EventSubscription.Config |
  EventSubscription.Scenes |
  EventSubscription.Inputs |
  EventSubscription.Transitions |
  EventSubscription.Outputs |
  EventSubscription.SceneItems |
  EventSubscription.Ui;

export interface SessionOptions {
  url: string;
  password: string;
  connectTimeoutMs: number;
  callTimeoutMs: number;
  eventSubscriptions?: number;
}

export interface SessionInfo {
  obsVersion: string;
  websocketVersion: string;
  rpcVersion: number;
}

interface Pending {
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export type BatchRequest = RequestBatchRequest;
export type BatchResult = { requestType: string; ok: boolean; code: number; comment?: string; data: unknown };

/**
 * One identified socket to obs-websocket. Adds what obs-websocket-js lacks: a timeout on the
 * connect and on every call, and rejection of every in-flight call with a typed error when the
 * socket closes. A session is never reused: the connection opens a new one for each attempt.
 */
export class ObsSession {
  private readonly ws = new OBSWebSocket();
  private readonly pending = new Set<Pending>();
  private readonly listeners: Array<[string, (...args: never[]) => void]> = [];
  private closedWith: ObsError | undefined;
  private closeHandlers: Array<(err: ObsError) => void> = [];
  info: SessionInfo | undefined;

  private constructor(private readonly options: SessionOptions) {}

  /** Opens and identifies; rejects with ObsError('connect_failed', { reason, permanent }). */
  static async open(options: SessionOptions): Promise<ObsSession> {
    const s = new ObsSession(options);
    await s.connect();
    return s;
  }

  private async connect(): Promise<void> {
    let opened = false;
    let hello: { obsWebSocketVersion: string; rpcVersion: number; authentication?: unknown } | undefined;
    this.ws.once('ConnectionOpened', () => (opened = true));
    this.ws.once('Hello', (h) => (hello = h));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ObsError('connect_failed', 'connect timed out', { reason: 'timeout' })),
        this.options.connectTimeoutMs,
      );
    });
    try {
      const r = await Promise.race([
        this.ws.connect(this.options.url, this.options.password || undefined, {
          rpcVersion: 1,
          eventSubscriptions: this.options.eventSubscriptions ?? STUDIO_EVENTS,
        }),
        timeout,
      ]);
      this.info = {
        obsVersion: '',
        websocketVersion: r.obsWebSocketVersion,
        rpcVersion: r.negotiatedRpcVersion,
      };
    } catch (err) {
      this.terminate();
      throw classifyConnectError(err, opened, hello, this.options.password);
    } finally {
      clearTimeout(timer);
    }
    this.ws.on('ConnectionClosed', (e) => this.handleClosed(e));
    const version = await this.call('GetVersion');
    this.info.obsVersion = version.obsVersion;
    this.info.websocketVersion = version.obsWebSocketVersion;
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** One request with a timeout; typed errors for timeout, closed socket and OBS refusals. */
  call<K extends keyof OBSRequestTypes>(
    type: K,
    data?: OBSRequestTypes[K],
    timeoutMs = this.options.callTimeoutMs,
  ): Promise<OBSResponseTypes[K]> {
    return this.track(type, timeoutMs, () => this.ws.call(type, data));
  }

  /** A RequestBatch (SerialFrame by default: every request lands on the same frame where OBS allows). */
  async batch(
    requests: BatchRequest[],
    opts: { executionType?: RequestBatchExecutionType; haltOnFailure?: boolean; timeoutMs?: number } = {},
  ): Promise<BatchResult[]> {
    const results = await this.track('RequestBatch', opts.timeoutMs ?? this.options.callTimeoutMs, () =>
      this.ws.callBatch(requests, {
        executionType: opts.executionType ?? RequestBatchExecutionType.SerialRealtime,
        haltOnFailure: opts.haltOnFailure ?? true,
      }),
    );
    return results.map((r) => ({
      requestType: r.requestType,
      ok: r.requestStatus.result,
      code: r.requestStatus.code,
      comment: r.requestStatus.result ? undefined : r.requestStatus.comment,
      data: r.responseData,
    }));
  }

  /** Subscribes to an OBS event; every listener is removed when the session closes. */
  on<E extends keyof OBSEventTypes>(event: E, listener: (data: OBSEventTypes[E]) => void): void {
    this.ws.on(event as never, listener as never);
    this.listeners.push([event, listener as never]);
  }

  onClose(handler: (err: ObsError) => void): void {
    if (this.closedWith) handler(this.closedWith);
    else this.closeHandlers.push(handler);
  }

  /** Drops the socket at once (no close handshake: it may be half-open) and fails every pending call. */
  close(reason: ObsReason = 'closed'): void {
    this.handleClosed(new OBSWebSocketError(1000, reason), reason);
    this.terminate();
  }

  private track<T>(label: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
    if (this.closedWith) return Promise.reject(new ObsError('not_connected', `not connected (${label})`));
    return new Promise<T>((resolve, reject) => {
      const p: Pending = {
        reject,
        timer: setTimeout(() => {
          this.pending.delete(p);
          reject(new ObsError('timeout', `${label} timed out after ${timeoutMs} ms`, { requestType: label }));
        }, timeoutMs),
      };
      this.pending.add(p);
      run().then(
        (v) => {
          if (!this.pending.delete(p)) return;
          clearTimeout(p.timer);
          resolve(v);
        },
        (err: unknown) => {
          if (!this.pending.delete(p)) return;
          clearTimeout(p.timer);
          reject(
            err instanceof OBSWebSocketError && err.code > 0
              ? new ObsError('request_failed', `${label}: ${err.message}`, {
                  status: err.code,
                  requestType: label,
                })
              : new ObsError('disconnected', `${label}: connection lost`, { requestType: label }),
          );
        },
      );
    });
  }

  private handleClosed(e: OBSWebSocketError, reason: ObsReason = 'closed'): void {
    if (this.closedWith) return;
    const err = new ObsError('disconnected', `connection closed (${e.code})`, {
      reason: e.code === 1001 ? 'obs_exiting' : reason,
    });
    this.closedWith = err;
    for (const p of this.pending) {
      clearTimeout(p.timer);
      p.reject(new ObsError('disconnected', 'connection closed before OBS answered'));
    }
    this.pending.clear();
    for (const [event, listener] of this.listeners) this.ws.off(event as never, listener as never);
    this.listeners.length = 0;
    const handlers = this.closeHandlers;
    this.closeHandlers = [];
    for (const h of handlers) h(err);
  }

  private terminate(): void {
    // obs-websocket-js's disconnect() waits for a close handshake a half-open socket never completes.
    const socket = (this.ws as unknown as { socket?: WebSocket }).socket;
    try {
      socket?.terminate();
    } catch {
      // already gone
    }
  }
}

function classifyConnectError(
  err: unknown,
  opened: boolean,
  hello: { rpcVersion: number; authentication?: unknown } | undefined,
  password: string,
): ObsError {
  if (err instanceof ObsError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof OBSWebSocketError ? err.code : -1;
  if (code === CloseCode.AuthenticationFailed) {
    const reason: ObsReason = hello?.authentication && !password ? 'password_missing' : 'auth_failed';
    return new ObsError('connect_failed', 'OBS refused the password', { reason, permanent: true });
  }
  if (code === CloseCode.UnsupportedRpcVersion) {
    return new ObsError('connect_failed', 'OBS speaks an older protocol', {
      reason: 'protocol_too_old',
      permanent: true,
    });
  }
  // The socket opened but no v5 Hello arrived: an obs-websocket 4.x server (no subprotocol).
  if (opened && !hello) {
    return new ObsError('connect_failed', `not an obs-websocket 5 server: ${message}`, {
      reason: 'protocol_too_old',
      permanent: true,
    });
  }
  return new ObsError('connect_failed', message || 'connection failed', {
    reason: opened ? 'closed' : 'refused',
  });
}
