import { describe, expect, it } from 'vitest';
import {
  beijingClock,
  beijingDate,
  beijingDateTime,
  beijingStartOfDay,
  beijingText,
  fromBeijingInput,
  toBeijingInput,
} from './beijing';

describe('Beijing time', () => {
  // 2026-11-21 17:30 UTC is 2026-11-22 01:30 in Beijing: the UTC date is a day behind.
  const T = Date.UTC(2026, 10, 21, 17, 30);

  it('dates and days follow Beijing, not UTC', () => {
    expect(beijingDate(T)).toBe('2026-11-22');
    expect(new Date(T).toISOString().slice(0, 10)).toBe('2026-11-21');
    expect(beijingStartOfDay(T)).toBe(Date.UTC(2026, 10, 21, 16));
    expect(beijingStartOfDay(Date.UTC(2026, 10, 21, 16))).toBe(Date.UTC(2026, 10, 21, 16));
  });

  it('datetime-local values round-trip in Beijing time and bad ones are refused', () => {
    expect(toBeijingInput(T)).toBe('2026-11-22T01:30');
    expect(fromBeijingInput('2026-11-22T01:30')).toBe(T);
    expect(fromBeijingInput('2026-11-22T01:30:15')).toBe(T + 15_000);
    expect(beijingText(T)).toBe('2026-11-22 01:30');
    expect(beijingDateTime(T + 9_000)).toBe('2026-11-22 01:30:09');
    for (const bad of ['', '2026-11-22', '2026-02-30T10:00', '2026-11-22T25:00', 'now']) {
      expect(fromBeijingInput(bad)).toBeNull();
    }
  });

  it('clocks read in Beijing 24-hour time, whatever the locale or zone', () => {
    expect(beijingClock(T)).toBe('01:30');
    expect(beijingClock(T + 14 * 3_600_000 + 5_000, true)).toBe('15:30:05');
  });
});
