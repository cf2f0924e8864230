/** Beijing time (UTC+8, no DST) as `yyyy-MM-dd HH:mm:ss`. */
export function beijingDateTime(utcMs: number): string {
  return new Date(utcMs + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Epoch seconds → UTC ms. Douyin times are whole seconds. */
export const secondsToMs = (s: number): number => s * 1000;
