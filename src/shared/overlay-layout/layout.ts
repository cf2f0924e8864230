import type { OverlayId } from '../overlays/overlay-ids';
import {
  anchorRect,
  safeRect,
  stageSize,
  type Orientation,
  type Rect,
  type SafeArea,
  type Size,
} from './safe-area';

/**
 * Where each overlay goes on the stage: a pure function of the orientation, the safe area, which
 * overlays are up and how many rows the sized ones carry. Every overlay page computes the same
 * layout from the same state, so six browser sources composited in OBS never overlap.
 *
 * Each overlay has a design size per orientation (its content is laid out at that size); the
 * layout places it in a zone and may scale every overlay by one factor so the ones that are up
 * fit the safe area together. Overlays that share a region stack with a fixed gap:
 *
 * - landscape, `bands`: the ticker along the bottom; above it, on the card's side, the card with
 *   the countdown stacked on top of it and the sales counter in the top corner; on the other side
 *   the leaderboard in the top corner and the lower third above the ticker;
 * - landscape, `sides` (a platform that keeps the anchor clear, e.g. Taobao): the ticker across
 *   the top, everything else in the two side columns beside the anchor;
 * - portrait: the card across the upper-middle band, the countdown right under it and the sales
 *   counter under that on the card's side, the leaderboard on the other side, the lower third above
 *   the ticker at the bottom of the safe area.
 */

export const LAYOUT_GAP = 20;

/** `fill`: as wide as its zone (the ticker, the portrait card). */
export interface DesignSize {
  w: number | 'fill';
  h: number;
}

export interface LayoutContent {
  /** Leaderboard rows drawn (at least 1: the empty board shows a line). */
  leaderboardRows: number;
  /** Per-platform rows under the sales counter (0 without the split). */
  counterSplitRows: number;
}

/** Design sizes in stage pixels at scale 1; the overlay CSS lays content out inside them. */
export function designSize(id: OverlayId, o: Orientation, content: LayoutContent): DesignSize {
  const rows = Math.max(1, content.leaderboardRows);
  const split = content.counterSplitRows > 0 ? 16 + content.counterSplitRows * 30 : 0;
  if (o === 'landscape') {
    switch (id) {
      case 'product-card':
        return { w: 900, h: 320 };
      case 'countdown':
        return { w: 420, h: 300 };
      case 'sales-counter':
        return { w: 680, h: 160 + split };
      case 'leaderboard':
        return { w: 520, h: 104 + rows * 52 };
      case 'lower-third':
        return { w: 780, h: 132 };
      case 'price-ticker':
        return { w: 'fill', h: 80 };
    }
  }
  switch (id) {
    case 'product-card':
      return { w: 'fill', h: 400 };
    case 'countdown':
      return { w: 400, h: 300 };
    case 'sales-counter':
      return { w: 400, h: 276 + split };
    case 'leaderboard':
      return { w: 400, h: 104 + rows * 52 };
    case 'lower-third':
      return { w: 'fill', h: 132 };
    case 'price-ticker':
      return { w: 'fill', h: 80 };
  }
}

export type Arrangement = 'bands' | 'sides' | 'portrait';

export interface LayoutInput {
  orientation: Orientation;
  safeArea: SafeArea;
  /** The card's side on screen (the theme's side, mirrored for right-to-left languages). */
  cardLeft: boolean;
  visible: ReadonlySet<OverlayId>;
  content: LayoutContent;
}

/** One overlay's zone: the box on the stage (x, y, w, h) and its design size drawn at `scale`. */
export interface Placement extends Rect {
  designW: number;
  designH: number;
  scale: number;
}

export interface OverlayLayout {
  orientation: Orientation;
  arrangement: Arrangement;
  stage: Size;
  /** Title-safe ∩ platform-safe. */
  safe: Rect;
  /** The anchor's keep-out (landscape with an anchor preset), or null. */
  keepOut: Rect | null;
  scale: number;
  placements: Partial<Record<OverlayId, Placement>>;
}

interface Column {
  /** Physical box of the column's region; items align to `align`. */
  x: number;
  w: number;
  align: 'left' | 'right';
  top: OverlayId[];
  bottom: OverlayId[];
}

interface Plan {
  arrangement: Arrangement;
  /** Full-width items from the top and from the bottom (first = nearest the edge). */
  bandTop: OverlayId[];
  bandBottom: OverlayId[];
  /** Columns for scale k (their widths may depend on k). */
  columns: (k: number) => Column[];
  /** The bands must end above this y (the anchor's keep-out), or null. */
  bandLimit: number | null;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function computeLayout(input: LayoutInput): OverlayLayout {
  const { orientation: o, visible, content } = input;
  const stage = stageSize(o);
  const safe = safeRect(o, input.safeArea);
  const keepOut = o === 'landscape' ? anchorRect(o, input.safeArea) : null;
  const on = (ids: OverlayId[]) => ids.filter((id) => visible.has(id));
  const size = (id: OverlayId) => designSize(id, o, content);
  const fixedW = (id: OverlayId) => {
    const w = size(id).w;
    return w === 'fill' ? 0 : w;
  };
  const widest = (ids: OverlayId[]) => Math.max(0, ...ids.map(fixedW));
  const gap = LAYOUT_GAP;
  const left = input.cardLeft;
  const right = safe.x + safe.w;

  let plan: Plan;
  if (o === 'portrait') {
    const half = (safe.w - gap) / 2;
    plan = {
      arrangement: 'portrait',
      bandTop: on(['product-card']),
      bandBottom: on(['price-ticker']),
      bandLimit: null,
      columns: () => [
        {
          x: left ? safe.x : right - half,
          w: half,
          align: left ? 'left' : 'right',
          top: on(['countdown', 'sales-counter']),
          bottom: [],
        },
        {
          x: left ? right - half : safe.x,
          w: half,
          align: left ? 'right' : 'left',
          top: on(['leaderboard']),
          bottom: on(['lower-third']),
        },
      ],
    };
  } else if (keepOut) {
    const leftCol = { x: safe.x, w: Math.max(0, keepOut.x - gap - safe.x) };
    const rightStart = keepOut.x + keepOut.w + gap;
    const rightCol = { x: rightStart, w: Math.max(0, right - rightStart) };
    const cardCol = left ? leftCol : rightCol;
    const otherCol = left ? rightCol : leftCol;
    plan = {
      arrangement: 'sides',
      bandTop: on(['price-ticker']),
      bandBottom: [],
      bandLimit: keepOut.y,
      columns: () => [
        {
          ...cardCol,
          align: left ? 'left' : 'right',
          top: on(['sales-counter']),
          bottom: on(['product-card', 'countdown']),
        },
        {
          ...otherCol,
          align: left ? 'right' : 'left',
          top: on(['leaderboard']),
          bottom: on(['lower-third']),
        },
      ],
    };
  } else {
    const a = { top: on(['sales-counter']), bottom: on(['product-card', 'countdown']) };
    const b = { top: on(['leaderboard']), bottom: on(['lower-third']) };
    plan = {
      arrangement: 'bands',
      bandTop: [],
      bandBottom: on(['price-ticker']),
      bandLimit: null,
      columns: (k) => {
        const aw = widest([...a.top, ...a.bottom]) * k;
        const bw = safe.w - (aw > 0 ? aw + gap : 0);
        return [
          { x: left ? safe.x : right - aw, w: aw, align: left ? 'left' : 'right', ...a },
          { x: left ? right - bw : safe.x, w: bw, align: left ? 'right' : 'left', ...b },
        ];
      },
    };
  }

  // The one scale at which everything that is up fits: the largest k ≤ 1 meeting every bound.
  const bands = [...plan.bandTop, ...plan.bandBottom];
  let k = 1;
  const bound = (room: number, need: number) => {
    if (need > 0) k = Math.min(k, Math.max(0, room) / need);
  };
  const columns1 = plan.columns(1);
  for (const c of columns1) {
    const chain = [...c.top, ...c.bottom, ...bands];
    bound(safe.h - gap * Math.max(0, chain.length - 1), sum(chain.map((id) => size(id).h)));
  }
  if (plan.arrangement === 'bands') {
    const [a, b] = columns1;
    bound(safe.w - gap, widest([...a!.top, ...a!.bottom]) + widest([...b!.top, ...b!.bottom]));
    for (const c of columns1) bound(safe.w, widest([...c.top, ...c.bottom]));
  } else {
    for (const c of columns1) bound(c.w, widest([...c.top, ...c.bottom]));
  }
  if (plan.bandLimit !== null && plan.bandTop.length > 0) {
    bound(
      plan.bandLimit - safe.y - gap * (plan.bandTop.length - 1),
      sum(plan.bandTop.map((id) => size(id).h)),
    );
  }

  const placements: Partial<Record<OverlayId, Placement>> = {};
  const place = (id: OverlayId, x: number, y: number, zoneW: number) => {
    const d = size(id);
    const designW = d.w === 'fill' ? zoneW / k : d.w;
    placements[id] = {
      x,
      y,
      w: d.w === 'fill' ? zoneW : d.w * k,
      h: d.h * k,
      designW,
      designH: d.h,
      scale: k,
    };
    return d.h * k;
  };

  // Bands: full safe width, stacked from the top and from the bottom edge.
  let top = safe.y;
  for (const id of plan.bandTop) top += place(id, safe.x, top, safe.w) + gap;
  let bottom = safe.y + safe.h;
  for (const id of plan.bandBottom) {
    const h = size(id).h * k;
    place(id, safe.x, bottom - h, safe.w);
    bottom -= h + gap;
  }
  if (plan.bandTop.length === 0) top = safe.y;
  if (plan.bandBottom.length === 0) bottom = safe.y + safe.h;

  // Columns: items stack from the region's top down and from its bottom up, on the outer edge.
  for (const c of plan.columns(k)) {
    const xOf = (id: OverlayId) => {
      const d = size(id);
      const w = d.w === 'fill' ? c.w : d.w * k;
      return c.align === 'left' ? c.x : c.x + c.w - w;
    };
    let y = top;
    for (const id of c.top) y += place(id, xOf(id), y, c.w) + gap;
    let yb = bottom;
    for (const id of c.bottom) {
      const h = size(id).h * k;
      place(id, xOf(id), yb - h, c.w);
      yb -= h + gap;
    }
  }

  return { orientation: o, arrangement: plan.arrangement, stage, safe, keepOut, scale: k, placements };
}
