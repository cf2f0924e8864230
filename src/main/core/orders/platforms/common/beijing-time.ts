import { BEIJING_OFFSET_MS, beijingStartOfDay } from '@shared/time/beijing';

/**
 * JD and Taobao times are `yyyy-MM-dd HH:mm:ss` wall-clock time in Beijing (UTC+8, no daylight
 * saving), second precision. Converted once at the edge to UTC ms.
 */
const PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export class TimeFormatError extends Error {
  constructor(readonly value: string) {
    super(`not a Beijing time (yyyy-MM-dd HH:mm:ss): ${JSON.stringify(value)}`);
    this.name = 'TimeFormatError';
  }
}

/** "2026-11-21 20:00:00" (Beijing) → 1763726400000 (UTC ms). */
export function parseBeijingTime(value: string): number {
  const m = PATTERN.exec(value);
  if (!m) throw new TimeFormatError(value);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  // Range checks instead of letting Date.UTC roll Feb 30 over into March.
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59)
    throw new TimeFormatError(value);
  return Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** UTC ms → "yyyy-MM-dd HH:mm:ss" in Beijing; milliseconds are truncated (floor to the second). */
export function formatBeijingTime(utcMs: number): string {
  const t = new Date(Math.floor(utcMs / 1000) * 1000 + BEIJING_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${p(t.getUTCFullYear(), 4)}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ` +
    `${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`
  );
}

/** The second a UTC ms instant falls in, as the platforms report it (floor). */
export const toWholeSecond = (utcMs: number): number => Math.floor(utcMs / 1000) * 1000;

/** Splits [from, to) at Beijing midnights into same-day segments (none empty). */
export function splitAtBeijingMidnight(from: number, to: number): { from: number; to: number }[] {
  if (to <= from) return [{ from, to: from + 1 }];
  const out: { from: number; to: number }[] = [];
  for (let start = from; start < to;) {
    const end = Math.min(to, beijingStartOfDay(start) + DAY_MS);
    out.push({ from: start, to: end });
    start = end;
  }
  return out;
}

const DAY_MS = 24 * 3600_000;
