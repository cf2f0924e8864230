const DAY_MS = 24 * 3600_000;
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Start of the Beijing calendar day containing `utcMs`, as UTC ms. */
export function beijingDayStart(utcMs: number): number {
  return Math.floor((utcMs + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
}

/** Splits [from, to) at Beijing midnights into same-day segments (none empty). */
export function splitAtBeijingMidnight(from: number, to: number): { from: number; to: number }[] {
  if (to <= from) return [{ from, to: from + 1 }];
  const out: { from: number; to: number }[] = [];
  for (let start = from; start < to;) {
    const end = Math.min(to, beijingDayStart(start) + DAY_MS);
    out.push({ from: start, to: end });
    start = end;
  }
  return out;
}
