import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('reconnect backoff', () => {
  const opts = { baseMs: 250, capMs: 1500 };

  it('grows exponentially up to the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, opts, () => 1);
    expect([1, 2, 3, 4, 5, 10].map(top)).toEqual([250, 500, 1000, 1500, 1500, 1500]);
  });

  it('jitters between half and all of the delay', () => {
    expect(backoffDelay(3, opts, () => 0)).toBe(500);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(750);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, opts)));
    expect(spread.size).toBeGreaterThan(10);
    for (const d of spread) expect(d >= 750 && d <= 1500).toBe(true);
  });
});
