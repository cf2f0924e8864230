import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TokenBucket } from '../../sync/token-bucket';
import type { FaultPlan, SimulatedShop, TruthOrder } from '../simulated-shop';

/**
 * The one shell every simulated platform gateway runs in (demo mode, tests, benches): a loopback
 * HTTP server, a fault schedule, a per-app rate limit and a clock. Kuaishou and Douyin add
 * rotating tokens (TokenGatewaySimulator); JD and Taobao speak a router protocol on one path.
 */

/** How long a `hang` response holds its socket before dropping it (the client's timeout is shorter). */
export const HANG_MS = 30_000;

export interface GatewayRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The raw body as UTF-8 text (signatures are checked over exact bytes). */
  body: string;
  /** The query and an x-www-form-urlencoded body merged (body wins), as router gateways read them. */
  params: Record<string, string>;
}

export interface GatewayResponse {
  status: number;
  body: string;
  contentType?: string;
  /** Never answer: the client's per-call timeout must fire. Dropped after HANG_MS or on stop(). */
  hang?: boolean;
}

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  stop(): Promise<void>;
}

function paramsOf(query: URLSearchParams, headers: http.IncomingHttpHeaders, body: string) {
  const params: Record<string, string> = Object.fromEntries(query);
  if (String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  return params;
}

/**
 * A loopback HTTP server on a free port (127.0.0.1 only) handing each request, body read whole,
 * to `handle`. A handler that throws answers 500; a hung request is released after HANG_MS so a
 * long demo run does not pile up sockets, and every socket is destroyed on stop().
 */
export async function startLoopbackServer(
  handle: (req: GatewayRequest) => GatewayResponse | Promise<GatewayResponse>,
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let out: GatewayResponse;
        try {
          const url = new URL(req.url ?? '/', 'http://127.0.0.1');
          const body = Buffer.concat(chunks).toString('utf8');
          out = await handle({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body,
            params: paramsOf(url.searchParams, req.headers, body),
          });
        } catch (err) {
          out = { status: 500, body: `simulator error: ${String(err)}` };
        }
        if (out.hang) return void setTimeout(() => res.destroy(), HANG_MS).unref();
        res.writeHead(out.status, {
          'content-type': out.contentType ?? 'application/json;charset=UTF-8',
        });
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

export type RequestFault = 'timeout' | 'throttle' | 'server_error' | 'malformed_json' | null;

/**
 * Decides, per incoming request (counted from 1), which FaultPlan fault it gets. Request-level
 * faults are exclusive (first match wins, in the order below); duplicate/stale are page-level
 * and decided separately so a page can be both served and tampered with.
 */
export class FaultSchedule {
  private requests = 0;
  private pages = 0;

  constructor(public plan: FaultPlan = {}) {}

  /** Replaces the plan (e.g. "now stop failing") without resetting counters. */
  setPlan(plan: FaultPlan): void {
    this.plan = plan;
  }

  get requestCount(): number {
    return this.requests;
  }

  nextRequest(): RequestFault {
    const n = ++this.requests;
    const every = (k: number | undefined) => k !== undefined && k > 0 && n % k === 0;
    if (every(this.plan.timeoutEvery)) return 'timeout';
    if (every(this.plan.throttleEvery)) return 'throttle';
    if (every(this.plan.serverErrorEvery)) return 'server_error';
    if (every(this.plan.malformedJsonEvery)) return 'malformed_json';
    return null;
  }

  /** True once more than `expireTokenAfter` requests have been made with the current token. */
  tokenExpired(requestsWithToken: number): boolean {
    const after = this.plan.expireTokenAfter;
    return after !== undefined && after > 0 && requestsWithToken > after;
  }

  /** Page-level tampering for the page about to be served. */
  nextPage(): { duplicate: boolean; stale: boolean } {
    const n = ++this.pages;
    const every = (k: number | undefined) => k !== undefined && k > 0 && n % k === 0;
    return { duplicate: every(this.plan.duplicateEvery), stale: every(this.plan.staleVersionEvery) };
  }
}

export interface SimulatedGatewayOptions {
  faults?: FaultPlan;
  /** Per-app calls per second before the gateway throttles. */
  qps?: number;
  /** The gateway's clock (timestamps, windows, bans); the rate limit follows it too. */
  clock?: () => number;
}

/**
 * What every simulated gateway shares: the loopback server, the fault schedule, a per-app rate
 * limit (the same token bucket the sync uses on its side) and a clock. Subclasses speak the
 * protocol in handle().
 */
export abstract class SimulatedGateway {
  private server: LoopbackServer | undefined;
  readonly faults: FaultSchedule;
  protected readonly limiter: TokenBucket;
  protected readonly clock: () => number;

  protected constructor(
    private readonly gatewayName: string,
    defaultQps: number,
    opts: SimulatedGatewayOptions,
    /** The one path a router gateway answers on (others get 404); undefined: the subclass routes. */
    private readonly gatewayPath?: string,
    limiterClock?: () => number,
  ) {
    this.faults = new FaultSchedule(opts.faults);
    this.clock = opts.clock ?? Date.now;
    const qps = opts.qps ?? defaultQps;
    this.limiter = new TokenBucket(qps, undefined, limiterClock ?? this.clock);
  }

  /** The gateway origin to give the adapter (a shop's `gateway`). */
  get url(): string {
    if (!this.server) throw new Error(`${this.gatewayName} simulator not started`);
    return this.server.origin;
  }

  /** The whole endpoint URL (origin + the router's path), for raw calls in tests. */
  get endpoint(): string {
    return `${this.url}${this.gatewayPath ?? ''}`;
  }

  get requestCount(): number {
    return this.faults.requestCount;
  }

  async start(): Promise<this> {
    this.server = await startLoopbackServer((req) =>
      this.gatewayPath === undefined || req.path === this.gatewayPath
        ? this.handle(req)
        : { status: 404, body: 'not found' },
    );
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  setFaults(plan: FaultPlan): void {
    this.faults.setPlan(plan);
  }

  /** One request, in the platform's protocol. */
  protected abstract handle(req: GatewayRequest): GatewayResponse;
}

/**
 * A router gateway (JD JOS, Taobao TOP) serving one SimulatedShop: one path, the per-app rate limit
 * at ROUTER_DEFAULT_QPS unless given, a timed-out call held open, and the merchant's one credential
 * (JD's access token, Taobao's session key), which the fault plan can expire after
 * `expireTokenAfter` calls until the merchant re-authorises.
 */
export abstract class RouterGatewaySimulator<O extends SimulatedGatewayOptions> extends SimulatedGateway {
  private credential: string;
  private callsWithCredential = 0;

  protected constructor(
    gatewayName: string,
    path: string,
    protected readonly shop: SimulatedShop,
    protected readonly opts: O,
    credential: string,
  ) {
    super(gatewayName, ROUTER_DEFAULT_QPS, opts, path);
    this.credential = credential;
  }

  /** The merchant re-authorised (a new access token or session key): it works, the old one is dead. */
  renewCredential(credential: string): void {
    this.credential = credential;
    this.callsWithCredential = 0;
  }

  /** 'wrong': not the current credential; 'expired': the fault plan used it up (this call counts). */
  protected checkCredential(given: string | undefined): 'wrong' | 'expired' | null {
    if (given !== this.credential) return 'wrong';
    this.callsWithCredential++;
    return this.faults.tokenExpired(this.callsWithCredential) ? 'expired' : null;
  }

  protected handle(req: GatewayRequest): GatewayResponse {
    const fault = this.faults.nextRequest();
    // Never answered: the client's own per-call timeout must fire.
    if (fault === 'timeout') return { status: 200, body: '', hang: true };
    return this.answer(req, fault);
  }

  /**
   * A page as served, rendered, after the fault plan's tampering: its first order once more
   * (duplicate), or an older version of one of its orders (stale) that `listed` still lists and
   * whose update time is an earlier whole second (router gateways give times to the second).
   */
  protected servedPage<R>(
    slice: readonly TruthOrder[],
    render: (o: TruthOrder) => R,
    listed: (o: TruthOrder) => boolean = () => true,
  ): R[] {
    const page = slice.map(render);
    const tamper = this.faults.nextPage();
    if (tamper.duplicate && slice.length > 0) page.push(render(slice[0]!));
    if (tamper.stale) {
      const older = slice
        .map((o) => this.shop.previousVersion(o.orderId))
        .find(
          (v): v is TruthOrder =>
            v !== undefined &&
            listed(v) &&
            Math.floor(v.updatedAt / 1000) < Math.floor(this.shop.get(v.orderId)!.updatedAt / 1000),
        );
      if (older) page.push(render(older));
    }
    return page;
  }

  /** One request in the platform's protocol, with the fault it drew (other than a timeout). */
  protected abstract answer(req: GatewayRequest, fault: Exclude<RequestFault, 'timeout'>): GatewayResponse;
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

export interface TokenGatewayOptions extends SimulatedGatewayOptions {
  accessToken: string;
  refreshToken: string;
}

/**
 * A gateway with OAuth-style tokens (Kuaishou, Douyin): rotating tokens and request stats. Its
 * rate limit runs on real time (performance.now): tests pin the protocol clock, not the bucket.
 */
export abstract class TokenGatewaySimulator extends SimulatedGateway {
  readonly tokens: SimTokens;
  /** Order-list requests answered, by outcome, for tests. */
  readonly stats = { requests: 0, pages: 0, rejectedSign: 0, throttled: 0 };

  protected constructor(tokenPrefix: string, defaultQps: number, opts: TokenGatewayOptions) {
    super(tokenPrefix, defaultQps, opts, undefined, () => performance.now());
    this.tokens = new SimTokens(tokenPrefix, opts);
  }
}

/** A router gateway's per-app calls per second when a test or demo gives none (generous: demo shops never hit it). */
export const ROUTER_DEFAULT_QPS = 1_000;
