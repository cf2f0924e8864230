import { describe, expect, it } from 'vitest';
import { beijingClock, onAirTimer } from './on-air-clock';

describe('on-air clock', () => {
  it('shows Beijing time whatever the machine zone, and the timer against the planned duration', () => {
    // 2026-11-22 12:00:05 UTC is 20:00:05 in Beijing.
    expect(beijingClock(Date.UTC(2026, 10, 22, 12, 0, 5))).toBe('20:00:05');
    expect(beijingClock(Date.UTC(2026, 10, 22, 16, 30, 0))).toBe('00:30:00');
    const go = Date.UTC(2026, 10, 22, 12, 0, 0);
    expect(onAirTimer(go, go + 95_000, 300)).toEqual({ elapsed: '1:35', planned: '5:00', over: false });
    expect(onAirTimer(go, go + 301_000, 300)).toEqual({ elapsed: '5:01', planned: '5:00', over: true });
    expect(onAirTimer(go, go - 1_000, 0)).toEqual({ elapsed: '0:00', planned: '0:00', over: false });
  });
});
