// Pure: used by the core (import, export) and by the operator UI (edit form, display).
/**
 * Reads a price the way Chinese spreadsheets write it — `39.9`, `¥39.90`, `￥39.9`, `39.9元`,
 * `３９.９` (full-width), `1,299.00` — into integer fen without ever making a float.
 * Returns null for anything else (negative, three decimals, words).
 */
export function parseMoneyToFen(raw: string): number | null {
  let s = raw.normalize('NFKC').replace(/\s+/g, '');
  s = s.replace(/^(?:rmb|cny)/i, '').replace(/^[¥$]/, '');
  s = s.replace(/(?:元|rmb|cny)$/i, '');
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(s)) s = s.replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Fen as yuan text: one formatter for the core and the UI, in src/shared/format/money.ts. */
export { formatFen } from '../../format/money';

/** A whole number as spreadsheets write it (`１,200`, `1200`); null otherwise. */
export function parseCount(raw: string): number | null {
  const s = raw.normalize('NFKC').replace(/[\s,]/g, '');
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Cart link numbers as operators write them: `3`, `3号`, `3号链接`, `#3`, `３号链接`. */
export function parseCartLink(raw: string): number | null {
  const m = /^#?(\d+)(?:号(?:链接)?)?$/.exec(raw.normalize('NFKC').replace(/\s+/g, ''));
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 && n <= 100_000 ? n : null;
}
