import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isEventName, type EventName } from '@shared/api/contract';
import { ApiFailure, fail } from '@shared/api/errors';
import {
  ClientFrameSchema,
  HTTP_API_PREFIX,
  UPLOAD_PATH,
  WS_PATH,
  type ServerFrame,
} from '@shared/api/ws-protocol';
import type { Logger } from '../core/logging/log-hub';
import type { StudioService } from '../core/services/service';
import type { ConsoleAccess, ConsoleAccessProvider, Studio } from '../core/studio';
import type { ConsoleRole, RoleLink } from '@shared/api/domains/settings';
import { AccessTokens, type AccessGrant } from './access-token';
import { checkHostAndOrigin, presentedToken } from './request-guard';
import { resolveStatic, sendStatic } from './static-files';

export interface ConsoleServerOptions {
  /** Built operator UI (out/renderer). */
  staticDir: string;
  /** Overrides the port setting for this run (0 = any free port). */
  port?: number;
  /** Overrides the LAN setting for this run. */
  lanAccess?: boolean;
  /** In the desktop app the console is an extra: a busy port is reported, not fatal. */
  failSoft?: boolean;
}

// Shelf imports send CSV/XLSX files base64-encoded inside the call (10,000 rows ≈ 3 MiB).
const MAX_BODY = 16 * 1024 * 1024;
const MAX_BUFFERED = 16 * 1024 * 1024;
const PING_EVERY_MS = 15_000;

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const securityHeaders = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

interface Client {
  socket: WebSocket;
  grant: AccessGrant;
  subscriptions: Set<EventName>;
  alive: boolean;
}

/**
 * The operator console: the same React UI and the typed API over HTTP + WebSocket,
 * behind a per-install token and Host/Origin checks. Runs in both the headless console and Electron.
 */
export class ConsoleServer implements StudioService, ConsoleAccessProvider {
  readonly name = 'console' as const;
  private server: http.Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  private readonly clients = new Set<Client>();
  private tokens: AccessTokens | undefined;
  private boundPort = 0;
  private boundLan = false;
  private pingTimer: NodeJS.Timeout | undefined;
  private unsubscribeEvents: (() => void) | undefined;
  private readonly staticRoot: string;
  private readonly log: Logger;

  constructor(
    private readonly studio: Studio,
    private readonly options: ConsoleServerOptions,
  ) {
    this.staticRoot = path.resolve(options.staticDir);
    this.log = studio.logs.logger('console');
  }

  get port(): number {
    return this.boundPort;
  }

  /** The loopback URL with the token, for printing and for opening a browser. */
  get localUrl(): string {
    return this.urlFor('127.0.0.1', this.accessTokens.primary().token);
  }

  private get accessTokens(): AccessTokens {
    if (!this.tokens) throw new Error('console server is not started');
    return this.tokens;
  }

  private urlFor(host: string, token: string): string {
    return `http://${host}:${this.boundPort}/?token=${encodeURIComponent(token)}`;
  }

  async start(): Promise<void> {
    const settings = this.studio.settings.get().console;
    this.tokens = new AccessTokens(this.studio.database.db);
    this.boundLan = this.options.lanAccess ?? settings.lanAccess;
    const host = this.boundLan ? '0.0.0.0' : '127.0.0.1';
    const server = http.createServer((req, res) => {
      this.handleRequest(req, res).catch((err: unknown) => {
        this.log.error('request failed', { err, url: req.url?.split('?')[0] });
        if (!res.headersSent) res.writeHead(500, securityHeaders);
        res.end();
      });
    });
    server.on('upgrade', (req, socket, head) => this.handleUpgrade(req, socket, head));
    const listening = new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        const reason =
          err.code === 'EADDRINUSE'
            ? `port ${this.options.port ?? settings.port} is already in use (another ShelfCast?); choose another with --port or in Settings`
            : err.message;
        this.studio.status.set('console', 'error', 'status.detail.consoleFailed', { reason });
        reject(new Error(`Console server cannot listen: ${reason}`));
      });
      server.listen(this.options.port ?? settings.port, host, () => resolve());
    });
    try {
      await listening;
    } catch (err) {
      if (!this.options.failSoft) throw err;
      this.log.error('operator console not started', { err });
      return;
    }
    this.server = server;
    const address = server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : 0;
    this.unsubscribeEvents = this.studio.events.onAny((event, payload) => this.broadcast(event, payload));
    this.pingTimer = setInterval(() => this.pingClients(), PING_EVERY_MS);
    this.pingTimer.unref();
    this.studio.setConsoleProvider(this);
    this.studio.status.set('console', 'ok', 'status.detail.consoleListening', {
      address: `${host}:${this.boundPort}`,
    });
    this.log.info('operator console listening', { host, port: this.boundPort, lan: this.boundLan });
  }

  async stop(): Promise<void> {
    clearInterval(this.pingTimer);
    this.unsubscribeEvents?.();
    for (const c of this.clients) c.socket.close(1001, 'studio stopping');
    this.clients.clear();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.studio.status.set('console', 'stopped', 'status.detail.stopped');
  }

  access(): ConsoleAccess {
    const settings = this.studio.settings.get().console;
    const token = this.accessTokens.primary().token;
    const urls = [
      this.localUrl,
      ...(this.boundLan ? lanAddresses().map((addr) => this.urlFor(addr, token)) : []),
    ];
    const portChanged = this.options.port === undefined && settings.port !== this.boundPort;
    const lanChanged = this.options.lanAccess === undefined && settings.lanAccess !== this.boundLan;
    return { running: true, urls, lanAccess: this.boundLan, restartRequired: portChanged || lanChanged };
  }

  rotateToken(): ConsoleAccess {
    const old = this.accessTokens.primary();
    this.accessTokens.rotatePrimary();
    // Every session opened with the old token ends now.
    this.disconnect(old.id, 'token replaced');
    this.log.warn('console access token replaced; open browsers must reconnect with the new link');
    return this.access();
  }

  roleLinks(): RoleLink[] {
    return this.accessTokens.links().map((g) => this.toLink(g));
  }

  createRoleLink(role: ConsoleRole, label: string): RoleLink {
    const grant = this.accessTokens.create(role, label);
    this.log.info('access link created', { role, label });
    return this.toLink(grant);
  }

  revokeRoleLink(id: number): RoleLink | undefined {
    const grant = this.accessTokens.revoke(id);
    if (!grant) return undefined;
    this.disconnect(grant.id, 'link revoked');
    this.log.warn('access link revoked', { role: grant.role, label: grant.label });
    return this.toLink(grant);
  }

  private toLink(g: AccessGrant): RoleLink {
    const host = this.boundLan ? (lanAddresses()[0] ?? '127.0.0.1') : '127.0.0.1';
    return {
      id: g.id,
      role: g.role,
      label: g.label,
      url: this.urlFor(host, g.token),
      createdAt: g.createdAt,
    };
  }

  private disconnect(grantId: number, reason: string): void {
    for (const c of this.clients) if (c.grant.id === grantId) c.socket.close(4001, reason);
  }

  private get cookieName(): string {
    // Cookies are shared between ports of one host; the port keeps two studios apart.
    return `shelfcast_token_${this.boundPort}`;
  }

  private authorise(
    req: IncomingMessage,
  ): { ok: true; grant: AccessGrant; token: string } | { ok: false; status: number; reason: string } {
    const guard = checkHostAndOrigin(req, { port: this.boundPort, lanAccess: this.boundLan });
    if (!guard.ok) return guard;
    const given = presentedToken(req, this.cookieName);
    const grant = this.accessTokens.lookup(given);
    if (!grant || !given) return { ok: false, status: 401, reason: 'missing or wrong token' };
    return { ok: true, grant, token: given };
  }

  private async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = this.authorise(req);
    const url = new URL(req.url ?? '/', 'http://console');
    if (!verdict.ok) {
      this.log.warn('request refused', {
        status: verdict.status,
        reason: verdict.reason,
        path: url.pathname,
      });
      res.writeHead(verdict.status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(
        verdict.status === 401
          ? 'ShelfCast: 需要访问令牌。请打开控制台打印的带令牌链接。\nAn access token is needed: open the link with the token that the console printed.\n'
          : `ShelfCast: refused (${verdict.reason})\n`,
      );
      return;
    }
    if (url.pathname === UPLOAD_PATH) return this.handleUpload(req, res, url, verdict.grant);
    if (url.pathname.startsWith(HTTP_API_PREFIX)) return this.handleHttpCall(req, res, url, verdict.grant);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the URL for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${this.cookieName}=${encodeURIComponent(verdict.token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
      res.end();
      return;
    }
    const file = resolveStatic(this.staticRoot, url.pathname === '/' ? '/index.html' : url.pathname);
    if (file && sendStatic(res, file, securityHeaders)) return;
    // Client-side routes fall back to the app; missing assets are real 404s.
    if (
      !url.pathname.startsWith('/assets/') &&
      sendStatic(res, path.join(this.staticRoot, 'index.html'), securityHeaders)
    ) {
      return;
    }
    res.writeHead(404, securityHeaders);
    res.end();
  }

  /** `POST /api/v1/<operation>` with a JSON body: for scripts and hardware control surfaces. */
  private async handleHttpCall(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    grant: AccessGrant,
  ): Promise<void> {
    const op = decodeURIComponent(url.pathname.slice(HTTP_API_PREFIX.length));
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return reply(405, fail({ code: 'bad_request', message: 'Use POST' }));
    let input: unknown = {};
    try {
      const body = await readBody(req);
      if (body.length > 0) input = JSON.parse(body);
    } catch (err) {
      return reply(400, fail({ code: 'bad_request', message: `Body is not valid JSON: ${String(err)}` }));
    }
    const result = await this.studio.dispatch(op, input, {
      role: grant.role,
      label: grant.label,
      transport: 'http',
    });
    reply(result.ok ? 200 : httpStatus(result.error.code), result);
  }

  /**
   * `POST /api/upload?name=<file name>` with the file as the raw body: streamed to disk, never a
   * WebSocket frame, up to the upload store's limit. Answers `{ ok, value: { uploadId, … } }`; an
   * import then names the file by its id. Too large gets a 413 with a translated error, not a reset.
   */
  private async handleUpload(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    grant: AccessGrant,
  ): Promise<void> {
    const reply = (status: number, body: unknown, close = false) => {
      res.writeHead(status, {
        ...securityHeaders,
        'Content-Type': 'application/json; charset=utf-8',
        ...(close ? { Connection: 'close' } : {}),
      });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return reply(405, fail({ code: 'bad_request', message: 'Use POST' }));
    if (grant.role !== 'operator') {
      req.resume();
      return reply(
        403,
        fail({ code: 'forbidden', message: `uploads need an operator link; this is ${grant.role}` }),
      );
    }
    const fileName = (url.searchParams.get('name') ?? '').trim().slice(0, 255);
    if (!fileName) {
      req.resume();
      return reply(400, fail({ code: 'bad_request', message: 'name the file: /api/upload?name=…' }));
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    try {
      const stored = await this.studio.shelf.uploads.receive(
        fileName,
        req,
        Number.isFinite(declared) ? declared : undefined,
      );
      this.log.info('file uploaded', { fileName, size: stored.size });
      reply(200, { ok: true, value: { uploadId: stored.id, fileName: stored.fileName, size: stored.size } });
    } catch (err) {
      this.log.warn('upload refused', { err, fileName });
      if (res.headersSent) return;
      // A body read to its end keeps the connection; one cut short closes it after the answer.
      const truncated = (err as { truncated?: boolean }).truncated === true;
      if (err instanceof ApiFailure) {
        const status = err.extra.key === 'shelf:importJob.tooLarge' ? 413 : 400;
        return reply(status, fail({ code: err.code, message: err.message, ...err.extra }), truncated);
      }
      reply(400, fail({ code: 'bad_request', message: `upload failed: ${String(err)}` }), true);
    }
  }

  private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://console');
    const verdict =
      url.pathname === WS_PATH
        ? this.authorise(req)
        : { ok: false as const, status: 404, reason: 'no such path' };
    if (!verdict.ok) {
      this.log.warn('websocket refused', { status: verdict.status, reason: verdict.reason });
      socket.end(
        `HTTP/1.1 ${verdict.status} ${http.STATUS_CODES[verdict.status]}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    const { grant } = verdict;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, grant));
  }

  private attach(socket: WebSocket, grant: AccessGrant): void {
    const client: Client = { socket, grant, subscriptions: new Set(), alive: true };
    this.clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', (err) => this.log.debug('websocket error', { err }));
    socket.on('message', (data, isBinary) => {
      if (isBinary)
        return this.send(client, {
          type: 'error',
          error: { code: 'bad_request', message: 'Text frames only' },
        });
      void this.onFrame(client, data.toString());
    });
    this.send(client, { type: 'hello', protocol: 1, role: grant.role });
  }

  private async onFrame(client: Client, text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.send(client, {
        type: 'error',
        error: { code: 'bad_request', message: 'Frame is not JSON' },
      });
    }
    const frame = ClientFrameSchema.safeParse(json);
    if (!frame.success) {
      return this.send(client, {
        type: 'error',
        error: { code: 'bad_request', message: 'Unknown frame shape' },
      });
    }
    const f = frame.data;
    if (f.type === 'call') {
      const result = await this.studio.dispatch(f.op, f.input, {
        role: client.grant.role,
        label: client.grant.label,
        transport: 'ws',
      });
      return this.send(client, { type: 'result', id: f.id, result });
    }
    if (!isEventName(f.event)) {
      return this.send(client, {
        type: 'error',
        error: { code: 'bad_request', message: `Unknown event ${f.event}` },
      });
    }
    if (f.type === 'subscribe') client.subscriptions.add(f.event);
    else client.subscriptions.delete(f.event);
  }

  private broadcast(event: EventName, payload: unknown): void {
    for (const c of this.clients) {
      if (c.subscriptions.has(event)) this.send(c, { type: 'event', event, payload });
    }
  }

  private send(client: Client, frame: ServerFrame): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    if (client.socket.bufferedAmount > MAX_BUFFERED) {
      // A stalled tablet must not grow our memory without bound: drop it; it will reconnect and resync.
      client.socket.terminate();
      return;
    }
    client.socket.send(JSON.stringify(frame));
  }

  private pingClients(): void {
    for (const c of this.clients) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const httpStatus = (code: string): number =>
  ({
    bad_request: 400,
    unknown_operation: 404,
    unauthorized: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    unavailable: 503,
    timeout: 504,
  })[code] ?? 500;

function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') out.push(a.address);
  }
  return out;
}
