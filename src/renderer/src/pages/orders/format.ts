/** Money in fen → a currency string in the UI language (yuan, two decimals). */
export function formatFen(fen: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}

/** A UTC ms time as local wall-clock time (seconds shown: the feed moves fast). */
export function formatTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    ms,
  );
}
