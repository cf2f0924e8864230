import type { SyncedPlatform } from '@shared/api/domains/shelf';

/**
 * Calls per second we allow ourselves per app and per shop. Kuaishou publishes 300 QPS per app and
 * per user for the order list (H); the others publish none we could confirm (?), so these stay
 * well under what their gateways are known to tolerate.
 */
export const RATE_LIMITS: Record<SyncedPlatform, { app: number; shop: number }> = {
  kuaishou: { app: 300, shop: 300 },
  douyin: { app: 100, shop: 50 },
  jd: { app: 20, shop: 10 },
  taobao: { app: 20, shop: 10 },
};
