/**
 * Beijing time (UTC+8, no daylight saving): the studio's calendar. Shows are dated, windows are
 * edited and sync start points are chosen in it, whatever the computer's own time zone.
 */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Beijing calendar date of a UTC ms time, `YYYY-MM-DD`. */
export const beijingDate = (utcMs: number): string =>
  new Date(utcMs + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** UTC ms of 00:00 Beijing time on the day that holds `utcMs`. */
export const beijingStartOfDay = (utcMs: number): number =>
  Math.floor((utcMs + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;

/** A UTC ms time as a `datetime-local` value in Beijing time, `YYYY-MM-DDTHH:mm`. */
export const toBeijingInput = (utcMs: number): string =>
  new Date(utcMs + BEIJING_OFFSET_MS).toISOString().slice(0, 16);

/** A `datetime-local` value (`YYYY-MM-DDTHH:mm`, seconds optional) read as Beijing time; null if it is not one. */
export function fromBeijingInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls over (02-30 → 03-02): a value that does not read back is not a real time.
  if (toBeijingInput(ms - BEIJING_OFFSET_MS).slice(0, 16) !== value.trim().slice(0, 16)) return null;
  return ms - BEIJING_OFFSET_MS;
}

/** A UTC ms time as Beijing `YYYY-MM-DD HH:mm` for display. */
export const beijingText = (utcMs: number): string => toBeijingInput(utcMs).replace('T', ' ');

/**
 * A UTC ms time as a Beijing 24-hour clock, `HH:mm` (or `HH:mm:ss`), whatever the browser's locale
 * or the computer's time zone: the one time formatter of the figures, the big screen and the report.
 * The UI's language says "Beijing time" around it (figures2.beijingTime).
 */
export const beijingClock = (utcMs: number, seconds = false): string =>
  new Date(utcMs + BEIJING_OFFSET_MS).toISOString().slice(11, seconds ? 19 : 16);

/** A UTC ms time as Beijing `YYYY-MM-DD HH:mm:ss`: the platforms' order times, the report's log. */
export const beijingDateTime = (utcMs: number): string =>
  new Date(utcMs + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
