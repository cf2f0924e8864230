import type { ShopBackfill, SyncErrorKind } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import { ApiFailure } from '@shared/api/errors';
import { beijingText } from '@shared/time/beijing';
import { oldestSyncStart, ORDER_LOOKBACK_DAYS } from '@shared/orders/lookback';
import type { OrderLine } from '../order-record';
import type { OrderPage, OrderPageRequest, PlatformLimits } from '../platform-adapter';

/** Pages one window may have before a re-read gives up on it (a gateway that never ends a window). */
const MAX_PAGES_PER_WINDOW = 100_000;

/**
 * Where a new shop's sync starts: `syncFrom` when the operator chose one, else the start of today
 * in Beijing time; never in the future, never further back than the platform keeps orders.
 */
export function checkSyncStart(platform: SyncedPlatform, syncFrom: number, now: number): number {
  if (syncFrom > now)
    throw new ApiFailure('bad_request', 'sync cannot start in the future', {
      key: 'orders:showWindow.errors.syncFromFuture',
    });
  const earliest = oldestSyncStart(platform, now);
  if (syncFrom < earliest)
    throw new ApiFailure('bad_request', `${platform} keeps orders ${ORDER_LOOKBACK_DAYS[platform]} days`, {
      key: 'orders:showWindow.errors.syncFromTooOld',
      params: { days: ORDER_LOOKBACK_DAYS[platform], earliest: beijingText(earliest) },
    });
  return syncFrom;
}

/** A range to re-read: from before to, within the platform's lookback; the end is cut at now. */
export function checkBackfillRange(
  platform: SyncedPlatform,
  from: number,
  to: number,
  now: number,
): { from: number; to: number } {
  const end = Math.min(to, now);
  if (end <= from)
    throw new ApiFailure('bad_request', 'the range ends before it starts', {
      key: 'orders:showWindow.errors.rangeEmpty',
    });
  checkSyncStart(platform, from, now);
  return { from, to: end };
}

export interface BackfillRun {
  limits: PlatformLimits;
  /** One page, with the sync's retries, backoff and token refresh. */
  fetch(req: OrderPageRequest, signal: AbortSignal): Promise<OrderPage>;
  /** Upserts a page into the ledger (idempotent); returns lines written. */
  ingest(lines: readonly OrderLine[]): Promise<number>;
  report(progress: ShopBackfill): void;
  signal: AbortSignal;
}

/**
 * Re-reads [from, to] by create time, window by window (the platform's longest span), every page
 * through the ledger's upsert: orders already stored change only if the platform has a newer
 * version, so a range can be re-read any number of times. Progress goes out after every window.
 */
export async function runBackfill(
  range: { from: number; to: number },
  o: BackfillRun,
): Promise<ShopBackfill> {
  const span = o.limits.maxWindowMs;
  let p: ShopBackfill = {
    from: range.from,
    to: range.to,
    windows: Math.ceil((range.to - range.from) / span),
    windowsDone: 0,
    lines: 0,
    state: 'running',
    errorKind: null,
  };
  o.report(p);
  try {
    for (let w = 0; w < p.windows; w++) {
      const from = range.from + w * span;
      const to = Math.min(from + span, range.to);
      let pageToken: string | null = null;
      for (let pages = 0; ; pages++) {
        if (pages >= MAX_PAGES_PER_WINDOW)
          throw Object.assign(new Error('too many pages'), { kind: 'malformed' });
        const page = await o.fetch(
          { from, to, by: 'create', pageToken, pageSize: o.limits.maxPageSize },
          o.signal,
        );
        const written = await o.ingest(page.lines);
        p = { ...p, lines: p.lines + written };
        pageToken = page.nextPageToken;
        if (pageToken === null) break;
      }
      p = { ...p, windowsDone: w + 1 };
      o.report(p);
    }
    p = { ...p, state: 'done' };
  } catch (err) {
    const kind = (err as { kind?: SyncErrorKind }).kind;
    p = { ...p, state: 'failed', errorKind: o.signal.aborted ? 'unreachable' : (kind ?? 'server') };
  }
  o.report(p);
  return p;
}
