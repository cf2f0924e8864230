import { describe, expect, it } from 'vitest';
import { formatFen, parseCartLink, parseCount, parseMoneyToFen } from './money';

describe('money in fen', () => {
  it.each([
    ['39.9', 3990],
    ['¥39.90', 3990],
    ['￥39.9', 3990],
    ['39.9元', 3990],
    ['３９.９', 3990],
    ['３９．９０', 3990],
    ['1,299.00', 129900],
    ['１，２９９', 129900],
    [' 0.01 ', 1],
    ['RMB 12', 1200],
    ['12.', 1200],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floats
    ['1.13', 113], // and this one 112.99999999999999
    ['90071992547409.91', 9007199254740991],
  ])('%s → %i fen', (text, fen) => expect(parseMoneyToFen(text)).toBe(fen));

  it.each(['', '-5', '39.999', '面议', '1,29', '12,34.5', '¥', '3e2', '90071992547409.92'])(
    'refuses %j',
    (text) => expect(parseMoneyToFen(text)).toBeNull(),
  );

  it('formats fen back to yuan text that parses to the same fen', () => {
    for (const fen of [0, 1, 29, 113, 3990, 129900]) expect(parseMoneyToFen(formatFen(fen))).toBe(fen);
    expect(formatFen(3990)).toBe('39.90');
  });

  it('reads counts and cart link numbers as operators write them', () => {
    expect(parseCount('１，２００')).toBe(1200);
    expect(parseCount('-1')).toBeNull();
    expect(parseCartLink('3号链接')).toBe(3);
    expect(parseCartLink('#12')).toBe(12);
    expect(parseCartLink('３号')).toBe(3);
    expect(parseCartLink('0')).toBeNull();
    expect(parseCartLink('三号')).toBeNull();
  });
});
