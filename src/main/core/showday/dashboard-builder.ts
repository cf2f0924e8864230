import type Database from 'better-sqlite3';
import type { ShopSyncStatus } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { Dashboard } from '@shared/api/domains/showday';
import type { ShelfCatalog } from '../shelf/shelf-catalog';
import { perMinute, productName, showFigures } from './show-figures';

/** The shops order sync knows, with the latest status each reported (`shops.statusChanged`). */
export function shopLags(db: Database.Database, statuses: ReadonlyMap<number, ShopSyncStatus>) {
  const shops = db
    .prepare<[], { id: number; platform: SyncedPlatform; label: string; enabled: number }>(
      'SELECT id, platform, label, enabled FROM shop ORDER BY id',
    )
    .all();
  return shops.map((s) => {
    const st = statuses.get(s.id);
    return {
      shop: s.id,
      label: s.label,
      platform: s.platform,
      state: st?.state ?? (s.enabled ? 'idle' : 'disabled'),
      lagMs: st?.lagMs ?? null,
    };
  });
}

/** Live figures of one show from the ledger's aggregates (cheap: indexed by show). */
export function buildDashboard(
  db: Database.Database,
  catalog: ShelfCatalog,
  showId: number,
  statuses: ReadonlyMap<number, ShopSyncStatus>,
  now = Date.now(),
): Dashboard {
  const f = showFigures(db, showId, now);
  return {
    showId,
    at: now,
    totals: f.totals,
    viewers: null,
    perMinute: perMinute(db, showId),
    byProduct: f.byProduct.map((p) => {
      const product = catalog.getProduct(p.productId);
      return { ...p, name: productName(product, p.productId), county: product?.originCounty ?? '' };
    }),
    byCounty: f.byCounty,
    byPlatform: f.byPlatform,
    shops: shopLags(db, statuses),
  };
}
