import type { Report } from '@shared/api/domains/showday';
import { resources, type Language } from '@shared/i18n/resources';
import { beijingClock as sharedClock } from '@shared/time/beijing';

type ReportKey = keyof (typeof resources)['zh-CN']['showday']['report'];

/** The report's headings in a UI language, from the same locale files the UI uses. */
export function reportText(language: Language): (key: ReportKey) => string {
  const table = resources[language].showday.report as Record<ReportKey, string>;
  return (key) => table[key];
}

/** Integer fen as yuan with two decimals: 12345 → `123.45`. */
export const yuan = (fen: number): string => {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** Minutes of airtime with one decimal. */
export const airMinutes = (ms: number): string => (ms / 60_000).toFixed(1);

/** `HH:MM` of a UTC ms time in Beijing time (shows are run in studio local time, UTC+8). */
export const beijingClock = (ms: number): string => sharedClock(ms);

type FigKey = keyof (typeof resources)['zh-CN']['showday']['figures2'];

/** The report's added words (window, pages, sections) in a UI language, with `{{name}}` filled in. */
export function figuresText(
  language: Language,
): (key: FigKey, params?: Record<string, string | number>) => string {
  const table = resources[language].showday.figures2 as Record<FigKey, string>;
  return (key, params = {}) =>
    table[key].replace(/\{\{(\w+)\}\}/g, (m, name: string) => String(params[name] ?? m));
}

/** A platform's name in a UI language (`kuaishou` → 快手). */
export function platformName(language: Language, platform: string): string {
  const names = resources[language].showday.platform as Record<string, string>;
  return names[platform] ?? platform;
}

/** The report's price changes as a table in a UI language: heading, header and rows (prices in yuan). */
export function priceChangeTable(
  r: Pick<Report, 'priceChanges'>,
  language: Language,
): { title: string; header: string[]; rows: string[][] } {
  const g = resources[language].showday.priceGuard;
  const reason = resources[language].shelf.priceGuard.reason as Record<string, string>;
  const fields = g.fields as Record<string, string>;
  const sources = g.sources as Record<string, string>;
  const price = (fen: number | null) => (fen === null ? '—' : yuan(fen));
  return {
    title: g.reportTitle,
    header: [g.at, g.product, g.field, g.old, g.new, g.source, g.actor, g.flags],
    rows: r.priceChanges.map((c) => [
      new Date(c.at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '),
      c.productName,
      fields[c.field] ?? c.field,
      price(c.oldFen),
      price(c.newFen),
      sources[c.source] ?? c.source,
      c.actor,
      [...c.reasons.map((x) => reason[x] ?? x), ...(c.confirmed ? [g.confirmed] : [])].join('; '),
    ]),
  };
}
