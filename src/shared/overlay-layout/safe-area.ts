/**
 * Where graphics may go on each orientation's stage: the title-safe margins, plus the insets and
 * keep-out of the platform the stream plays on (its own UI drawn over the video). Figures are
 * estimates from ../shared/docs/overlay-layout.md: starting presets, editable per show.
 * Pure data and functions (no zod, no DOM): the overlay pages and the core share them.
 */

export const orientations = ['landscape', 'portrait'] as const;
export type Orientation = (typeof orientations)[number];

export const isOrientation = (v: unknown): v is Orientation =>
  typeof v === 'string' && (orientations as readonly string[]).includes(v);

export interface Size {
  w: number;
  h: number;
}

/** A rectangle in stage pixels, physical (x from the left edge, whatever the text direction). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const stageSize = (o: Orientation): Size =>
  o === 'portrait' ? { w: 1080, h: 1920 } : { w: 1920, h: 1080 };

/** Title-safe margin: 5 % of each dimension. */
export const TITLE_SAFE = 0.05;

export const platformPresetIds = ['none', 'douyin', 'kuaishou', 'taobao'] as const;
export type PlatformPresetId = (typeof platformPresetIds)[number];

/** Fractions (0–1) of the stage's width (left, right) or height (top, bottom). */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The anchor (presenter) kept clear in landscape: a centred column `width` wide (fraction of the
 * stage width) from `top` (fraction of the height) down. Taobao cuts clips from the program, and
 * graphics must not cover the anchor's face and body.
 */
export interface AnchorKeepOut {
  width: number;
  top: number;
}

/** One orientation's safe area for a show: the preset it started from and the figures in force. */
export interface SafeArea {
  preset: PlatformPresetId;
  insets: Insets;
  anchor: AnchorKeepOut | null;
}

/** Platform UI drawn over the video, for the preview's ghost (fractions of the stage, physical). */
export interface GhostShape {
  /** i18n key under `overlays:overlayLayout.ghost.`. */
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlatformPreset {
  id: PlatformPresetId;
  orientation: Orientation;
  safe: Omit<SafeArea, 'preset'>;
  ghost: GhostShape[];
}

const noInsets: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

/** The presets, per orientation. `none` keeps to the title-safe area only. */
export const platformPresets: readonly PlatformPreset[] = [
  { id: 'none', orientation: 'landscape', safe: { insets: noInsets, anchor: null }, ghost: [] },
  {
    // Taobao Live landscape: graphics at the top and the sides, off the anchor (estimates).
    id: 'taobao',
    orientation: 'landscape',
    safe: { insets: { top: 0.09, right: 0.05, bottom: 0.08, left: 0.05 }, anchor: { width: 0.3, top: 0.16 } },
    ghost: [
      { key: 'anchorInfo', x: 0.01, y: 0.012, w: 0.24, h: 0.07 },
      { key: 'viewers', x: 0.78, y: 0.012, w: 0.21, h: 0.07 },
      { key: 'anchor', x: 0.35, y: 0.16, w: 0.3, h: 0.84 },
      { key: 'controls', x: 0, y: 0.93, w: 1, h: 0.07 },
    ],
  },
  { id: 'none', orientation: 'portrait', safe: { insets: noInsets, anchor: null }, ghost: [] },
  {
    // Douyin phone app: name and follow top left, viewers and close top right, comments bottom
    // left, the product pop-up above them, cart and gift buttons along the bottom and right edge.
    id: 'douyin',
    orientation: 'portrait',
    safe: { insets: { top: 0.12, right: 0.14, bottom: 0.42, left: 0.04 }, anchor: null },
    ghost: [
      { key: 'anchorInfo', x: 0.02, y: 0.025, w: 0.46, h: 0.06 },
      { key: 'viewers', x: 0.58, y: 0.025, w: 0.4, h: 0.055 },
      { key: 'productPopup', x: 0.02, y: 0.59, w: 0.52, h: 0.075 },
      { key: 'comments', x: 0.02, y: 0.675, w: 0.65, h: 0.245 },
      { key: 'sideButtons', x: 0.87, y: 0.46, w: 0.12, h: 0.45 },
      { key: 'cartGift', x: 0, y: 0.93, w: 1, h: 0.07 },
    ],
  },
  {
    // Kuaishou: much the same, a slightly taller top bar and wider button column.
    id: 'kuaishou',
    orientation: 'portrait',
    safe: { insets: { top: 0.11, right: 0.16, bottom: 0.4, left: 0.04 }, anchor: null },
    ghost: [
      { key: 'anchorInfo', x: 0.02, y: 0.025, w: 0.48, h: 0.065 },
      { key: 'viewers', x: 0.6, y: 0.025, w: 0.38, h: 0.06 },
      { key: 'productPopup', x: 0.02, y: 0.61, w: 0.5, h: 0.07 },
      { key: 'comments', x: 0.02, y: 0.69, w: 0.62, h: 0.23 },
      { key: 'sideButtons', x: 0.85, y: 0.44, w: 0.14, h: 0.47 },
      { key: 'cartGift', x: 0, y: 0.93, w: 1, h: 0.07 },
    ],
  },
];

export function presetFor(o: Orientation, id: PlatformPresetId): PlatformPreset | undefined {
  return platformPresets.find((p) => p.orientation === o && p.id === id);
}

export const presetsOf = (o: Orientation): PlatformPreset[] =>
  platformPresets.filter((p) => p.orientation === o);

/** A preset's safe area as a show starts with it. */
export function safeAreaOfPreset(p: PlatformPreset): SafeArea {
  return { preset: p.id, insets: { ...p.safe.insets }, anchor: p.safe.anchor ? { ...p.safe.anchor } : null };
}

export const defaultSafeArea = (o: Orientation): SafeArea => safeAreaOfPreset(presetFor(o, 'none')!);

/** Bounds an edited safe area must keep (the layout needs room: at least 30 % each way). */
export const SAFE_LIMITS = { inset: 0.45, oppositeSum: 0.7, anchorWidth: 0.5, anchorTop: 0.5 } as const;

/** The figures of a safe area an edit can get wrong (the keys the error names, translated by the UI). */
export const safeAreaFields = [
  'top',
  'right',
  'bottom',
  'left',
  'topBottom',
  'leftRight',
  'anchorWidth',
  'anchorTop',
] as const;
export type SafeAreaField = (typeof safeAreaFields)[number];

/**
 * Why an edited safe area cannot be used, or null. `field` names the figure (for the error).
 */
export function safeAreaProblem(a: SafeArea): { field: SafeAreaField; limit: number } | null {
  for (const side of ['top', 'right', 'bottom', 'left'] as const) {
    const v = a.insets[side];
    if (!(v >= 0 && v <= SAFE_LIMITS.inset)) return { field: side, limit: SAFE_LIMITS.inset };
  }
  if (a.insets.top + a.insets.bottom > SAFE_LIMITS.oppositeSum)
    return { field: 'topBottom', limit: SAFE_LIMITS.oppositeSum };
  if (a.insets.left + a.insets.right > SAFE_LIMITS.oppositeSum)
    return { field: 'leftRight', limit: SAFE_LIMITS.oppositeSum };
  if (a.anchor) {
    if (!(a.anchor.width >= 0 && a.anchor.width <= SAFE_LIMITS.anchorWidth))
      return { field: 'anchorWidth', limit: SAFE_LIMITS.anchorWidth };
    if (!(a.anchor.top >= 0 && a.anchor.top <= SAFE_LIMITS.anchorTop))
      return { field: 'anchorTop', limit: SAFE_LIMITS.anchorTop };
  }
  return null;
}

/** The rectangle graphics must stay in: title-safe and clear of the platform's insets (margins rounded up). */
export function safeRect(o: Orientation, a: SafeArea): Rect {
  const { w, h } = stageSize(o);
  const left = Math.ceil(w * Math.max(TITLE_SAFE, a.insets.left) - 1e-9);
  const right = Math.ceil(w * Math.max(TITLE_SAFE, a.insets.right) - 1e-9);
  const top = Math.ceil(h * Math.max(TITLE_SAFE, a.insets.top) - 1e-9);
  const bottom = Math.ceil(h * Math.max(TITLE_SAFE, a.insets.bottom) - 1e-9);
  return { x: left, y: top, w: w - left - right, h: h - top - bottom };
}

/** The anchor's keep-out rectangle on the stage, or null (stage pixels). */
export function anchorRect(o: Orientation, a: SafeArea): Rect | null {
  if (!a.anchor || a.anchor.width <= 0) return null;
  const { w, h } = stageSize(o);
  const aw = Math.round(w * a.anchor.width);
  const top = Math.round(h * a.anchor.top);
  return { x: Math.round((w - aw) / 2), y: top, w: aw, h: h - top };
}

export const intersects = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export const contains = (outer: Rect, inner: Rect): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h;
