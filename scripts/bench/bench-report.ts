/** Shared output of every `npm run bench:*` script: human lines first, one JSON object as the last line. */
export function percentile(sortedOrUnsorted: readonly number[], p: number): number {
  const xs = [...sortedOrUnsorted].sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const i = Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1));
  return xs[i]!;
}

export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

export function printBenchResult(result: { bench: string } & Record<string, unknown>): void {
  console.log(JSON.stringify(result));
}
