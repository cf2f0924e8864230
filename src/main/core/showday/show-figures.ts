import type Database from 'better-sqlite3';
import type { Product } from '@shared/api/domains/shelf';
import { showFigures as ledgerFigures, showTimeline } from '../orders';
import type { ShelfReader } from '../shelf';

/** GMV and units per minute of a show, from the ledger's per-minute aggregates (oldest first). */
export const perMinute = (db: Database.Database, showId: number) => showTimeline(db, showId);

/** The ledger's figures of one show (the same aggregates the live counters use). */
export const showFigures = (db: Database.Database, shelf: ShelfReader, showId: number, at = Date.now()) =>
  ledgerFigures(db, shelf, showId, at);

/** Cities summed from the counties (a county belongs to one city). */
export function citiesOf(counties: readonly { city: string; units: number; gmvFen: number }[]) {
  const byCity = new Map<string, { city: string; units: number; gmvFen: number }>();
  for (const c of counties) {
    const t = byCity.get(c.city) ?? { city: c.city, units: 0, gmvFen: 0 };
    t.units += c.units;
    t.gmvFen += c.gmvFen;
    byCity.set(c.city, t);
  }
  return [...byCity.values()].sort((a, b) => b.gmvFen - a.gmvFen || a.city.localeCompare(b.city));
}

/** The product's name as the studio reads it (Chinese first). */
export const productName = (p: Product | undefined, productId: number): string =>
  p?.nameZh ?? `#${productId}`;
