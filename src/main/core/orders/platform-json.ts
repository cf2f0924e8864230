/**
 * Lossless JSON for platform responses: integers too long for a double (order ids of 19 digits,
 * above 2^53) come back as strings with every digit intact; everything else is plain JSON.parse.
 *
 * How: before parsing, every bare integer literal of 16 or more digits outside a string is
 * wrapped in quotes; native JSON.parse then does the work. The scan jumps over string literals
 * with indexOf (no per-character work inside strings, where most of an order's text is), so it
 * adds about a third to JSON.parse (a regex with a callback per string literal added threefold;
 * lossless-json's parser is slower still). Malformed text is left for JSON.parse to reject.
 */
export function parsePlatformJson(text: string): unknown {
  return JSON.parse(quoteBigIntegers(text));
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const DOT = 46;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The text with each integer literal of 16+ digits (outside strings) in quotes. */
function quoteBigIntegers(text: string): string {
  const n = text.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i + 1) + 1;
      continue;
    }
    if (c !== MINUS && !isDigit(c)) {
      i++;
      continue;
    }
    // A number token: -?digits(.digits)?([eE][+-]?digits)?
    const start = i;
    if (c === MINUS) i++;
    const digitsFrom = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    const digits = i - digitsFrom;
    let integer = true;
    if (i < n && text.charCodeAt(i) === DOT) {
      integer = false;
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    if (i < n && (text.charCodeAt(i) | 32) === 101) {
      integer = false;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === MINUS) i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    if (integer && digits >= 16) {
      out += `${text.slice(copied, start)}"${text.slice(start, i)}"`;
      copied = i;
    }
    if (i === start) i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Index of the quote closing the string literal whose content starts at `from` (n if none). */
function stringEnd(text: string, from: number): number {
  let q = text.indexOf('"', from);
  while (q !== -1) {
    let backslashes = 0;
    for (let k = q - 1; k >= from && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return text.length;
}

/** Reads an id field that may arrive as a number (small) or a string (large, or quoted by the platform). */
export function idString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  throw new TypeError(`not an id: ${String(value)}`);
}

/**
 * Serializes with ids kept as JSON numbers when they are digit strings marked by `bigIds`, the
 * way the platforms send them. Used by the simulators to produce protocol-faithful bodies.
 */
export function stringifyWithBigIds(value: unknown, bigIds: ReadonlySet<string>): string {
  return JSON.stringify(value, (key, v: unknown) =>
    typeof v === 'string' && bigIds.has(key) && /^(0|[1-9]\d*)$/.test(v) ? `\u0000${v}\u0000` : v,
  ).replace(/"\\u0000(\d+)\\u0000"/g, '$1');
}
