import { z } from 'zod';
import { event, operation } from '../define';
import {
  InsetsSchema,
  OrientationSchema,
  OverlayIdSchema,
  OverlayLanguageSchema,
  OverlayStateSchema,
  PlatformPresetIdSchema,
  ThemeSchema,
} from '../../overlays/overlay-state';

export const OverlayPageSchema = z.object({
  /** Stable id, e.g. `product-card`. */
  id: z.string(),
  /** Browser source name in OBS, e.g. `ShelfCast · Product card`. */
  sourceName: z.string(),
  /** Full URL including the overlay token (never the operator token). */
  url: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The stage the page draws: 1920×1080 landscape or 1080×1920 portrait (`?orientation=`). */
  orientation: OrientationSchema,
  /**
   * Whether the overlay server accepts other computers. False: it listens on 127.0.0.1 only, so
   * the URL works on the studio computer (OBS) but not in a tablet's browser.
   */
  lanReachable: z.boolean(),
});

const fraction = z.number().min(0).max(1);

export const PlatformPresetSchema = z.object({
  id: PlatformPresetIdSchema,
  orientation: OrientationSchema,
  safe: z.object({
    insets: InsetsSchema,
    anchor: z.object({ width: fraction, top: fraction }).nullable(),
  }),
  /** The platform's own UI over the video, for the preview's ghost (fractions of the stage). */
  ghost: z.array(z.object({ key: z.string(), x: fraction, y: fraction, w: fraction, h: fraction })),
});

/**
 * One overlay page in one orientation as the studio sees it: `ok` (connected, showing the latest
 * revision, drawing frames), `stale` (connected but behind, not drawing, or not reporting) or
 * `missing` (fewer pages connected than OBS instances of that orientation should load).
 */
export const OverlayPageHealthSchema = z.object({
  overlay: OverlayIdSchema,
  orientation: z.enum(['landscape', 'portrait']),
  state: z.enum(['ok', 'stale', 'missing']),
  /** Pages connected for this overlay and orientation, and how many the enabled OBS should load. */
  connected: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative(),
  /** The lowest revision these pages report applied, and the studio's current one. */
  rev: z.number().int().nullable(),
  currentRev: z.number().int(),
  /** The oldest of the pages' last drawn frame (core clock, ms), null before any report. */
  lastFrameAt: z.number().nullable(),
});
export type OverlayPageHealth = z.infer<typeof OverlayPageHealthSchema>;

export const OverlayHealthSchema = z.object({
  pages: z.array(OverlayPageHealthSchema),
  at: z.number(),
});
export type OverlayHealth = z.infer<typeof OverlayHealthSchema>;

const id = z.number().int().positive();
const seconds = z
  .number()
  .int()
  .min(1)
  .max(24 * 3600);

export const CountdownCommandSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('start'),
    seconds,
    /** The flash-sale product; with `endOnSoldOut` the countdown ends when its stock reaches zero. */
    productId: id.nullable().default(null),
    endOnSoldOut: z.boolean().default(true),
  }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('resume') }),
  z.strictObject({ action: z.literal('addTime'), seconds }),
  z.strictObject({ action: z.literal('end') }),
]);
export type CountdownCommand = z.infer<typeof CountdownCommandSchema>;

const state = OverlayStateSchema;

/** Overlays on the stream: the operator changes the overlay state here; the core pushes it to the pages. */
export const overlaysOperations = {
  'overlays.state': operation({
    summary: 'The current overlay state (what each overlay page shows).',
    input: z.strictObject({}),
    output: state,
    errors: [],
    access: 'read',
  }),
  'overlays.health': operation({
    summary: 'Each overlay page OBS should load, per orientation: connected, revision applied, last frame.',
    input: z.strictObject({}),
    output: OverlayHealthSchema,
    errors: [],
    access: 'read',
  }),
  'overlays.pages': operation({
    summary:
      'Overlay page URLs (with the overlay token) for OBS browser sources, for one orientation (landscape unless asked); empty while the server is down.',
    input: z.strictObject({ orientation: OrientationSchema.default('landscape') }),
    output: z.array(OverlayPageSchema),
    errors: [],
    access: 'control',
  }),
  'overlays.themes': operation({
    summary: 'The themes the overlays can wear.',
    input: z.strictObject({}),
    output: z.array(ThemeSchema),
    errors: [],
    access: 'read',
  }),
  'overlays.setVisible': operation({
    summary: 'Shows or hides one overlay (with its enter/exit animation).',
    input: z.strictObject({ overlay: OverlayIdSchema, visible: z.boolean() }),
    output: state,
    errors: ['conflict'],
    access: 'control',
  }),
  'overlays.showProduct': operation({
    summary: 'Puts one product on the product card (and stops following the on-air slot).',
    input: z.strictObject({ productId: id, visible: z.boolean().default(true) }),
    output: state,
    errors: ['not_found'],
    access: 'control',
  }),
  'overlays.followOnAir': operation({
    summary: "The product card follows the show's on-air rundown slot; it swaps when the slot changes.",
    input: z.strictObject({ showId: id, visible: z.boolean().default(true) }),
    output: state,
    errors: ['not_found'],
    access: 'control',
  }),
  'overlays.countdown': operation({
    summary: 'Flash-sale countdown: start, pause, resume, add time, end.',
    input: CountdownCommandSchema,
    output: state,
    errors: ['conflict', 'not_found'],
    access: 'control',
  }),
  'overlays.setTicker': operation({
    summary: "Price ticker source: the current show's rundown, or a chosen list of products.",
    input: z.strictObject({
      source: z.enum(['show', 'list']),
      productIds: z.array(id).max(1000).default([]),
    }),
    output: state,
    errors: ['not_found'],
    access: 'control',
  }),
  'overlays.setLeaderboard': operation({
    summary: 'Leaderboard: top products or counties, by units or GMV.',
    input: z.strictObject({
      by: z.enum(['product', 'county']),
      metric: z.enum(['units', 'gmv']),
      size: z.number().int().min(3).max(10).default(5),
    }),
    output: state,
    errors: [],
    access: 'control',
  }),
  'overlays.setSalesCounter': operation({
    summary: 'Sales counter options (per-platform split).',
    input: z.strictObject({ splitByPlatform: z.boolean() }),
    output: state,
    errors: [],
    access: 'control',
  }),
  'overlays.setLowerThird': operation({
    summary: "Guest lower third: the guest's name, title and county.",
    input: z.strictObject({
      name: z.string().trim().min(1).max(40),
      title: z.string().trim().max(60).default(''),
      county: z.string().trim().max(40).default(''),
      /** The tag's text (主播, 嘉宾, 县长 …); '' for the word of `kind`. */
      role: z.string().trim().max(40).default(''),
      kind: z.enum(['host', 'guest']).default('guest'),
      visible: z.boolean().default(true),
    }),
    output: state,
    errors: [],
    access: 'control',
  }),
  'overlays.setLook': operation({
    summary: "Overlay language, the current show, a show's theme (null show = default) and the logo text.",
    input: z.strictObject({
      language: OverlayLanguageSchema.optional(),
      showId: id.nullable().optional(),
      theme: z.strictObject({ showId: id.nullable(), themeId: z.string().min(1).max(40) }).optional(),
      /** The studio's mark shown on the card and the counter; '' removes it. */
      logoText: z.string().trim().max(24).optional(),
    }),
    output: state,
    errors: ['not_found'],
    access: 'control',
  }),
  'overlays.safeAreaPresets': operation({
    summary:
      'Platform safe-area presets per orientation (Douyin, Kuaishou, Taobao, none): insets, anchor keep-out and the platform UI to draw as a ghost.',
    input: z.strictObject({}),
    output: z.array(PlatformPresetSchema),
    errors: [],
    access: 'read',
  }),
  'overlays.setSafeArea': operation({
    summary:
      "A show's safe area for one orientation (null show = default): a platform preset, optionally with edited insets and anchor keep-out.",
    input: z.strictObject({
      showId: id.nullable(),
      orientation: OrientationSchema,
      preset: PlatformPresetIdSchema,
      /** Fractions of the stage; the preset's when left out. */
      insets: InsetsSchema.optional(),
      /** Landscape: the anchor's centred column kept clear; the preset's when left out. */
      anchor: z.object({ width: fraction, top: fraction }).nullable().optional(),
    }),
    output: state,
    errors: ['not_found'],
    access: 'control',
  }),
};

export const overlaysEvents = {
  'overlays.health': event({
    summary: 'The overlay pages health changed (a page came, went, fell behind or caught up).',
    payload: OverlayHealthSchema,
  }),
  'overlays.stateChanged': event({
    summary: 'The overlay state changed (full state; overlay pages get deltas over their own server).',
    payload: state,
  }),
};
