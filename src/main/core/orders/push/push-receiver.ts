import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../logging/log-hub';
import { guarded } from '../../net/guarded';
import { MalformedRequest, answerClientErrors, requestTarget } from '../../net/http-safety';
import { DOUYIN_ACK, parseDouyinPush, verifyDouyinPush } from './douyin-push';
import {
  decryptKuaishouPush,
  KUAISHOU_ACK,
  KUAISHOU_DEFAULT_KEY_ENCODING,
  kuaishouKeyBytes,
  parseKuaishouPush,
  type KuaishouKeyEncoding,
} from './kuaishou-push';
import { PushRejected, type OnRefetch, type RefetchRequest } from './push-event';
import type { PushEventStore } from './push-event-store';

export type PushShop =
  | { platform: 'kuaishou'; shopId: string; messageKey: string; keyEncoding?: KuaishouKeyEncoding }
  | { platform: 'douyin'; shopId: string; appKey: string; appSecret: string };

/** Push is off unless the operator turns it on and points a public HTTPS URL (a tunnel) at it. */
export interface PushSettings {
  enabled: boolean;
  /** 127.0.0.1 unless the operator's reverse proxy runs on another machine. */
  host: string;
  /** A fixed port, so the tunnel/proxy in front can be configured once. 0 = any free port (tests). */
  port: number;
}

export const DEFAULT_PUSH_SETTINGS: PushSettings = { enabled: false, host: '127.0.0.1', port: 18480 };

/** Largest body accepted; platform pushes are a few KB. */
export const PUSH_MAX_BODY_BYTES = 1024 * 1024;
/** Handled events are remembered this long (Kuaishou's retries span about two hours). */
export const PUSH_DEDUPE_KEEP_MS = 3 * 24 * 3600_000;

export interface PushReceiverOptions {
  settings: Pick<PushSettings, 'host' | 'port'>;
  shops: readonly PushShop[];
  store: PushEventStore;
  onRefetch: OnRefetch;
  log: Logger;
  clock?: () => number;
  /** Called after each handled request (counters changed); for status displays. */
  onActivity?: (stats: PushReceiverStats) => void;
}

/** What the receiver handled since it started. */
export interface PushReceiverStats {
  /** New events (each went to onRefetch). */
  received: number;
  /** Redeliveries acknowledged without a re-fetch. */
  duplicates: number;
  /** Requests refused (bad signature, does not decrypt, malformed, another app). */
  rejected: number;
  lastEventAt: number | null;
  lastRejected: { at: number; reason: PushRejected['reason'] } | null;
}

/** Counters before anything was handled. */
export const NO_PUSH_STATS: Readonly<PushReceiverStats> = {
  received: 0,
  duplicates: 0,
  rejected: 0,
  lastEventAt: null,
  lastRejected: null,
};

/**
 * Starts the receiver only when push is enabled (it needs a public URL the operator set up);
 * returns null when it is off.
 */
export async function startPushReceiver(
  settings: PushSettings,
  deps: Omit<PushReceiverOptions, 'settings'>,
): Promise<PushReceiver | null> {
  if (!settings.enabled) return null;
  const receiver = new PushReceiver({ ...deps, settings });
  await receiver.start();
  return receiver;
}

/** Path of a shop's endpoint, the URL the operator enters in the platform's console (after the tunnel). */
export const pushPath = (shop: Pick<PushShop, 'platform' | 'shopId'>): string =>
  `/push/${shop.platform}/${encodeURIComponent(shop.shopId)}`;

/**
 * Receives Kuaishou and Douyin order pushes on one small HTTP server: authenticates each body
 * (Kuaishou: decrypts under the shop's key; Douyin: checks event-sign), turns it into re-fetch
 * requests, dedupes on the event id persistently, and replies in the platform's format.
 * Start it only when push is enabled.
 */
export class PushReceiver {
  private server: http.Server | undefined;
  private readonly clock: () => number;
  private readonly shops = new Map<string, PushShop>();
  private readonly keys = new Map<string, Buffer>();
  /** Events being handled right now: a concurrent redelivery must not re-fetch twice. */
  private readonly inFlight = new Set<string>();
  private readonly counters: PushReceiverStats = { ...NO_PUSH_STATS };

  constructor(private readonly opts: PushReceiverOptions) {
    this.clock = opts.clock ?? Date.now;
    for (const shop of opts.shops) {
      this.shops.set(pushPath(shop), shop);
      if (shop.platform === 'kuaishou')
        this.keys.set(
          pushPath(shop),
          kuaishouKeyBytes(shop.messageKey, shop.keyEncoding ?? KUAISHOU_DEFAULT_KEY_ENCODING),
        );
    }
  }

  get stats(): PushReceiverStats {
    return { ...this.counters };
  }

  /** e.g. http://127.0.0.1:18480 */
  get origin(): string {
    const addr = this.server?.address() as AddressInfo | null | undefined;
    if (!addr) throw new Error('push receiver not started');
    return `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  }

  /** Binds the server (127.0.0.1 by default) and prunes old dedupe records. */
  async start(): Promise<void> {
    if (this.server) return;
    this.opts.store.prune(this.clock() - PUSH_DEDUPE_KEEP_MS);
    // A missing Host gets our 400 with a reason, not Node's empty one.
    const server = http.createServer(
      { requireHostHeader: false },
      guarded(this.opts.log, 'push:request', (req: http.IncomingMessage, res: http.ServerResponse) =>
        this.serve(req, res),
      ),
    );
    answerClientErrors(server, this.opts.log, 'ShelfCast push');
    server.requestTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.settings.port, this.opts.settings.host, () => resolve());
    });
    this.server = server;
    this.opts.log.info('push receiver listening', { origin: this.origin, shops: this.opts.shops.length });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private notify(): void {
    try {
      this.opts.onActivity?.(this.stats);
    } catch (err) {
      this.opts.log.warn('push status listener failed', { error: String(err) });
    }
  }

  /** Malformed input gets 400, a bug a logged 500 (a non-ack: the platform retries). */
  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (err) {
      if (err instanceof MalformedRequest) {
        this.opts.log.warn('malformed push request refused', { reason: err.reason });
        return reply(res, 400, JSON.stringify({ error: `malformed request: ${err.reason}` }));
      }
      this.opts.log.error('push request failed', { area: 'push:request', err });
      if (res.headersSent) res.end();
      else reply(res, 500, '{"error":"internal error"}');
    }
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = requestTarget(req.url).pathname;
    if (!req.headers.host) throw new MalformedRequest('missing Host header');
    const shop = this.shops.get(path);
    if (!shop) return reply(res, 404, '{"error":"no such push endpoint"}');
    if (req.method !== 'POST') return reply(res, 405, '{"error":"POST only"}');
    let body: Buffer;
    try {
      body = await readBody(req, PUSH_MAX_BODY_BYTES);
    } catch {
      return reply(res, 413, '{"error":"body too large"}');
    }
    try {
      const requests = this.authenticate(shop, path, req, body);
      await this.dispatch(requests);
      reply(res, 200, shop.platform === 'kuaishou' ? KUAISHOU_ACK : DOUYIN_ACK);
      return this.notify();
    } catch (err) {
      if (err instanceof PushRejected) {
        this.counters.rejected++;
        this.counters.lastRejected = { at: this.clock(), reason: err.reason };
        this.notify();
        this.opts.log.warn('push rejected', {
          platform: shop.platform,
          shop: shop.shopId,
          reason: err.reason,
        });
        const status = err.reason === 'bad_body' ? 400 : 401;
        return reply(res, status, rejection(shop.platform, err));
      }
      // Our side failed (the re-fetch queue threw): a non-ack makes the platform deliver again.
      this.opts.log.error('push handling failed', {
        platform: shop.platform,
        shop: shop.shopId,
        error: String(err),
      });
      return reply(res, 500, shop.platform === 'kuaishou' ? '{"result":0}' : '{"code":500,"msg":"retry"}');
    }
  }

  private authenticate(
    shop: PushShop,
    path: string,
    req: http.IncomingMessage,
    body: Buffer,
  ): RefetchRequest[] {
    if (shop.platform === 'kuaishou') {
      const plain = decryptKuaishouPush(body.toString('utf8'), this.keys.get(path)!);
      return [parseKuaishouPush(plain, shop.shopId)];
    }
    verifyDouyinPush({ appId: header(req, 'app-id'), eventSign: header(req, 'event-sign') }, body, {
      appKey: shop.appKey,
      appSecret: shop.appSecret,
    });
    return parseDouyinPush(body, shop.shopId);
  }

  /** New events → onRefetch, then remembered; a redelivered event is acknowledged and skipped. */
  private async dispatch(requests: RefetchRequest[]): Promise<void> {
    const { store, onRefetch, log } = this.opts;
    for (const r of requests) {
      const key = `${r.platform}/${r.eventId}`;
      if (this.inFlight.has(key) || store.seen(r.platform, r.eventId)) {
        log.debug('duplicate push ignored', { platform: r.platform, eventId: r.eventId });
        this.counters.duplicates++;
        continue;
      }
      this.inFlight.add(key);
      try {
        await onRefetch(r);
        store.remember(r.platform, r.eventId, r.shopId, r.orderId, this.clock());
        this.counters.received++;
        this.counters.lastEventAt = this.clock();
      } finally {
        this.inFlight.delete(key);
      }
    }
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function rejection(platform: PushShop['platform'], err: PushRejected): string {
  return platform === 'kuaishou'
    ? JSON.stringify({ result: 0, error: err.reason })
    : JSON.stringify({ code: 40001, msg: err.reason });
}

function reply(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(body);
}

/**
 * The body, or a rejection past `limit`. A too-large body is drained, not kept, so the sender
 * reads our 413 rather than a reset; past four times the limit we stop listening and answer.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    if (Number(req.headers['content-length'] ?? 0) > 4 * limit) {
      reject(new Error('too large'));
      return;
    }
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else chunks.length = 0;
      if (size > 4 * limit) reject(new Error('too large'));
    });
    req.on('end', () => (size > limit ? reject(new Error('too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
