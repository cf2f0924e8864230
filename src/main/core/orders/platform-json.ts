/**
 * Lossless JSON for platform responses: integers too long for a double (order ids of 19 digits,
 * above 2^53) come back as strings with every digit intact; everything else is plain JSON.parse.
 *
 * How: before parsing, every bare integer literal of 16 or more digits outside a string is
 * wrapped in quotes; native JSON.parse then does the work. The scan jumps over string literals
 * with indexOf (no per-character work inside strings, where most of an order's text is), so it
 * adds about a third to JSON.parse (a regex with a callback per string literal added threefold;
 * lossless-json's parser is slower still). Malformed text is left for JSON.parse to reject.
 *
 * `keepSourceOf` names list fields (e.g. `orderList`) whose elements' source text is wanted: the
 * same scan notes where each element of the first such list starts and ends, and `sourceOf(order)`
 * then gives that order's JSON exactly as the platform sent it, without serializing it again.
 */
export function parsePlatformJson(text: string, keepSourceOf: readonly string[] = []): unknown {
  const lists = new Map<string, [number, number][]>();
  const value: unknown = JSON.parse(quoteBigIntegers(text, keepSourceOf, lists));
  if (lists.size > 0) rememberSources(value, text, lists);
  return value;
}

const sources = new WeakMap<object, string>();

/** The source text of an element of a `keepSourceOf` list, as received; undefined otherwise. */
export function sourceOf(element: unknown): string | undefined {
  return typeof element === 'object' && element !== null ? sources.get(element) : undefined;
}

/** Finds each captured list in the parsed value (breadth first: lists sit near the top). */
function rememberSources(value: unknown, text: string, lists: Map<string, [number, number][]>): void {
  const queue: unknown[] = [value];
  const wanted = new Map(lists);
  for (let at = 0; at < queue.length && at < 10_000 && wanted.size > 0; at++) {
    const node = queue[at];
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    for (const [key, child] of Object.entries(node)) {
      const spans = wanted.get(key);
      if (spans && Array.isArray(child)) {
        wanted.delete(key);
        if (spans.length === child.length)
          child.forEach((el: unknown, i) => {
            if (typeof el === 'object' && el !== null)
              sources.set(el, text.slice(spans[i]![0], spans[i]![1]));
          });
      } else if (typeof child === 'object' && child !== null && !Array.isArray(child)) queue.push(child);
    }
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const DOT = 46;
const COMMA = 44;
const COLON = 58;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * The text with each integer literal of 16+ digits (outside strings) in quotes; spans of the
 * elements of the first list under each key in `keys` go into `lists`.
 */
function quoteBigIntegers(
  text: string,
  keys: readonly string[],
  lists: Map<string, [number, number][]>,
): string {
  const n = text.length;
  let out = '';
  let copied = 0;
  let i = 0;
  // The list being captured: its key, bracket depth inside it, where the current element began.
  let capture: { key: string; depth: number; from: number; spans: [number, number][] } | null = null;
  let lastEnd = 0;
  const closeElement = () => {
    if (capture && capture.from !== -1) capture.spans.push([capture.from, lastEnd]);
    if (capture) capture.from = -1;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (capture?.depth === 1 && capture.from === -1 && !isSpace(c) && c !== COMMA && c !== 93)
      capture.from = i;
    if (c === QUOTE) {
      const close = stringEnd(text, i + 1);
      if (!capture && keys.length > 0) {
        const key = keys.find(
          (k) => !lists.has(k) && close - i - 1 === k.length && text.startsWith(k, i + 1),
        );
        let j = close + 1;
        while (key && j < n && isSpace(text.charCodeAt(j))) j++;
        if (key && text.charCodeAt(j) === COLON) {
          j++;
          while (j < n && isSpace(text.charCodeAt(j))) j++;
          if (text.charCodeAt(j) === 91) {
            capture = { key, depth: 1, from: -1, spans: [] };
            lists.set(key, capture.spans);
            lastEnd = j + 1;
            i = j + 1;
            continue;
          }
        }
      }
      i = close + 1;
      lastEnd = i;
      continue;
    }
    if (c !== MINUS && !isDigit(c)) {
      if (capture) {
        if (c === 91 || c === 123) capture.depth++;
        else if (c === 93 || c === 125) {
          capture.depth--;
          if (capture.depth === 0) {
            closeElement();
            capture = null;
          }
        } else if (c === COMMA && capture.depth === 1) closeElement();
      }
      i++;
      if (!isSpace(c) && c !== COMMA) lastEnd = i;
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
    lastEnd = i;
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
