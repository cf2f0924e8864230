import { applyDelta, type OverlayFrame } from '@shared/overlays/overlay-delta';
import type { OverlayId } from '@shared/overlays/overlay-ids';
import type { OverlayState } from '@shared/overlays/overlay-state';

export interface ConnectionSnapshot {
  state: OverlayState | null;
  /** core clock − page clock, in ms; countdowns read the core's time as Date.now() + offset. */
  clockOffset: number;
  connected: boolean;
}

const RETRY_MS = [100, 250, 500, 1000];
/** Health report to the studio: revision applied and how long ago a frame was drawn. */
const REPORT_EVERY_MS = 1000;

/**
 * An overlay page's link to the core: the full state on every (re)connect, deltas after that.
 * Reconnects quickly (≤ 1 s apart) so an app restart is invisible on stream within a second.
 */
export class OverlayConnection {
  private snapshot: ConnectionSnapshot = { state: null, clockOffset: 0, connected: false };
  private readonly listeners = new Set<() => void>();
  private socket: WebSocket | undefined;
  private attempt = 0;
  private closed = false;
  private lastFrameAt: number | null = null;
  private reportTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    /** The page's overlay, or `all` for the page that draws all six. */
    private readonly overlay: OverlayId | 'all',
    private readonly token: string,
  ) {}

  get current(): ConnectionSnapshot {
    return this.snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  open(): void {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    // The layout (orientation) and whether this is the studio's preview go along, for overlay health.
    const page = new URLSearchParams(location.search);
    const extra = ['orientation', 'viewer']
      .filter((k) => page.has(k))
      .map((k) => `&${k}=${encodeURIComponent(page.get(k)!)}`)
      .join('');
    const url = `${proto}://${location.host}/ws?overlay=${this.overlay}&token=${encodeURIComponent(this.token)}${extra}`;
    this.startReporting();
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => (this.attempt = 0);
    socket.onmessage = (e) => this.onFrame(JSON.parse(String(e.data)) as OverlayFrame);
    socket.onclose = () => {
      // Keep showing the last state while away: the stream must not flash empty on a core restart.
      this.set({ ...this.snapshot, connected: false });
      if (this.closed) return;
      const wait = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)]!;
      setTimeout(() => this.open(), wait);
    };
  }

  close(): void {
    this.closed = true;
    clearInterval(this.reportTimer);
    this.socket?.close();
  }

  /** A frame loop that notes when the page last drew (a browser source OBS stopped rendering draws none). */
  private startReporting(): void {
    if (this.reportTimer !== undefined) return;
    const tick = () => {
      this.lastFrameAt = performance.now();
      if (!this.closed) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    this.reportTimer = setInterval(() => this.report(), REPORT_EVERY_MS);
  }

  private report(): void {
    const rev = this.snapshot.state?.rev;
    if (this.socket?.readyState !== WebSocket.OPEN || rev === undefined) return;
    const frameAgeMs = this.lastFrameAt === null ? null : Math.round(performance.now() - this.lastFrameAt);
    this.socket.send(JSON.stringify({ type: 'report', rev, frameAgeMs }));
  }

  private onFrame(frame: OverlayFrame): void {
    if (frame.type === 'full') {
      this.set({ state: frame.state, clockOffset: frame.serverNow - Date.now(), connected: true });
      return;
    }
    if (!this.snapshot.state) return;
    const r = applyDelta(this.snapshot.state, frame);
    if (r.ok) this.set({ ...this.snapshot, state: r.state });
    else if (r.reason === 'gap') this.socket?.send('{"type":"resync"}');
  }

  private set(next: ConnectionSnapshot): void {
    this.snapshot = next;
    for (const l of this.listeners) l();
    // Report the new revision once it has been drawn.
    if (next.connected) requestAnimationFrame(() => this.report());
  }
}
