import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Orientation } from '@shared/overlay-layout/safe-area';
import type { OverlayFrame } from '@shared/overlays/overlay-delta';
import { overlayIds, type OverlayId } from '@shared/overlays/overlay-state';
import { checkHostAndOrigin } from '../../server/request-guard';
import { resolveStatic, sendStatic } from '../../server/static-files';
import type { Logger } from '../logging/log-hub';
import { guarded, guardedInterval } from '../net/guarded';
import { MalformedRequest, answerClientErrors, refuseSocket, requestTarget } from '../net/http-safety';
import type { StatusBoard } from '../services/service';
import type { OverlayStateService } from './overlay-service';
import type { OverlayServerConfig } from './overlay-store';
import { parseReport, type PageReport } from './overlay-health';

export interface OverlayServerOptions {
  /** Built renderer folder holding overlay.html and assets/ (out/renderer). */
  assetsDir: string;
  /** <dataDir>/images, or null when the studio runs in memory. */
  imagesDir: string | null;
  /** Port for this run instead of the saved one (0 = any free port). */
  port?: number;
}

// Overlay pages run script only from us, and talk only to us (ws: to the same host:port is 'self').
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
const headers = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
const PING_EVERY_MS = 10_000;
/**
 * The overlay server listens on loopback only: OBS runs on the studio computer, and the pages
 * carry the show's live figures behind a token that sits in their URL. A tablet's operator UI
 * draws the overlay state itself instead (and says why).
 */
const LISTEN_HOST: string = '127.0.0.1';
const MAX_BUFFERED = 4 * 1024 * 1024;

interface Page {
  socket: WebSocket;
  /** The page's overlay, or `all` for the page that draws all six (previews, one-source setups). */
  overlay: OverlayId | 'all';
  alive: boolean;
  /** Which layout the page draws (its URL's `orientation`), for health per OBS orientation. */
  orientation: PageReport['orientation'];
  /** The operator UI's composite preview (`viewer=preview`): not a page OBS loads, no health row. */
  preview: boolean;
  connectedAt: number;
  last: PageReport['last'];
}

/**
 * The overlay server: overlay pages for OBS browser sources over HTTP, their live state over
 * WebSocket, on 127.0.0.1 with its own token (the operator token never goes into OBS).
 */
export class OverlayServer {
  private server: http.Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly pages = new Set<Page>();
  private boundPort = 0;
  private pingTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  /** When the overlay state last changed (core clock): how long a page may lag behind it. */
  private revChangedAt = 0;

  constructor(
    private readonly state: OverlayStateService,
    private readonly config: () => OverlayServerConfig,
    private readonly options: OverlayServerOptions,
    private readonly status: StatusBoard,
    private readonly log: Logger,
  ) {}

  get port(): number {
    return this.boundPort;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Whether other computers can load the pages (never while the server is bound to loopback). */
  get lanReachable(): boolean {
    return !(LISTEN_HOST.startsWith('127.') || LISTEN_HOST === '::1');
  }

  /** URL of an overlay page with the token, e.g. for OBS; portrait pages carry `&orientation=portrait`. */
  pageUrl(overlay: OverlayId, orientation: Orientation = 'landscape'): string {
    const url = `http://${LISTEN_HOST}:${this.boundPort}/overlay/${overlay}?token=${encodeURIComponent(this.config().token)}`;
    return orientation === 'landscape' ? url : `${url}&orientation=${orientation}`;
  }

  connectedPages(): number {
    return this.pages.size;
  }

  /** What each connected OBS overlay page last reported (previews left out), for overlay health. */
  pageReports(): { pages: PageReport[]; rev: number; changedAt: number } {
    const pages = [...this.pages]
      // The all-in-one page (previews, one-source setups) has no per-overlay health row.
      .filter((p): p is Page & { overlay: OverlayId } => !p.preview && p.overlay !== 'all')
      .map(({ overlay, orientation, connectedAt, last }) => ({ overlay, orientation, connectedAt, last }));
    return { pages, rev: this.state.state().rev, changedAt: this.revChangedAt };
  }

  async start(): Promise<void> {
    const wanted = this.options.port ?? this.config().port;
    let server: http.Server;
    let fellBack = false;
    try {
      server = await this.listen(wanted);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || wanted === 0) throw err;
      // Another program holds the port: run anyway on a free one and say so (OBS URLs must be re-provisioned).
      server = await this.listen(0);
      fellBack = true;
    }
    this.server = server;
    const address = server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : 0;
    this.revChangedAt = this.state.now();
    this.unsubscribe = this.state.onChange(({ state, sections }) => {
      this.revChangedAt = this.state.now();
      this.broadcast({ type: 'delta', rev: state.rev, sections, serverNow: this.state.now() });
    });
    this.pingTimer = guardedInterval(this.log, 'overlays:ping', () => this.ping(), PING_EVERY_MS);
    this.pingTimer.unref();
    if (fellBack) {
      // Still fully working, so `ok`; the detail and the log say OBS needs the new URLs.
      this.status.set('overlays', 'ok', 'overlays:status.portBusy', { wanted, port: this.boundPort });
      this.log.warn('overlay port busy; using another one', { wanted, port: this.boundPort });
    } else {
      this.status.set('overlays', 'ok', 'overlays:status.listening', {
        address: `${LISTEN_HOST}:${this.boundPort}`,
      });
      this.log.info('overlay server listening', { port: this.boundPort });
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.pingTimer);
    this.unsubscribe?.();
    for (const p of this.pages) p.socket.close(1001, 'studio stopping');
    this.pages.clear();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private listen(port: number): Promise<http.Server> {
    // A missing Host is refused by checkHostAndOrigin with a reason, not by Node with an empty 400.
    const server = http.createServer(
      { requireHostHeader: false },
      guarded(this.log, 'overlays:request', (req: IncomingMessage, res: ServerResponse) =>
        this.serve(req, res),
      ),
    );
    server.on(
      'upgrade',
      guarded(this.log, 'overlays:upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
        this.upgrade(req, socket, head),
      ),
    );
    answerClientErrors(server, this.log, 'ShelfCast overlays');
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, LISTEN_HOST, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  private refuse(res: ServerResponse, status: number, reason: string, where: string): void {
    this.log.warn('overlay request refused', { status, reason, path: where });
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`ShelfCast overlays: ${reason}\n`);
  }

  /** Malformed input gets 400, a bug a logged 500; a request never ends the process. */
  private serve(req: IncomingMessage, res: ServerResponse): void {
    try {
      this.handle(req, res);
    } catch (err) {
      if (err instanceof MalformedRequest)
        return this.refuse(res, 400, `malformed request: ${err.reason}`, '?');
      this.log.error('overlay request failed', { area: 'overlays:request', err });
      if (res.headersSent) res.end();
      else this.refuse(res, 500, 'internal error (see the studio log)', '?');
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = requestTarget(req.url);
    const guard = checkHostAndOrigin(req, { port: this.boundPort, lanAccess: false });
    if (!guard.ok) return this.refuse(res, guard.status, guard.reason, url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.refuse(res, 405, 'GET only', url.pathname);
    const parts = url.pathname.split('/').filter(Boolean);
    // Hashed build files hold no studio data; pages resolve them relative to /overlay/.
    const assetAt = parts[0] === 'assets' ? 1 : parts[0] === 'overlay' && parts[1] === 'assets' ? 2 : -1;
    if (assetAt > 0) {
      const file = resolveStatic(
        path.join(this.options.assetsDir, 'assets'),
        '/' + parts.slice(assetAt).join('/'),
      );
      if (file && sendStatic(res, file, headers)) return;
      return this.refuse(res, 404, 'no such asset', url.pathname);
    }
    if (!tokenMatches(this.config().token, url.searchParams.get('token') ?? undefined)) {
      return this.refuse(res, 401, 'missing or wrong overlay token', url.pathname);
    }
    if (parts[0] === 'overlay' && parts.length === 2 && isPageId(parts[1])) {
      // HTML is never cached: a rebuilt app's new asset hashes reach OBS on the next load.
      if (sendStatic(res, path.join(this.options.assetsDir, 'overlay.html'), headers)) return;
      return this.refuse(res, 503, 'overlay pages are not built (run electron-vite build)', url.pathname);
    }
    if (parts[0] === 'images' && this.options.imagesDir) {
      const file = resolveStatic(path.resolve(this.options.imagesDir), '/' + parts.slice(1).join('/'));
      if (file && sendStatic(res, file, headers)) return;
    }
    this.refuse(res, 404, 'not found', url.pathname);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (err) => this.log.debug('overlay upgrade socket error', { err }));
    let url: URL;
    try {
      url = requestTarget(req.url);
    } catch (err) {
      if (!(err instanceof MalformedRequest)) throw err;
      this.log.warn('overlay websocket refused', { status: 400, reason: err.reason });
      return refuseSocket(socket, 400, `ShelfCast overlays: malformed request (${err.reason})`);
    }
    const overlay = url.searchParams.get('overlay');
    const guard = checkHostAndOrigin(req, { port: this.boundPort, lanAccess: false });
    let verdict: { status: number; reason: string } | undefined;
    if (!guard.ok) verdict = guard;
    else if (url.pathname !== '/ws') verdict = { status: 404, reason: 'no such path' };
    else if (!tokenMatches(this.config().token, url.searchParams.get('token') ?? undefined))
      verdict = { status: 401, reason: 'missing or wrong overlay token' };
    else if (!isPageId(overlay)) verdict = { status: 400, reason: 'unknown overlay' };
    if (verdict || !isPageId(overlay)) {
      const status = verdict?.status ?? 400;
      this.log.warn('overlay websocket refused', { status, reason: verdict?.reason });
      return refuseSocket(socket, status, `ShelfCast overlays: ${verdict?.reason ?? 'unknown overlay'}`);
    }
    const orientation = url.searchParams.get('orientation') === 'portrait' ? 'portrait' : 'landscape';
    const preview = url.searchParams.get('viewer') === 'preview';
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, overlay, orientation, preview));
  }

  private attach(
    socket: WebSocket,
    overlay: OverlayId | 'all',
    orientation: Page['orientation'],
    preview: boolean,
  ): void {
    const page: Page = {
      socket,
      overlay,
      alive: true,
      orientation,
      preview,
      connectedAt: this.state.now(),
      last: null,
    };
    this.pages.add(page);
    socket.on('pong', () => (page.alive = true));
    socket.on('close', () => this.pages.delete(page));
    socket.on('error', (err) => this.log.debug('overlay websocket error', { err }));
    // A page that saw a gap in revisions asks again; a page reports what it applied and drew
    // (overlay health); anything else from a page is ignored.
    socket.on(
      'message',
      guarded(this.log, 'overlays:ws-message', (data: WebSocket.RawData) => {
        const text = data.toString();
        if (text === '{"type":"resync"}') return this.sendFull(page);
        const report = parseReport(text);
        if (!report) return;
        const now = this.state.now();
        page.last = {
          rev: report.rev,
          frameAt: report.frameAgeMs === null ? null : now - report.frameAgeMs,
          receivedAt: now,
        };
      }),
    );
    this.sendFull(page);
  }

  private sendFull(page: Page): void {
    this.send(page, { type: 'full', state: this.state.state(), serverNow: this.state.now() });
  }

  private broadcast(frame: OverlayFrame): void {
    const text = JSON.stringify(frame);
    for (const p of this.pages) this.send(p, text);
  }

  private send(page: Page, frame: OverlayFrame | string): void {
    if (page.socket.readyState !== page.socket.OPEN) return;
    if (page.socket.bufferedAmount > MAX_BUFFERED) {
      page.socket.terminate();
      return;
    }
    page.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  private ping(): void {
    for (const p of this.pages) {
      if (!p.alive) {
        p.socket.terminate();
        continue;
      }
      p.alive = false;
      p.socket.ping();
    }
  }
}

const isPageId = (v: unknown): v is OverlayId | 'all' =>
  v === 'all' || (typeof v === 'string' && (overlayIds as readonly string[]).includes(v));

/** Constant-time token check (hashes first so lengths never leak). */
function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const h = (t: string) => crypto.createHash('sha256').update(t).digest();
  return crypto.timingSafeEqual(h(expected), h(given));
}
