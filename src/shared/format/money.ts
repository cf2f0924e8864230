// Pure: the one place fen become yuan text, for the core (exports, messages) and the operator UI.

/** Fen as yuan text with two decimals, `3990` → `39.90`, `-5` → `-0.05`: files, messages, edit fields. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen as money in the UI language (the yuan sign as that language writes it, two decimals). */
export function formatMoney(fen: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}
