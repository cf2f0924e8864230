import { describe, expect, it } from 'vitest';
import { formatFen as viaShelfMoney } from '../api/domains/shelf-money';
import { formatFen, formatMoney } from './money';

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

  it('writes money in the UI language', () => {
    expect(formatMoney(3990, 'zh-CN')).toBe('¥39.90');
    expect(formatMoney(3990, 'en')).toMatch(/39\.90/);
    expect(formatMoney(-3990, 'zh-CN')).toBe('-¥39.90');
  });
});
