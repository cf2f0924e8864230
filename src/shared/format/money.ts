// Pure: the one money formatter of the core (PDF, XLSX) and the UI (dashboard, big screen, report).
/**
 * Money is integer fen everywhere; these turn it into the text people read: `¥1,366,156.20`, and on
 * the big screen in Chinese `¥136.62万` / `¥1.37亿`. No floats are formed for the exact variants.
 */

/** Digits grouped by three with commas: `1234567` → `1,234,567`. */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  const s = String(Math.trunc(Math.abs(n)));
  return sign + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A count with separators: `12345` → `12,345`. */
export const formatCount = (n: number): string => groupDigits(n);

/** Fen as yuan with separators and two decimals, no symbol: `136615620` → `1,366,156.20`. */
export function formatYuanPlain(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${groupDigits(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen as `¥1,366,156.20` (a negative sum as `-¥12.00`). */
export function formatYuan(fen: number): string {
  const plain = formatYuanPlain(fen);
  return plain.startsWith('-') ? `-¥${plain.slice(1)}` : `¥${plain}`;
}

/**
 * Fen for a figure read across a room. In Chinese, sums from ¥10,000 up are written in 万 (10⁴) and
 * from ¥100,000,000 in 亿 (10⁸) with two decimals (rounded half up on whole fen): `¥136.62万`.
 * Other languages get the exact amount with separators (they have no 万), without the fen from
 * ¥10,000 up, where two more digits only make the figure harder to read.
 */
export function formatYuanCompact(fen: number, language: string): string {
  const abs = Math.abs(Math.trunc(fen));
  const sign = fen < 0 ? '-' : '';
  if (language.startsWith('zh')) {
    const unit = abs >= 10_000_000_000 ? { div: 10_000_000_000, word: '亿' } : { div: 1_000_000, word: '万' };
    if (abs >= 1_000_000) {
      // Hundredths of the unit, rounded half up in integers: fen / (div / 100).
      const step = unit.div / 100;
      const hundredths = Math.floor((abs + step / 2) / step);
      return `${sign}¥${groupDigits(Math.floor(hundredths / 100))}.${String(hundredths % 100).padStart(2, '0')}${unit.word}`;
    }
    return `${sign}${formatYuan(abs)}`;
  }
  if (abs >= 1_000_000) return `${sign}¥${groupDigits(Math.floor((abs + 50) / 100))}`;
  return `${sign}${formatYuan(abs)}`;
}

/** Fen as yuan text with two decimals, `3990` → `39.90`, `-5` → `-0.05`: files, messages, edit fields. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
