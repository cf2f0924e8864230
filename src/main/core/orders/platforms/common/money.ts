/**
 * JD and Taobao send money as yuan decimal strings ("19.90"). Converted to integer fen with string
 * arithmetic only: a float never touches a money value (0.1 + 0.2 !== 0.3).
 */
const YUAN = /^(-?)(\d+)(?:\.(\d+))?$/;

export class MoneyFormatError extends Error {
  constructor(readonly value: string) {
    super(`not a yuan amount: ${JSON.stringify(value)}`);
    this.name = 'MoneyFormatError';
  }
}

/** "19.90" → 1990. Accepts more than two decimals only when the extra digits are zeros. */
export function yuanToFen(value: string): number {
  const m = YUAN.exec(value.trim());
  if (!m) throw new MoneyFormatError(value);
  const [, sign, whole, fraction = ''] = m;
  if (fraction.length > 2 && /[^0]/.test(fraction.slice(2))) throw new MoneyFormatError(value);
  const cents = Number(fraction.slice(0, 2).padEnd(2, '0'));
  let n: number;
  if (whole!.length <= 13) {
    // Integer arithmetic below 2^53 is exact in a double: no fraction is ever represented.
    n = Number(whole) * 100 + cents;
  } else {
    const fen = BigInt(whole!) * 100n + BigInt(cents);
    if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyFormatError(value);
    n = Number(fen);
  }
  return sign === '-' && n !== 0 ? -n : n;
}

/** 1990 → "19.90" (what the platforms send). */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = String(Math.abs(fen)).padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}
