export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}

/** A UTC ms time as local wall-clock time (seconds shown: the feed moves fast). */
export function formatTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    ms,
  );
}
