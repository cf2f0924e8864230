import { describe, expect, it } from 'vitest';
import { readBoothState, readEventMessage } from './event-message';

const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
const line = {
  platform: 'douyin',
  shopId: 'dy-1',
  orderId: '6920000000000000001',
  lineId: '1',
  status: 'paid',
  refundState: 'none',
  itemId: 'i',
  skuId: 's',
  outerSku: 'GS-0001',
  title: '静宁苹果',
  quantity: 2,
  paidFen: 7980,
  createdAt: 1,
  paidAt: null,
  updatedAt: 2,
  raw: '{}',
};

describe('readEventMessage', () => {
  it('takes what a booth publishes, an empty version included', () => {
    expect(readEventMessage(bytes({ b: 'b1', at: 5, lines: [line] }), 'b1')).toMatchObject({ ok: true });
    expect(readEventMessage(bytes({ b: 'b1', at: 5, lines: [] }), 'b1')).toMatchObject({ ok: true });
  });

  it('refuses, saying why: not JSON, another booth on this subject, and each malformed field', () => {
    const problem = (v: unknown, booth = 'b1') => {
      const r = readEventMessage(bytes(v), booth);
      return r.ok ? null : r.problem;
    };
    expect(problem('{"b":')).toBe('not JSON');
    expect(problem(null)).toBe('not an object');
    expect(problem({ b: 'b2', at: 5, lines: [] })).toMatch(/b2.*b1/);
    expect(problem({ b: 'b1', at: '5', lines: [] })).toBe('at');
    expect(problem({ b: 'b1', at: 5, lines: {} })).toBe('lines');
    expect(problem({ b: 'b1', at: 5, lines: [1] })).toBe('line a line is not an object');
    const broken: [string, unknown][] = [
      ['platform', 'tiktok'],
      ['orderId', ''],
      ['status', 'lost'],
      ['refundState', undefined],
      ['quantity', 1.5],
      ['paidFen', '7980'],
      ['paidAt', 'yesterday'],
      ['raw', null],
      ['title', 7],
    ];
    for (const [field, value] of broken)
      expect(problem({ b: 'b1', at: 5, lines: [line, { ...line, [field]: value }] }), field).toBe(
        `line ${field}`,
      );
  });
});

describe('readBoothState', () => {
  const state = {
    booth: 'lanzhou',
    onAir: { code: 'GS-0001', name: '静宁苹果' },
    onAirSince: 1_000,
    countdownEnd: null,
    showGmvFen: 123_400,
    at: 2_000,
  };
  const read = (v: unknown, key = 'lanzhou') => readBoothState(bytes(v), key);

  it('takes what a booth writes under its own key, nothing on air included', () => {
    expect(read(state)).toEqual({ ok: true, state });
    const idle = { ...state, onAir: null, onAirSince: null, countdownEnd: 5_000 };
    expect(read(idle)).toEqual({ ok: true, state: idle });
    // Only the fields of a live state are kept.
    expect(read({ ...state, extra: 'x'.repeat(10) })).toEqual({ ok: true, state });
  });

  it('refuses, saying why: not JSON, another booth under this key, and each malformed field', () => {
    const problem = (v: unknown, key = 'lanzhou') => {
      const r = readBoothState(bytes(v), key);
      return r.ok ? null : r.problem;
    };
    expect(problem('{"booth":')).toBe('not JSON');
    expect(problem([])).toMatch(/booth/);
    expect(problem(state, 'tianshui')).toMatch(/lanzhou.*tianshui/);
    const broken: [string, unknown][] = [
      ['onAir', 'GS-0001'],
      ['onAir', { code: '', name: 'x' }],
      ['onAir', { code: 'GS-0001' }],
      ['onAirSince', '1000'],
      ['countdownEnd', 1.5],
      ['showGmvFen', '123400'],
      ['showGmvFen', -1],
      ['showGmvFen', undefined],
      ['at', null],
    ];
    for (const [field, value] of broken) expect(problem({ ...state, [field]: value }), field).toBe(field);
  });
});
