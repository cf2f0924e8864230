import { describe, expect, it } from 'vitest';
import { applyDelta, diffSections } from './overlay-delta';
import type { OverlayState } from './overlay-state';
import { defaultSafeArea } from '../overlay-layout/safe-area';
import { festiveTheme, neutralTheme } from './themes';

const base: OverlayState = {
  rev: 4,
  look: {
    language: 'zh-CN',
    theme: festiveTheme,
    showId: null,
    safeArea: { landscape: defaultSafeArea('landscape'), portrait: defaultSafeArea('portrait') },
  },
  productCard: { visible: false, followOnAir: false, product: null },
  ticker: { visible: false, source: 'show', items: [] },
  countdown: {
    visible: false,
    status: 'idle',
    endsAt: null,
    remainingMs: 0,
    durationMs: 0,
    productId: null,
    productName: null,
    endOnSoldOut: true,
    endedReason: null,
  },
  salesCounter: { visible: false, splitByPlatform: false, orders: 0, gmvFen: 0, byPlatform: [] },
  leaderboard: { visible: false, by: 'product', metric: 'units', rows: [] },
  lowerThird: { visible: false, name: '', title: '', county: '', role: '', kind: 'guest' },
};

describe('overlay deltas', () => {
  it('holds only the sections that changed', () => {
    const next = { ...base, lowerThird: { ...base.lowerThird, visible: true, name: '王芳' } };
    expect(diffSections(base, next)).toEqual({ lowerThird: next.lowerThird });
    expect(diffSections(base, { ...base })).toEqual({});
    const themed = { ...base, look: { ...base.look, theme: neutralTheme } };
    expect(Object.keys(diffSections(base, themed))).toEqual(['look']);
  });

  it('applies the next revision and keeps the other sections', () => {
    const r = applyDelta(base, { rev: 5, sections: { salesCounter: { ...base.salesCounter, orders: 12 } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.rev).toBe(5);
    expect(r.state.salesCounter.orders).toBe(12);
    expect(r.state.lowerThird).toBe(base.lowerThird);
  });

  it('refuses a gap (lost frame) and ignores a stale delta', () => {
    expect(applyDelta(base, { rev: 7, sections: {} })).toEqual({ ok: false, reason: 'gap' });
    expect(applyDelta(base, { rev: 4, sections: {} })).toEqual({ ok: false, reason: 'stale' });
  });
});
