import { describe, expect, it } from 'vitest';
import { fenToYuan, MoneyFormatError, yuanToFen } from './money';

describe('yuanToFen', () => {
  it.each([
    ['0.1', 10],
    ['19.90', 1990],
    ['19.9', 1990],
    ['1299', 129900],
    ['0.01', 1],
    ['0.00', 0],
    ['10.20', 1020],
    ['0.29', 29], // 0.29 * 100 = 28.999999999999996 in floating point
    ['1.005', undefined],
    ['19.900', 1990],
    ['-5.50', -550],
    ['90071992547409.91', 9007199254740991],
    ['12345678901.23', 1234567890123],
  ])('%s yuan → %s fen', (yuan, fen) => {
    if (fen === undefined) expect(() => yuanToFen(yuan)).toThrow(MoneyFormatError);
    else expect(yuanToFen(yuan)).toBe(fen);
  });

  it.each(['', '1e3', '12.3.4', '¥12', 'abc', '.5', '90071992547409.92', ' '])('rejects %j', (bad) => {
    expect(() => yuanToFen(bad)).toThrow(MoneyFormatError);
  });

  it('round-trips through fenToYuan', () => {
    for (const fen of [0, 1, 10, 99, 100, 1990, 129900, 9007199254740991, -550]) {
      expect(yuanToFen(fenToYuan(fen))).toBe(fen);
    }
    expect(fenToYuan(1)).toBe('0.01');
    expect(fenToYuan(1990)).toBe('19.90');
    expect(fenToYuan(-5)).toBe('-0.05');
  });
});
