import type Database from 'better-sqlite3';
import type { AirtimeRow, Report } from '@shared/api/domains/showday';
import { salesDuring } from '../orders';
import { priceChangesOfShow } from '../shelf';
import type { ShelfReader } from '../shelf';
import { airIntervals } from './airtime';
import type { CueStore } from './cue-store';
import { citiesOf, perMinute, productName, showFigures } from './show-figures';

/**
 * The post-show report: the ledger's figures for the show, plus the on-air log joined with the
 * order lines (sales while each product was on air, per minute of its airtime, and per presenter).
 */
export function buildReport(
  db: Database.Database,
  shelf: ShelfReader,
  store: CueStore,
  showId: number,
  now = Date.now(),
): Report | undefined {
  const show = shelf.getShow(showId);
  if (!show) return undefined;
  const figures = showFigures(db, shelf, showId, now);
  const entries = store.allEntries(showId);
  const ended = entries.filter((e) => e.action === 'end').at(-1)?.at ?? null;
  const intervals = airIntervals(entries, ended !== null && show.onAirSlotId === null ? ended : now);
  const sales = salesDuring(db, showId, intervals);

  const air = new Map<number, AirTally>();
  const presenters = new Map<string, AirTally>();
  intervals.forEach((iv, i) => {
    const s = sales[i]!;
    addTo(air, iv.productId, iv.end - iv.start, s);
    addTo(presenters, iv.presenter, iv.end - iv.start, s);
  });
  const name = (id: number) => productName(shelf.getProduct(id), id);
  const airtime: AirtimeRow[] = [...air]
    .map(([productId, t]) => {
      const minutes = t.airtimeMs / 60_000;
      return {
        productId,
        name: name(productId),
        airtimeMs: t.airtimeMs,
        unitsOnAir: t.units,
        gmvOnAirFen: t.gmvFen,
        gmvPerAirMinuteFen: minutes > 0 ? Math.round(t.gmvFen / minutes) : null,
        unitsPerAirMinute: minutes > 0 ? Math.round((t.units / minutes) * 100) / 100 : null,
      };
    })
    .sort((a, b) => (b.gmvPerAirMinuteFen ?? 0) - (a.gmvPerAirMinuteFen ?? 0) || a.productId - b.productId);

  return {
    showId,
    title: show.title,
    showDate: show.showDate,
    generatedAt: now,
    startedAt: entries.find((e) => e.action === 'on_air')?.at ?? null,
    endedAt: ended,
    totals: figures.totals,
    byProduct: figures.byProduct.map((p) => {
      const product = shelf.getProduct(p.productId);
      return {
        ...p,
        name: productName(product, p.productId),
        city: product?.originCity ?? '',
        county: product?.originCounty ?? '',
      };
    }),
    byCounty: figures.byCounty,
    byCity: citiesOf(figures.byCounty),
    byPlatform: figures.byPlatform,
    byPresenter: [...presenters]
      .map(([presenter, t]) => ({ presenter, airtimeMs: t.airtimeMs, units: t.units, gmvFen: t.gmvFen }))
      .sort((a, b) => b.gmvFen - a.gmvFen || a.presenter.localeCompare(b.presenter)),
    airtime,
    perMinute: perMinute(db, showId),
    cues: entries.filter((e) => e.action === 'go').length,
    priceChanges: priceChangesOfShow(db, showId, priceWindows(show.showDate, entries[0]?.at, ended ?? now)),
  };
}

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

/**
 * The price changes a report lists: those of the show's day (Beijing time), and those of its
 * console session (from the first log entry, usually choosing the show, to the end or now), which
 * may run past midnight or start the day before.
 */
export function priceWindows(
  showDate: string,
  firstAt: number | undefined,
  lastAt: number,
): [number, number][] {
  const [y, m, d] = showDate.split('-').map(Number);
  const dayStart = Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN) - BEIJING_MS;
  const windows: [number, number][] = [];
  if (Number.isFinite(dayStart)) windows.push([dayStart, dayStart + DAY_MS]);
  if (firstAt !== undefined) windows.push([firstAt, lastAt + 1]);
  return windows;
}

interface AirTally {
  airtimeMs: number;
  units: number;
  gmvFen: number;
}

function addTo<K>(map: Map<K, AirTally>, key: K, ms: number, s: { units: number; gmvFen: number }): void {
  const t = map.get(key) ?? { airtimeMs: 0, units: 0, gmvFen: 0 };
  t.airtimeMs += ms;
  t.units += s.units;
  t.gmvFen += s.gmvFen;
  map.set(key, t);
}
