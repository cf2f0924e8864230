import type { CellValue } from './read-table';

/** A value read from a cell, or the reason it cannot be (a `shelf:importRules.issue.*` code). */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string; value: string };

const fail = (reason: string, value: string): Read<never> => ({ ok: false, reason, value });

/** Only ASCII white space, tabs, line breaks and the ideographic space U+3000 are trimmed. */
export const trimText = (s: string): string => s.replace(/^[\t\n\v\f\r \u3000]+|[\t\n\v\f\r \u3000]+$/g, '');

/**
 * A price in integer fen. Text: NFKC, trimmed; `¥` (full-width `￥` too) then optional spaces;
 * optional spaces then `元`; thousands separators only in groups of three; at most two decimals
 * (never rounded). A number cell (XLSX) counts by value when x*100 is within 1e-6 of an integer,
 * so a cached 9.899999999999999 is 990 fen. Errors: bad_price, negative_price.
 */
export function readMoney(text: string, value: CellValue | undefined): Read<number> {
  if (value !== undefined && typeof value === 'object') return fail('bad_price', value.error);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('bad_price', text);
    const fen = Math.round(value * 100);
    if (Math.abs(value * 100 - fen) > 1e-6) return fail('bad_price', text);
    if (fen < 0) return fail('negative_price', text);
    return Number.isSafeInteger(fen) ? { ok: true, value: fen } : fail('bad_price', text);
  }
  const s = trimText(text).normalize('NFKC').trim();
  const m = /^(-)?\s*(?:¥\s*)?(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*元)?$/.exec(s);
  if (!m) return fail('bad_price', text);
  const [, minusBefore, minusAfter, whole, decimals = ''] = m;
  if (decimals.length > 2) return fail('bad_price', text);
  const fen = Number(whole!.replace(/,/g, '')) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return fail('bad_price', text);
  if ((minusBefore || minusAfter) && fen > 0) return fail('negative_price', text);
  return { ok: true, value: fen };
}

/**
 * Stock: a non-negative whole number in digits after NFKC (`１２０` is 120; thousands groups of
 * three allowed); a number cell by value (`200` formatted as `200件` is 200). `十`, `-5`, `12.5`
 * are bad_stock.
 */
export function readStock(text: string, value: CellValue | undefined): Read<number> {
  if (value !== undefined && typeof value === 'object') return fail('bad_stock', value.error);
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? { ok: true, value } : fail('bad_stock', text);
  const s = trimText(text).normalize('NFKC').trim();
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)$/.test(s)) return fail('bad_stock', text);
  const n = Number(s.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? { ok: true, value: n } : fail('bad_stock', text);
}
