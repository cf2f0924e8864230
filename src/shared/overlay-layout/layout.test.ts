import { describe, expect, it } from 'vitest';
import { OverlaySectionsSchema } from '../overlays/overlay-state';
import { overlayIds, sectionNames, type OverlayId } from '../overlays/overlay-ids';
import { computeLayout, LAYOUT_GAP } from './layout';
import {
  anchorRect,
  contains,
  intersects,
  platformPresets,
  safeAreaOfPreset,
  safeAreaProblem,
  safeRect,
  type SafeArea,
} from './safe-area';

const subsets = (): OverlayId[][] =>
  Array.from({ length: 63 }, (_, i) => overlayIds.filter((_, b) => ((i + 1) & (1 << b)) !== 0));

describe('overlay layout', () => {
  it('places every subset of the six overlays apart, inside the safe area and off the anchor, for every preset, side and content', () => {
    let checked = 0;
    for (const preset of platformPresets) {
      const area = safeAreaOfPreset(preset);
      const o = preset.orientation;
      const safe = safeRect(o, area);
      const keepOut = anchorRect(o, area);
      for (const cardLeft of [true, false])
        for (const content of [
          { leaderboardRows: 0, counterSplitRows: 0 },
          { leaderboardRows: 10, counterSplitRows: 4 },
        ])
          for (const up of subsets()) {
            const layout = computeLayout({
              orientation: o,
              safeArea: area,
              cardLeft,
              visible: new Set(up),
              content,
            });
            const boxes = up.map((id) => [id, layout.placements[id]!] as const);
            for (const [id, b] of boxes) {
              expect(b, id).toBeDefined();
              expect(contains(safe, b), `${preset.id} ${id} in the safe area`).toBe(true);
              if (keepOut) expect(intersects(b, keepOut), `${id} on the anchor`).toBe(false);
            }
            for (let i = 0; i < boxes.length; i++)
              for (let j = i + 1; j < boxes.length; j++) {
                const [a, b] = [boxes[i]![1], boxes[j]![1]];
                // Apart by at least the gap (less a rounding hair).
                const grown = {
                  x: a.x - LAYOUT_GAP + 0.01,
                  y: a.y - LAYOUT_GAP + 0.01,
                  w: a.w + 2 * LAYOUT_GAP - 0.02,
                  h: a.h + 2 * LAYOUT_GAP - 0.02,
                };
                expect(intersects(grown, b), `${preset.id} ${boxes[i]![0]} / ${boxes[j]![0]}`).toBe(false);
              }
            checked++;
          }
    }
    expect(checked).toBe(platformPresets.length * 2 * 2 * 63);
  });

  it('stacks the lower third above the ticker and the countdown on the card, and keeps the leaderboard off the countdown', () => {
    const area = safeAreaOfPreset(platformPresets[0]!);
    const l = computeLayout({
      orientation: 'landscape',
      safeArea: area,
      cardLeft: true,
      visible: new Set(overlayIds),
      content: { leaderboardRows: 5, counterSplitRows: 2 },
    }).placements;
    expect(l['lower-third']!.y + l['lower-third']!.h).toBeLessThanOrEqual(l['price-ticker']!.y - LAYOUT_GAP);
    expect(l.countdown!.y + l.countdown!.h).toBeLessThanOrEqual(l['product-card']!.y - LAYOUT_GAP);
    expect(l.countdown!.x).toBe(l['product-card']!.x);
    expect(l.leaderboard!.x).toBeGreaterThan(l.countdown!.x + l.countdown!.w);
  });

  it('puts the portrait card in the upper-middle band of a Douyin phone, full size when it is up alone', () => {
    const douyin = platformPresets.find((p) => p.id === 'douyin')!;
    const layout = computeLayout({
      orientation: 'portrait',
      safeArea: safeAreaOfPreset(douyin),
      cardLeft: true,
      visible: new Set<OverlayId>(['product-card', 'countdown', 'price-ticker']),
      content: { leaderboardRows: 0, counterSplitRows: 0 },
    });
    const card = layout.placements['product-card']!;
    expect(layout.scale).toBe(1);
    expect(card.y).toBeGreaterThanOrEqual(1920 * 0.12);
    expect(card.y + card.h).toBeLessThanOrEqual(1920 * 0.6);
    // Clear of the buttons along the right edge.
    expect(card.x + card.w).toBeLessThanOrEqual(1080 * (1 - 0.14));
  });

  it('refuses a safe area that leaves too little room', () => {
    const ok: SafeArea = {
      preset: 'none',
      insets: { top: 0.1, right: 0.1, bottom: 0.1, left: 0.1 },
      anchor: null,
    };
    expect(safeAreaProblem(ok)).toBeNull();
    expect(safeAreaProblem({ ...ok, insets: { ...ok.insets, top: 0.5 } })).toMatchObject({ field: 'top' });
    expect(safeAreaProblem({ ...ok, insets: { ...ok.insets, left: 0.4, right: 0.4 } })).toMatchObject({
      field: 'leftRight',
    });
    expect(safeAreaProblem({ ...ok, anchor: { width: 0.8, top: 0.1 } })).toMatchObject({
      field: 'anchorWidth',
    });
  });

  it('lists the state sections in the order of the schema (the pages read them without zod)', () => {
    expect([...sectionNames]).toEqual(Object.keys(OverlaySectionsSchema.shape));
  });
});
