import type Database from 'better-sqlite3';
import type { EventFigures } from '@shared/api/domains/event';
import { countedProductIds, forEachCountedLine, type CountedLine } from '../orders';
import { productLabels, type ProductLabel } from '../shelf';
import type { BoothLiveState } from './event-link';

/** A booth unheard for this long is shown offline (heartbeats come every 2 s). */
export const OFFLINE_AFTER_MS = 10_000;

/** Slices shown at most (the top products: `top`). */
const SLICE_LIMIT = 1_000;

/** SQLite's order of text (the bytes of its UTF-8): ties in GMV are listed by key, as before. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

interface Tally {
  key: string;
  orders: Set<string>;
  units: number;
  gmvFen: number;
  name: string;
}

/** Counted lines summed by a key: distinct orders, units, GMV, and the greatest name among them. */
class Slices {
  private readonly byKey = new Map<string, Tally>();

  add(key: string, order: string, line: CountedLine, name: string): void {
    let t = this.byKey.get(key);
    if (!t) this.byKey.set(key, (t = { key, orders: new Set(), units: 0, gmvFen: 0, name }));
    t.orders.add(order);
    t.units += line.quantity;
    t.gmvFen += line.paidFen;
    if (byBytes(name, t.name) > 0) t.name = name;
  }

  /** Largest GMV first, then by key; at most `limit`. */
  list(limit = SLICE_LIMIT) {
    return [...this.byKey.values()]
      .sort((a, b) => b.gmvFen - a.gmvFen || byBytes(a.key, b.key))
      .slice(0, limit)
      .map((t) => ({ key: t.key, orders: t.orders.size, units: t.units, gmvFen: t.gmvFen, name: t.name }));
  }
}

const plain = (rows: ReturnType<Slices['list']>) =>
  rows.map(({ key, orders, units, gmvFen }) => ({ key, orders, units, gmvFen }));

/**
 * The event's big screen from this machine's ledger (which holds every booth's lines): totals
 * and slices by booth (the shop's booth; a shop no booth claimed is '?'), county, city, platform,
 * the top products, and each booth's live state with when it was last heard. The lines come from
 * the orders' port, the products' codes, names and origins from the shelf's.
 */
export function eventFigures(
  db: Database.Database,
  eventId: string,
  booths: readonly BoothLiveState[],
  now: number,
  top = 10,
): EventFigures {
  const boothOf = new Map(
    db
      .prepare<[string], { platform: string; shop_id: string; booth: string }>(
        'SELECT platform, shop_id, booth FROM event_shop WHERE event_id = ?',
      )
      .all(eventId)
      .map((s) => [`${s.platform}/${s.shop_id}`, s.booth]),
  );
  const labels = productLabels(db, countedProductIds(db));
  const none: ProductLabel = { code: null, name: '', city: '', county: '' };
  const slices = {
    booth: new Slices(),
    county: new Slices(),
    city: new Slices(),
    platform: new Slices(),
    product: new Slices(),
  };
  const orders = new Set<string>();
  let units = 0;
  let gmvFen = 0;
  forEachCountedLine(db, (line) => {
    const shop = `${line.platform}/${line.shopId}`;
    const order = `${shop}/${line.orderId}`;
    const p = (line.productId !== null && labels.get(line.productId)) || undefined;
    const { code, city, county } = p ?? none;
    const name = p?.name ?? line.title;
    orders.add(order);
    units += line.quantity;
    gmvFen += line.paidFen;
    slices.booth.add(boothOf.get(shop) ?? '?', order, line, name);
    slices.county.add(county, order, line, name);
    slices.city.add(city, order, line, name);
    slices.platform.add(line.platform, order, line, name);
    slices.product.add(code ?? line.skuId, order, line, name);
  });
  return {
    eventId,
    at: now,
    totals: { orders: orders.size, units, gmvFen },
    byBooth: plain(slices.booth.list()),
    byCounty: plain(slices.county.list()),
    byCity: plain(slices.city.list()),
    byPlatform: plain(slices.platform.list()),
    topProducts: slices.product.list(top),
    booths: [...booths]
      .sort((a, b) => a.booth.localeCompare(b.booth))
      .map((b) => ({
        booth: b.booth,
        onAir: b.onAir,
        onAirSince: b.onAirSince,
        countdownEnd: b.countdownEnd,
        showGmvFen: b.showGmvFen,
        lastHeard: b.at,
        online: now - b.at < OFFLINE_AFTER_MS,
      })),
  };
}
