import type { SyncedPlatform } from '../api/domains/shelf';

/**
 * How far back each platform's order query may start (docs/platform-order-apis.md: Kuaishou
 * "not older than 90 days"; the other platforms are given the same, as their adapters are). A new
 * shop's sync start and a re-read range must lie within it. The adapters' own limits are tested
 * to agree with this table.
 */
export const ORDER_LOOKBACK_DAYS: Record<SyncedPlatform, number> = {
  kuaishou: 90,
  douyin: 90,
  jd: 90,
  taobao: 90,
};

const DAY_MS = 86_400_000;

/** The oldest time a query may start at `now` (a minute inside the platform's limit, as the sync keeps). */
export const oldestSyncStart = (platform: SyncedPlatform, now: number): number =>
  now - ORDER_LOOKBACK_DAYS[platform] * DAY_MS + 60_000;
