import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FaultPlan } from './simulated-shop';
import { TokenBucket } from '../sync/token-bucket';

export interface HarnessRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The raw body as UTF-8 text (signatures are checked over exact bytes). */
  body: string;
}

export interface HarnessResponse {
  status: number;
  body: string;
  contentType?: string;
  /** Never answer: the client's per-call timeout must fire. Sockets are destroyed on stop(). */
  hang?: boolean;
}

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  stop(): Promise<void>;
}

/**
 * The loopback HTTP shell the Kuaishou and Douyin simulators run in: 127.0.0.1 only, a free port,
 * raw body kept for signature checks, hung requests released on stop.
 */
export async function startLoopbackServer(
  handle: (req: HarnessRequest) => HarnessResponse | Promise<HarnessResponse>,
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      void (async () => {
        let out: HarnessResponse;
        try {
          out = await handle({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        } catch (err) {
          out = { status: 500, body: `simulator error: ${String(err)}` };
        }
        if (out.hang) return;
        res.writeHead(out.status, { 'content-type': out.contentType ?? 'application/json;charset=UTF-8' });
        res.end(out.body);
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Counts requests and says which fault (if any) this one gets: "every Nth request" per kind. */
export class FaultCounter {
  private n = 0;
  private pages = 0;

  constructor(public plan: FaultPlan = {}) {}

  nextRequest(): 'timeout' | 'throttle' | 'server_error' | 'malformed_json' | null {
    const n = ++this.n;
    const hit = (k?: number) => k !== undefined && k > 0 && n % k === 0;
    if (hit(this.plan.timeoutEvery)) return 'timeout';
    if (hit(this.plan.throttleEvery)) return 'throttle';
    if (hit(this.plan.serverErrorEvery)) return 'server_error';
    if (hit(this.plan.malformedJsonEvery)) return 'malformed_json';
    return null;
  }

  /** Page-level tampering for a page being served: duplicate lines, replay an older version. */
  nextPage(): { duplicate: boolean; stale: boolean } {
    const n = ++this.pages;
    const hit = (k?: number) => k !== undefined && k > 0 && n % k === 0;
    return { duplicate: hit(this.plan.duplicateEvery), stale: hit(this.plan.staleVersionEvery) };
  }
}

/**
 * Access tokens a simulator accepts: the current one works for `expireTokenAfter` requests, then
 * reports expired until refreshed. Refresh tokens rotate (Kuaishou) or stay (Douyin, early refresh).
 */
export class SimTokens {
  private generation = 0;
  private uses = 0;
  accessToken: string;
  refreshToken: string;
  /** Refresh tokens used before: presenting one again is an error (a rotated token dies). */
  readonly retired = new Set<string>();
  refreshes = 0;

  constructor(
    private readonly prefix: string,
    initial: { accessToken: string; refreshToken: string },
  ) {
    this.accessToken = initial.accessToken;
    this.refreshToken = initial.refreshToken;
  }

  /** 'ok' | 'invalid' (unknown token) | 'expired' (count this use). */
  use(token: string, expireAfter: number | undefined): 'ok' | 'invalid' | 'expired' {
    if (token !== this.accessToken) return 'invalid';
    this.uses++;
    if (expireAfter !== undefined && expireAfter > 0 && this.uses > expireAfter) return 'expired';
    return 'ok';
  }

  /** Issues a new pair; with `rotate`, the presented refresh token is retired. */
  refresh(presented: string, rotate: boolean): { accessToken: string; refreshToken: string } | null {
    if (presented !== this.refreshToken) return null;
    this.generation++;
    this.refreshes++;
    this.uses = 0;
    this.accessToken = `${this.prefix}-at-${this.generation}`;
    if (rotate) {
      this.retired.add(presented);
      this.refreshToken = `${this.prefix}-rt-${this.generation}`;
    }
    return { accessToken: this.accessToken, refreshToken: this.refreshToken };
  }
}

export interface TokenGatewayOptions {
  accessToken: string;
  refreshToken: string;
  faults?: FaultPlan;
  /** Order-list calls per second the app may make before the platform throttles. */
  qps?: number;
  clock?: () => number;
}

/**
 * What the Kuaishou and Douyin simulators share: a loopback server, the fault counter, rotating
 * tokens, a per-app token bucket, request stats and a clock. Subclasses speak the protocol.
 */
export abstract class TokenGatewaySimulator {
  readonly tokens: SimTokens;
  readonly faults: FaultCounter;
  /** Order-list requests answered, by outcome, for tests. */
  readonly stats = { requests: 0, pages: 0, rejectedSign: 0, throttled: 0 };
  protected readonly bucket: TokenBucket;
  protected readonly clock: () => number;
  private server: LoopbackServer | undefined;

  protected constructor(tokenPrefix: string, defaultQps: number, opts: TokenGatewayOptions) {
    this.tokens = new SimTokens(tokenPrefix, opts);
    this.faults = new FaultCounter(opts.faults ?? {});
    this.bucket = new TokenBucket(opts.qps ?? defaultQps);
    this.clock = opts.clock ?? Date.now;
  }

  get url(): string {
    if (!this.server) throw new Error('simulator not started');
    return this.server.origin;
  }

  async start(): Promise<this> {
    this.server = await startLoopbackServer((req) => this.handle(req));
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  protected abstract handle(req: HarnessRequest): HarnessResponse;
}
