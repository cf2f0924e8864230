import type { OrderLine } from '../../src/main/core/orders/order-record';
import {
  PlatformError,
  type PlatformAdapter,
  type PlatformErrorKind,
} from '../../src/main/core/orders/platform-adapter';

export interface DrainOptions {
  from: number;
  to: number;
  by?: 'update' | 'create';
  pageSize: number;
  /** Per-call timeout, as the engine gives each call its own AbortSignal. */
  callTimeoutMs?: number;
  /** Retries per page on retryable errors before giving up. */
  maxAttemptsPerPage?: number;
  backoffBaseMs?: number;
}

export interface DrainResult {
  /** Keyed by (orderId, lineId), newest updatedAt kept (equal replaces, as the ledger does). */
  lines: Map<string, OrderLine>;
  pages: number;
  linesReceived: number;
  retried: PlatformErrorKind[];
}

export const lineKey = (l: Pick<OrderLine, 'orderId' | 'lineId'>): string => `${l.orderId}/${l.lineId}`;

/**
 * The simplest faithful sync loop: drain every page of one window, retry retryable errors with
 * exponential backoff and jitter, surface the others. Used by the adapter tests as a stand-in for
 * the sync engine, and handy for a one-off "fetch this window" from a script.
 */
export async function drainWindow(adapter: PlatformAdapter, opts: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { lines: new Map(), pages: 0, linesReceived: 0, retried: [] };
  const maxAttempts = opts.maxAttemptsPerPage ?? 8;
  const base = opts.backoffBaseMs ?? 5;
  let token: string | null = null;
  do {
    for (let attempt = 1; ; attempt++) {
      try {
        const page = await adapter.fetchOrderPage(
          {
            from: opts.from,
            to: opts.to,
            by: opts.by ?? 'update',
            pageToken: token,
            pageSize: opts.pageSize,
          },
          AbortSignal.timeout(opts.callTimeoutMs ?? 2_000),
        );
        result.pages++;
        for (const line of page.lines) {
          result.linesReceived++;
          const key = lineKey(line);
          const prev = result.lines.get(key);
          if (!prev || line.updatedAt >= prev.updatedAt) result.lines.set(key, line);
        }
        token = page.nextPageToken;
        break;
      } catch (err) {
        if (!(err instanceof PlatformError) || !err.retryable || attempt >= maxAttempts) throw err;
        result.retried.push(err.kind);
        const delay = err.detail.retryAfterMs ?? base * 2 ** (attempt - 1) * (0.5 + Math.random());
        await new Promise((r) => setTimeout(r, Math.min(delay, 1_000)));
      }
    }
  } while (token !== null);
  return result;
}
