import { describe, expect, it } from 'vitest';
import { formatCount, formatFen, formatYuan, formatYuanCompact, formatYuanPlain, groupDigits } from './money';
import { formatFen as viaShelfMoney } from '../api/domains/shelf-money';

describe('money formatter', () => {
  it('groups digits by three and keeps fen exact', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1000)).toBe('1,000');
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(formatCount(-12345)).toBe('-12,345');
    expect(formatYuanPlain(7993600)).toBe('79,936.00');
    expect(formatYuan(136615620)).toBe('¥1,366,156.20');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-1200)).toBe('-¥12.00');
    // Beyond 2^53 / 100 yuan no float rounding creeps in below that: the largest safe fen.
    expect(formatYuan(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91');
  });

  it('writes large Chinese sums in 万 and 亿, others exactly with separators', () => {
    expect(formatYuanCompact(999_999, 'zh-CN')).toBe('¥9,999.99');
    expect(formatYuanCompact(1_000_000, 'zh-CN')).toBe('¥1.00万');
    expect(formatYuanCompact(136_615_620, 'zh-CN')).toBe('¥136.62万');
    expect(formatYuanCompact(136_614_999, 'zh-CN')).toBe('¥136.61万');
    expect(formatYuanCompact(136_615_000, 'zh-CN')).toBe('¥136.62万');
    expect(formatYuanCompact(12_345_678_900, 'zh-CN')).toBe('¥1.23亿');
    expect(formatYuanCompact(136_615_620, 'en')).toBe('¥1,366,156');
    expect(formatYuanCompact(136_615_650, 'ug')).toBe('¥1,366,157');
    expect(formatYuanCompact(799_360, 'en')).toBe('¥7,993.60');
  });
});

describe('fen as yuan', () => {
  it('writes two decimals without a float', () => {
    expect(formatFen(3990)).toBe('39.90');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(10_000_000_000)).toBe('100000000.00');
  });

  it('writes a refund or a negative difference with its sign in front', () => {
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(-3990)).toBe('-39.90');
  });

  it('is the one the shelf re-exports', () => {
    expect(viaShelfMoney).toBe(formatFen);
  });
});
