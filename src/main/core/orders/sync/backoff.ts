/**
 * Exponential backoff with full jitter: attempt 1 waits up to base, attempt n up to
 * base·2^(n−1), never more than max. A platform's Retry-After, when given, is a floor.
 */
export function backoffDelay(
  attempt: number,
  opts: { baseMs?: number; maxMs?: number; floorMs?: number } = {},
  random: () => number = Math.random,
): number {
  const base = opts.baseMs ?? 500;
  const max = opts.maxMs ?? 60_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.round(Math.max(opts.floorMs ?? 0, jittered));
}
