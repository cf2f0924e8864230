import type Database from 'better-sqlite3';
import type { EventFigures } from '@shared/api/domains/event';
import { countedLinesPage, type CountedLine, type CountedLineCursor } from '../orders';
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
  orders: number;
  units: number;
  gmvFen: number;
  name: string;
}

/**
 * Counted lines summed by a key: distinct orders, units, GMV, and the greatest name among them.
 * Lines come in the ledger's key order, so an order's lines come together: an order counts once
 * per key when the next order starts (`endOrder`), with no set of every order id held.
 */
class Slices {
  private readonly byKey = new Map<string, Tally>();
  private readonly inOrder = new Set<Tally>();

  add(key: string, line: CountedLine, name: string): void {
    let t = this.byKey.get(key);
    if (!t) this.byKey.set(key, (t = { key, orders: 0, units: 0, gmvFen: 0, name }));
    this.inOrder.add(t);
    t.units += line.quantity;
    t.gmvFen += line.paidFen;
    if (name !== t.name && byBytes(name, t.name) > 0) t.name = name;
  }

  endOrder(): void {
    for (const t of this.inOrder) t.orders++;
    this.inOrder.clear();
  }

  /** Largest GMV first, then by key; at most `limit`. */
  list(limit = SLICE_LIMIT) {
    return [...this.byKey.values()]
      .sort((a, b) => b.gmvFen - a.gmvFen || byBytes(a.key, b.key))
      .slice(0, limit)
      .map((t) => ({ key: t.key, orders: t.orders, units: t.units, gmvFen: t.gmvFen, name: t.name }));
  }
}

const plain = (rows: ReturnType<Slices['list']>) =>
  rows.map(({ key, orders, units, gmvFen }) => ({ key, orders, units, gmvFen }));

/** Counted lines summed into the event's slices, line by line (see eventFigures). */
class EventTally {
  private readonly labels = new Map<number, ProductLabel | undefined>();
  private readonly slices = {
    booth: new Slices(),
    county: new Slices(),
    city: new Slices(),
    platform: new Slices(),
    product: new Slices(),
  };
  /** The order whose lines are being added; orders counted before it. */
  private order: string | null = null;
  private orders = 0;
  private units = 0;
  private gmvFen = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly boothOf: ReadonlyMap<string, string>,
  ) {}

  /** Reads the labels of these products not seen yet (before adding their lines). */
  label(productIds: Iterable<number | null>): void {
    const ids = [...new Set(productIds)].filter((id): id is number => id !== null && !this.labels.has(id));
    if (ids.length === 0) return;
    const found = productLabels(this.db, ids);
    for (const id of ids) this.labels.set(id, found.get(id));
  }

  add(line: CountedLine): void {
    const shop = `${line.platform}/${line.shopId}`;
    const order = `${shop}/${line.orderId}`;
    if (order !== this.order) this.endOrder(order);
    const p = (line.productId !== null && this.labels.get(line.productId)) || undefined;
    const { code, city, county } = p ?? NO_LABEL;
    const name = p?.name ?? line.title;
    this.units += line.quantity;
    this.gmvFen += line.paidFen;
    this.slices.booth.add(this.boothOf.get(shop) ?? '?', line, name);
    this.slices.county.add(county, line, name);
    this.slices.city.add(city, line, name);
    this.slices.platform.add(line.platform, line, name);
    this.slices.product.add(code ?? line.skuId, line, name);
  }

  private endOrder(next: string | null): void {
    if (this.order !== null) {
      this.orders++;
      for (const slices of Object.values(this.slices)) slices.endOrder();
    }
    this.order = next;
  }

  figures(eventId: string, booths: readonly BoothLiveState[], now: number, top: number): EventFigures {
    this.endOrder(null);
    return {
      eventId,
      at: now,
      totals: { orders: this.orders, units: this.units, gmvFen: this.gmvFen },
      byBooth: plain(this.slices.booth.list()),
      byCounty: plain(this.slices.county.list()),
      byCity: plain(this.slices.city.list()),
      byPlatform: plain(this.slices.platform.list()),
      topProducts: this.slices.product.list(top),
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
}

const NO_LABEL: ProductLabel = { code: null, name: '', city: '', county: '' };

function boothsOfShops(db: Database.Database, eventId: string): Map<string, string> {
  return new Map(
    db
      .prepare<[string], { platform: string; shop_id: string; booth: string }>(
        'SELECT platform, shop_id, booth FROM event_shop WHERE event_id = ?',
      )
      .all(eventId)
      .map((s) => [`${s.platform}/${s.shop_id}`, s.booth]),
  );
}

/** Lines read per turn of the event loop: some 7 ms of work. */
export const FIGURES_SLICE_LINES = 1_000;

/**
 * The event's big screen from this machine's ledger (which holds every booth's lines): totals
 * and slices by booth (the shop's booth; a shop no booth claimed is '?'), county, city, platform,
 * the top products, and each booth's live state with when it was last heard. The lines come from
 * the orders' port, the products' codes, names and origins from the shelf's.
 *
 * Read a page of lines per turn of the event loop (`yieldTurn` between pages): at Hotan's size
 * (400,000 lines) the whole read took some 3 s of the director's loop in one go, polled every
 * second by the Event page. Every line is counted once; one changed while the read goes on
 * counts as it was when its page was read.
 */
export async function eventFigures(
  db: Database.Database,
  eventId: string,
  booths: () => readonly BoothLiveState[],
  clock: () => number,
  yieldTurn: () => Promise<void>,
  sliceLines = FIGURES_SLICE_LINES,
  top = 10,
): Promise<EventFigures> {
  const tally = new EventTally(db, boothsOfShops(db, eventId));
  let after: CountedLineCursor | null = null;
  for (let guard = 0; guard < 1e7; guard++) {
    const page = countedLinesPage(db, after, sliceLines);
    tally.label(page.lines.map((l) => l.productId));
    for (const line of page.lines) tally.add(line);
    after = page.next;
    if (!after) break;
    await yieldTurn();
  }
  return tally.figures(eventId, booths(), clock(), top);
}
