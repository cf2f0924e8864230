import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isEventName, type EventName } from '@shared/api/contract';
import { canSubscribe, eventViewFor } from '@shared/api/read-scopes';
import { ApiFailure, fail, type ApiError } from '@shared/api/errors';
import {
  ClientFrameSchema,
  HTTP_API_PREFIX,
  UPLOAD_PATH,
  WS_PATH,
  type ServerFrame,
} from '@shared/api/ws-protocol';
import type { Logger } from '../core/logging/log-hub';
import { guarded, guardedInterval, guardedTimeout } from '../core/net/guarded';
import {
  MalformedRequest,
  answerClientErrors,
  decodeComponent,
  refuseSocket,
  requestTarget,
  sameOriginLocation,
} from '../core/net/http-safety';
import type { StudioService } from '../core/services/service';
import type { AccessState, AccessProvider, Studio } from '../core/studio';
import type { AccessRole, RoleLink } from '@shared/api/domains/settings';
import {
  AccessTokens,
  newToken,
  rootOf,
  tokenMatchesHash,
  hashToken,
  type AccessGrant,
} from './access-token';
import { PacedSender } from './paced-sender';
import { checkHostAndOrigin, presentedToken } from './request-guard';
import { resolveStatic, sendStatic } from './static-files';

export interface OperatorServerOptions {
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
const MAX_BODY_MIB = MAX_BODY / (1024 * 1024);
/** A larger body is not even drained: it is answered at once and the connection closed. */
const DRAIN_LIMIT = 4 * MAX_BODY;
/** WebSocket frames up to this size get a clear error frame; larger ones close the socket (1009). */
const MAX_WS_FRAME = 2 * MAX_BODY;
const MAX_BUFFERED = 16 * 1024 * 1024;
const PING_EVERY_MS = 15_000;
/** A socket whose access ended is closed politely, then cut off even if it ignores the close. */
const REVOKED_GRACE_MS = 1_000;

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; " +
  // The Show page's composite preview embeds the overlay pages, served by the overlay server on loopback.
  'frame-src http://127.0.0.1:*';

const securityHeaders = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

interface Client {
  socket: WebSocket;
  grant: AccessGrant;
  /** The token the socket was opened with: checked again before every frame is honoured. */
  token: string;
  /** Set the moment its access ends: nothing it sends is honoured and nothing is sent to it. */
  revoked: boolean;
  subscriptions: Set<EventName>;
  alive: boolean;
}

const tooLargeError = (): ApiError => ({
  code: 'bad_request',
  key: 'hardening.errors.bodyTooLarge',
  params: { limitMiB: MAX_BODY_MIB },
  message: `The request is larger than ${MAX_BODY_MIB} MiB`,
});

/**
 * The operator server: the same React UI and the typed API over HTTP + WebSocket,
 * behind a per-install token and Host/Origin checks. Runs in both the headless console and Electron.
 */
export class OperatorServer implements StudioService, AccessProvider {
  readonly name = 'server' as const;
  private server: http.Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_FRAME });
  private readonly clients = new Set<Client>();
  /** Every frame to every client goes through here: broadcasts paced over turns of the loop, in order. */
  private readonly frames = new PacedSender<Client>((client, data) => this.write(client, data));
  private tokens: AccessTokens | undefined;
  /**
   * The code in the link printed at start: held only in memory, valid until the process ends or
   * the operator token is replaced. Opening it trades it for a session cookie (stored hashed).
   */
  private launchCode = newToken();
  private launchHash = hashToken(this.launchCode);
  private boundPort = 0;
  private boundLan = false;
  private pingTimer: NodeJS.Timeout | undefined;
  private unsubscribeEvents: (() => void) | undefined;
  private readonly staticRoot: string;
  private readonly log: Logger;

  constructor(
    private readonly studio: Studio,
    private readonly options: OperatorServerOptions,
  ) {
    this.staticRoot = path.resolve(options.staticDir);
    this.log = studio.logs.logger('server');
  }

  get port(): number {
    return this.boundPort;
  }

  /** The loopback launch link (valid until this process ends), for printing and for opening a browser. */
  get localUrl(): string {
    return this.urlFor('127.0.0.1', this.launchCode);
  }

  private get accessTokens(): AccessTokens {
    if (!this.tokens) throw new Error('console server is not started');
    return this.tokens;
  }

  private urlFor(host: string, token: string): string {
    return `http://${host}:${this.boundPort}/?token=${encodeURIComponent(token)}`;
  }

  async start(): Promise<void> {
    const settings = this.studio.settings.get().server;
    this.tokens = new AccessTokens(this.studio.database.db);
    this.boundLan = this.options.lanAccess ?? settings.lanAccess;
    const host = this.boundLan ? '0.0.0.0' : '127.0.0.1';
    // A missing Host is refused by checkHostAndOrigin with a reason, not by Node with an empty 400.
    const server = http.createServer(
      { requireHostHeader: false },
      guarded(this.log, 'server:request', (req: IncomingMessage, res: ServerResponse) =>
        this.serve(req, res),
      ),
    );
    server.on(
      'upgrade',
      guarded(this.log, 'server:upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
        this.handleUpgrade(req, socket, head),
      ),
    );
    answerClientErrors(server, this.log, 'ShelfCast');
    const listening = new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        const reason =
          err.code === 'EADDRINUSE'
            ? `port ${this.options.port ?? settings.port} is already in use (another ShelfCast?); choose another with --port or in Settings`
            : err.message;
        this.studio.status.set('server', 'error', 'status.detail.serverFailed', { reason });
        reject(new Error(`Console server cannot listen: ${reason}`));
      });
      server.listen(this.options.port ?? settings.port, host, () => resolve());
    });
    try {
      await listening;
    } catch (err) {
      if (!this.options.failSoft) throw err;
      this.log.error('operator server not started', { err });
      return;
    }
    this.server = server;
    const address = server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : 0;
    this.unsubscribeEvents = this.studio.events.onAny(
      (event, payload) => this.broadcast(event, payload),
      'server',
    );
    this.pingTimer = guardedInterval(this.log, 'server:ping', () => this.pingClients(), PING_EVERY_MS);
    this.pingTimer.unref();
    this.studio.setAccessProvider(this);
    this.studio.status.set('server', 'ok', 'status.detail.serverListening', {
      address: `${host}:${this.boundPort}`,
    });
    this.log.info('operator server listening', { host, port: this.boundPort, lan: this.boundLan });
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
    this.studio.status.set('server', 'stopped', 'status.detail.stopped');
  }

  access(): AccessState {
    const settings = this.studio.settings.get().server;
    const urls = [
      this.localUrl,
      ...(this.boundLan ? lanAddresses().map((addr) => this.urlFor(addr, this.launchCode)) : []),
    ];
    const portChanged = this.options.port === undefined && settings.port !== this.boundPort;
    const lanChanged = this.options.lanAccess === undefined && settings.lanAccess !== this.boundLan;
    return {
      running: true,
      urls,
      lanAccess: this.boundLan,
      port: this.boundPort,
      restartRequired: portChanged || lanChanged,
    };
  }

  rotateToken(): AccessState {
    const { grant, token } = this.accessTokens.rotatePrimary();
    this.launchCode = newToken();
    this.launchHash = hashToken(this.launchCode);
    // Every session opened with the old token or launch link ends now.
    this.disconnect(grant.id, 'token replaced');
    this.log.warn('console access token replaced; open browsers must reconnect with the new link');
    // The new operator token is shown once, here; only its hash is kept.
    return { ...this.access(), token };
  }

  roleLinks(): RoleLink[] {
    return this.accessTokens.links().map((g) => this.toLink(g));
  }

  createRoleLink(role: AccessRole, label: string): RoleLink {
    const { grant, token } = this.accessTokens.create(role, label);
    this.log.info('access link created', { role, label });
    // The only time this link's URL exists: it is shown once and kept only as a hash.
    return this.toLink(grant, token);
  }

  revokeRoleLink(id: number): RoleLink | undefined {
    const grant = this.accessTokens.revoke(id);
    if (!grant) return undefined;
    this.disconnect(grant.id, 'link revoked');
    this.log.warn('access link revoked', { role: grant.role, label: grant.label });
    return this.toLink(grant);
  }

  private toLink(g: AccessGrant, token?: string): RoleLink {
    const host = this.boundLan ? (lanAddresses()[0] ?? '127.0.0.1') : '127.0.0.1';
    return {
      id: g.id,
      role: g.role,
      label: g.label,
      url: token === undefined ? '' : this.urlFor(host, token),
      createdAt: g.createdAt,
    };
  }

  /** Ends every client of a grant, including the sessions opened from it. */
  private disconnect(grantId: number, reason: string): void {
    for (const c of this.clients) if (rootOf(c.grant) === grantId) this.cutOff(c, reason);
  }

  /**
   * Ends a socket's access now: its frames are no longer honoured and no event reaches it; it is
   * asked to close and, should it ignore that, terminated shortly after.
   */
  private cutOff(client: Client, reason: string): void {
    if (client.revoked) return;
    client.revoked = true;
    client.socket.close(4001, reason);
    const timer = guardedTimeout(
      this.log,
      'server:revoke',
      () => client.socket.terminate(),
      REVOKED_GRACE_MS,
    );
    timer.unref();
  }

  /** Is the token this socket was opened with still the same grant? */
  private stillAllowed(client: Client): boolean {
    if (client.revoked) return false;
    // The launch code is not in the token table: it stays valid until the operator token is replaced.
    if (tokenMatchesHash(client.token, this.launchHash))
      return client.grant.id === this.accessTokens.primary().id;
    return this.tokens?.lookup(client.token)?.id === client.grant.id;
  }

  private get cookieName(): string {
    // Cookies are shared between ports of one host; the port keeps two studios apart.
    return `shelfcast_token_${this.boundPort}`;
  }

  private authorise(
    req: IncomingMessage,
  ):
    | { ok: true; grant: AccessGrant; token: string; launch: boolean }
    | { ok: false; status: number; reason: string } {
    const guard = checkHostAndOrigin(req, { port: this.boundPort, lanAccess: this.boundLan });
    if (!guard.ok) return guard;
    const given = presentedToken(req, this.cookieName);
    if (given && tokenMatchesHash(given, this.launchHash)) {
      return { ok: true, grant: this.accessTokens.primary(), token: given, launch: true };
    }
    const grant = this.accessTokens.lookup(given);
    if (!grant || !given) return { ok: false, status: 401, reason: 'missing or wrong token' };
    return { ok: true, grant, token: given, launch: false };
  }

  /** Answers every request: malformed input with 400, a bug with a logged 500; never throws. */
  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.handleRequest(req, res);
    } catch (err) {
      const api = (req.url ?? '').startsWith(HTTP_API_PREFIX);
      if (err instanceof MalformedRequest) {
        this.log.warn('malformed request refused', { reason: err.reason });
        return this.answerError(res, api, 400, {
          code: 'bad_request',
          key: 'hardening.errors.malformedRequest',
          params: { reason: err.reason },
          message: `Malformed request: ${err.reason}`,
        });
      }
      this.log.error('request failed', { area: 'server:request', err, method: req.method });
      return this.answerError(res, api, 500, { code: 'internal', message: 'Internal error (see the log)' });
    }
  }

  private answerError(res: ServerResponse, api: boolean, status: number, error: ApiError): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(status, {
      ...securityHeaders,
      'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    });
    res.end(api ? JSON.stringify(fail(error)) : `ShelfCast: ${error.message}\n`);
  }

  private async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestTarget(req.url);
    const verdict = this.authorise(req);
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
      res.writeHead(405, {
        ...securityHeaders,
        Allow: 'GET, HEAD',
        'Content-Type': 'text/plain; charset=utf-8',
      });
      res.end('ShelfCast: use GET here\n');
      return;
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the URL for a cookie and drop it from the address bar and history.
      // A launch link becomes a session of its own (kept hashed), so the browser stays signed in
      // across restarts while the launch code itself never reaches the disk.
      url.searchParams.delete('token');
      const cookie = verdict.launch ? this.accessTokens.openSession(verdict.grant).token : verdict.token;
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${this.cookieName}=${encodeURIComponent(cookie)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: sameOriginLocation(url.pathname, url.search),
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
    res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ShelfCast: not found\n');
  }

  /** `POST /api/v1/<operation>` with a JSON body: for scripts and hardware control surfaces. */
  private async handleHttpCall(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    grant: AccessGrant,
  ): Promise<void> {
    const op = decodeComponent(url.pathname.slice(HTTP_API_PREFIX.length), 'operation name');
    const reply = jsonReply(res);
    if (req.method !== 'POST') return reply(405, fail({ code: 'bad_request', message: 'Use POST' }));
    let input: unknown = {};
    const body = await readBody(req);
    if (body === TOO_LARGE) {
      this.log.warn('request body too large', { limitMiB: MAX_BODY_MIB });
      return reply(413, fail(tooLargeError()), true);
    }
    try {
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
    const reply = jsonReply(res);
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
    socket.on('error', (err) => this.log.debug('upgrade socket error', { err }));
    let verdict: ReturnType<OperatorServer['authorise']>;
    try {
      const url = requestTarget(req.url);
      verdict =
        url.pathname === WS_PATH
          ? this.authorise(req)
          : { ok: false as const, status: 404, reason: 'no such path' };
    } catch (err) {
      if (!(err instanceof MalformedRequest)) throw err;
      verdict = { ok: false, status: 400, reason: `malformed request: ${err.reason}` };
    }
    if (!verdict.ok) {
      this.log.warn('websocket refused', { status: verdict.status, reason: verdict.reason });
      refuseSocket(socket, verdict.status, `ShelfCast: refused (${verdict.reason})`);
      return;
    }
    const { grant, token } = verdict;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, grant, token));
  }

  private attach(socket: WebSocket, grant: AccessGrant, token: string): void {
    const client: Client = {
      socket,
      grant,
      token,
      revoked: false,
      subscriptions: new Set(),
      alive: true,
    };
    this.clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', (err) => this.log.debug('websocket error', { err }));
    socket.on(
      'message',
      guarded(this.log, 'server:ws-message', (data: WebSocket.RawData, isBinary: boolean) => {
        // A socket whose token was rotated or revoked is not honoured, even if it ignores the close.
        if (!this.stillAllowed(client)) return this.cutOff(client, 'access ended');
        const size = rawSize(data);
        if (size > MAX_BODY) return this.send(client, { type: 'error', error: tooLargeError() });
        if (isBinary)
          return this.send(client, {
            type: 'error',
            error: { code: 'bad_request', message: 'Text frames only' },
          });
        return this.onFrame(client, rawText(data));
      }),
    );
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
      if (!this.stillAllowed(client)) return this.cutOff(client, 'access ended');
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
    if (f.type === 'subscribe' && !canSubscribe(client.grant.role, f.event)) {
      return this.send(client, {
        type: 'error',
        error: {
          code: 'forbidden',
          message: `${f.event} is outside the ${client.grant.role} view`,
          key: 'common:access.notInScope',
        },
      });
    }
    if (f.type === 'subscribe') client.subscriptions.add(f.event);
    else client.subscriptions.delete(f.event);
  }

  private broadcast(event: EventName, payload: unknown): void {
    // Serialised and encoded once for every client, not once per client: with 50 tablets open on a
    // busy show, per-client JSON.stringify was the console's largest share of the event loop.
    // Each role sees its own view of an event; one serialisation per distinct view.
    const frames = new Map<unknown, Buffer>();
    for (const c of this.clients) {
      if (c.revoked || !c.subscriptions.has(event)) continue;
      const view = eventViewFor(event, payload as never, c.grant);
      let data = frames.get(view);
      if (!data) {
        data = Buffer.from(JSON.stringify({ type: 'event', event, payload: view } satisfies ServerFrame));
        frames.set(view, data);
      }
      this.frames.push(c, data);
    }
  }

  /** A frame, or one already serialised (sent as a text frame all the same). */
  private send(client: Client, frame: ServerFrame | Buffer): void {
    this.frames.sendOrQueue(client, Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /** Writes a frame now, unless the client is gone or has stalled. */
  private write(client: Client, frame: Buffer | string): void {
    if (client.revoked || client.socket.readyState !== client.socket.OPEN) return;
    if (client.socket.bufferedAmount > MAX_BUFFERED) {
      // A stalled tablet must not grow our memory without bound: drop it; it will reconnect and resync.
      client.socket.terminate();
      return;
    }
    try {
      client.socket.send(frame, { binary: false });
    } catch (err) {
      // A socket closing under us: it is dropped by its close handler; the other clients go on.
      this.log.warn('could not send to a client', { err });
    }
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

const TOO_LARGE = Symbol('too large');

/**
 * The body as text, or TOO_LARGE past MAX_BODY. A too-large body is drained (not kept) so the
 * client reads our 413 instead of a connection reset; past DRAIN_LIMIT we answer at once.
 */
function readBody(req: IncomingMessage): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > DRAIN_LIMIT) {
      resolve(TOO_LARGE);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0;
      if (size > DRAIN_LIMIT) resolve(TOO_LARGE);
    });
    req.on('end', () => resolve(size > MAX_BODY ? TOO_LARGE : Buffer.concat(chunks).toString('utf8')));
    // The client went away mid-body: its fault, not a failure of ours.
    req.on('error', () => reject(new MalformedRequest('the body ended early')));
  });
}

const rawSize = (data: WebSocket.RawData): number =>
  Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;

const rawText = (data: WebSocket.RawData): string =>
  Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Buffer.from(data).toString('utf8');

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

/** Answers a request with a JSON body (and `Connection: close` when the rest of the body is refused). */
const jsonReply =
  (res: ServerResponse) =>
  (status: number, body: unknown, close = false): void => {
    res.writeHead(status, {
      ...securityHeaders,
      'Content-Type': 'application/json; charset=utf-8',
      ...(close ? { Connection: 'close' } : {}),
    });
    res.end(JSON.stringify(body));
  };
