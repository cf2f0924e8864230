import type Database from 'better-sqlite3';
import type { Shop } from '@shared/api/domains/orders';
import type { Dashboard } from '@shared/api/domains/showday';
import type { ShelfReader } from '../shelf';
import { citiesOf, perMinute, productName, showFigures } from './show-figures';

/** Each shop order sync knows, with how far behind the platform its ledger is. */
export const shopLags = (shops: readonly Shop[]): Dashboard['shops'] =>
  shops.map((s) => ({
    shop: s.id,
    label: s.label,
    platform: s.platform,
    state: s.status.state,
    lagMs: s.status.lagMs,
  }));

/** Live figures of one show from the ledger's aggregates (cheap: indexed by show). */
export function buildDashboard(
  db: Database.Database,
  shelf: ShelfReader,
  showId: number,
  shops: readonly Shop[],
  now = Date.now(),
): Dashboard {
  const f = showFigures(db, shelf, showId, now);
  return {
    showId,
    at: now,
    totals: f.totals,
    viewers: null,
    perMinute: perMinute(db, showId),
    byProduct: f.byProduct.map((p) => {
      const product = shelf.getProduct(p.productId);
      return {
        ...p,
        name: productName(product, p.productId),
        county: product?.originCounty ?? '',
        imageId: shelf.firstImageId(p.productId),
      };
    }),
    byCounty: f.byCounty,
    byCity: citiesOf(f.byCounty),
    byPlatform: f.byPlatform,
    shops: shopLags(shops),
  };
}
