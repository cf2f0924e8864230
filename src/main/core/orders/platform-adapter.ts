import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { OrderLine } from './order-record';

/**
 * Why a platform call failed, told apart by kind (never by message text), so the sync engine
 * knows whether to back off and retry, refresh a token, or stop and tell the operator.
 */
export type PlatformErrorKind =
  | 'bad_signature' // our signing is wrong or the secret is: permanent until the operator fixes credentials
  | 'bad_app_key' // the platform does not know the app key: permanent until the operator fixes it
  | 'bad_app_secret' // a token refresh was refused for the app secret: permanent until the operator fixes it
  | 'token_expired' // refresh, then retry
  | 'method_refused' // the gateway does not offer the method or path (or not to this app): permanent
  | 'no_permission' // app lacks the scope (e.g. merchant_order): permanent
  | 'throttled' // QPS/quota exceeded: back off with jitter
  | 'unreachable' // network error or timeout: back off
  | 'server' // 5xx or platform-side system error: back off
  | 'bad_request' // our parameters broke a platform rule (window too long, page size): a bug, do not retry
  | 'malformed'; // the response was not what the protocol says: back off, log the body

export class PlatformError extends Error {
  constructor(
    readonly platform: SyncedPlatform,
    readonly kind: PlatformErrorKind,
    message: string,
    readonly detail: { platformCode?: string; retryAfterMs?: number; httpStatus?: number } = {},
  ) {
    super(message);
    this.name = 'PlatformError';
  }

  get retryable(): boolean {
    return (
      this.kind === 'throttled' ||
      this.kind === 'unreachable' ||
      this.kind === 'server' ||
      this.kind === 'malformed'
    );
  }
}

export interface OrderPageRequest {
  /** Window start and end, UTC ms (end exclusive where the platform allows). */
  from: number;
  to: number;
  /** Query by update time (incremental sync) or create time (reconciliation sweep). */
  by: 'update' | 'create';
  /** Opaque token from the previous page; null for the first page. */
  pageToken: string | null;
  pageSize: number;
}

export interface OrderPage {
  lines: OrderLine[];
  /** Token for the next page, null when the window is drained. */
  nextPageToken: string | null;
}

/** Limits of a platform's order query, which the sync engine plans windows and pages by. */
export interface PlatformLimits {
  /** Longest window one query may span. */
  maxWindowMs: number;
  /** Oldest start a query may have, relative to now. */
  maxLookbackMs: number;
  maxPageSize: number;
  /**
   * The platform's time resolution (1000 where times are whole seconds; absent = 1 ms). A window
   * reads up to the last whole unit before its end, so an order of the current second is read
   * once that second has passed.
   */
  timeResolutionMs?: number;
}

/** One platform's order API for one shop, with that platform's signing, paging and mapping. */
export interface PlatformAdapter {
  readonly platform: SyncedPlatform;
  readonly shopId: string;
  readonly limits: PlatformLimits;
  /** Fetches one page. Throws PlatformError. Honors the abort signal (per-call timeout). */
  fetchOrderPage(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage>;
  /** A cheap authenticated call proving the credentials work. Throws PlatformError. */
  testConnection(signal: AbortSignal): Promise<void>;
  /** Refreshes the access token where the platform has one (persisting it atomically first). */
  refreshToken?(signal: AbortSignal): Promise<void>;
}

/** Where a refreshed token pair is persisted, synchronously and atomically, before it is used. */
export interface TokenKeeper {
  save(tokens: { accessToken: string; refreshToken: string }): void;
}

/** How an adapter is set up for one shop. */
export interface AdapterOptions {
  shopId: string;
  /**
   * Gateway origin (scheme, host, port: no path), where the adapter appends the platform's own
   * endpoint path; a simulator's in tests and demo mode.
   */
  baseUrl?: string;
  /** Where rotated tokens go (platforms whose refresh token rotates). */
  tokens?: TokenKeeper;
  clock?: () => number;
}

/**
 * What every platform's adapter holds for its shop: the shop id, the platform's limits, the
 * gateway (the platform's, unless options point at a simulator), a clock and the credentials,
 * which the operator may renew while it runs.
 */
export abstract class ShopAdapter<Credentials> implements PlatformAdapter {
  abstract readonly platform: SyncedPlatform;
  readonly shopId: string;
  protected readonly gateway: string;
  protected readonly clock: () => number;
  protected readonly tokens: TokenKeeper | undefined;

  constructor(
    protected credentials: Credentials,
    options: AdapterOptions,
    defaultGateway: string,
    readonly limits: PlatformLimits,
  ) {
    this.shopId = options.shopId;
    this.gateway = (options.baseUrl ?? defaultGateway).replace(/\/$/, '');
    this.clock = options.clock ?? Date.now;
    this.tokens = options.tokens;
  }

  abstract fetchOrderPage(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage>;

  /** Reads one order of the last minute: the credentials, the signature and the gateway all work. */
  async testConnection(signal: AbortSignal): Promise<void> {
    const now = this.clock();
    await this.fetchOrderPage(
      { from: now - 60_000, to: now, by: 'update', pageToken: null, pageSize: 1 },
      signal,
    );
  }

  /** Takes credentials the operator renewed (a token pasted from the platform's console). */
  updateCredentials(credentials: Credentials): void {
    this.credentials = credentials;
  }
}
