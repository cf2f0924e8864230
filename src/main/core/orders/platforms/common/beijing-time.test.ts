import { describe, expect, it } from 'vitest';
import { formatBeijingTime, parseBeijingTime, TimeFormatError } from './beijing-time';

describe('Beijing time', () => {
  it('parses wall-clock UTC+8 into UTC ms', () => {
    expect(parseBeijingTime('2026-11-21 20:00:00')).toBe(Date.parse('2026-11-21T12:00:00Z'));
    expect(parseBeijingTime('1970-01-01 08:00:00')).toBe(0);
    // Crosses the date line: 02:30 Beijing on Jan 1 is the previous day in UTC.
    expect(parseBeijingTime('2027-01-01 02:30:15')).toBe(Date.parse('2026-12-31T18:30:15Z'));
  });

  it('formats UTC ms as Beijing wall-clock time, dropping milliseconds', () => {
    expect(formatBeijingTime(Date.parse('2026-11-21T12:00:00Z'))).toBe('2026-11-21 20:00:00');
    expect(formatBeijingTime(Date.parse('2026-12-31T18:30:15.999Z'))).toBe('2027-01-01 02:30:15');
  });

  it.each(['2026-02-30 00:00:00', '2026-11-21T20:00:00', '2026-11-21 20:00', '2026-11-21 24:00:00', ''])(
    'rejects %j',
    (bad) => expect(() => parseBeijingTime(bad)).toThrow(TimeFormatError),
  );
});
