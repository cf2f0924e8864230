import { z } from 'zod';
import { SyncedPlatformSchema } from '../api/domains/shelf';
import { orientations, platformPresetIds } from '../overlay-layout/safe-area';
import { overlayIds, overlayLanguages, sectionNames as sectionNamesList } from './overlay-ids';

/**
 * What the overlay pages show: one section per overlay plus the look (theme, language).
 * The core builds it from the operator's choices, the shelf and the sales figures and pushes it:
 * the full state on every (re)connect, then only the sections that changed.
 */
export { overlayIds, sectionOfOverlay, localName } from './overlay-ids';
export type { OverlayId, OverlayLanguage } from './overlay-ids';
export const OverlayIdSchema = z.enum(overlayIds);
export const OverlayLanguageSchema = z.enum(overlayLanguages);

export const OrientationSchema = z.enum(orientations);
export const PlatformPresetIdSchema = z.enum(platformPresetIds);
const fraction = z.number().min(0).max(1);
export const InsetsSchema = z.object({ top: fraction, right: fraction, bottom: fraction, left: fraction });
/** One orientation's safe area (see shared/overlay-layout/safe-area.ts). */
export const SafeAreaSchema = z.object({
  preset: PlatformPresetIdSchema,
  insets: InsetsSchema,
  anchor: z.object({ width: fraction, top: fraction }).nullable(),
});

const fen = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

/** A name in the three UI languages; `en`/`ug` fall back to `zh` when the shelf has none. */
export const LocalNameSchema = z.object({
  zh: z.string(),
  en: z.string().nullable(),
  ug: z.string().nullable(),
});
export type LocalName = z.infer<typeof LocalNameSchema>;

export const CardProductSchema = z.object({
  id: z.number().int().positive(),
  name: LocalNameSchema,
  county: z.string(),
  city: z.string(),
  specification: z.string(),
  livePriceFen: fen,
  listPriceFen: fen,
  /** Lowest cart link number over the product's listings: 3 → `3号链接`. */
  cartLinkNo: z.number().int().positive().nullable(),
  stock: count,
  /** Units sold in this show (order figures), 0 until orders arrive. */
  sold: count,
  /** File name under <dataDir>/images, served by the overlay server. */
  image: z.string().nullable(),
});
export type CardProduct = z.infer<typeof CardProductSchema>;

export const TickerItemSchema = z.object({
  id: z.number().int().positive(),
  name: LocalNameSchema,
  livePriceFen: fen,
  listPriceFen: fen,
  soldOut: z.boolean(),
});
export type TickerItem = z.infer<typeof TickerItemSchema>;

export const CountdownStatusSchema = z.enum(['idle', 'running', 'paused', 'ended']);
export const CountdownSchema = z.object({
  visible: z.boolean(),
  status: CountdownStatusSchema,
  /** Wall-clock end (ms since epoch, core clock) while running. */
  endsAt: z.number().int().nullable(),
  /** What is left while paused, or the full length before start. */
  remainingMs: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  productId: z.number().int().positive().nullable(),
  productName: LocalNameSchema.nullable(),
  endOnSoldOut: z.boolean(),
  endedReason: z.enum(['time', 'soldOut', 'operator']).nullable(),
});
export type Countdown = z.infer<typeof CountdownSchema>;

export const LeaderboardRowSchema = z.object({
  key: z.string(),
  label: LocalNameSchema,
  units: count,
  gmvFen: z.number().int(),
});

export const ThemeSchema = z.object({
  id: z.string(),
  /** i18n key under `overlays:theme.` for built-in themes. */
  nameKey: z.string(),
  colors: z.object({
    panel: z.string(),
    panelText: z.string(),
    accent: z.string(),
    accentText: z.string(),
    price: z.string(),
    muted: z.string(),
    stamp: z.string(),
  }),
  fontFamily: z.string(),
  /** Short text logo shown on the card and counter (a studio's mark); '' for none. */
  logoText: z.string(),
  /** Safe margins of the 1920×1080 frame in px (title-safe area). */
  safeMargin: z.object({ block: z.number().int().nonnegative(), inline: z.number().int().nonnegative() }),
  /**
   * `productCard` chooses the card's side (`start`/`end` follow the text direction); the layout
   * (shared/overlay-layout) places the other overlays around it. The other corners are kept for
   * saved themes and are not used for placement any more.
   */
  corners: z.object({
    productCard: z.enum(['block-end-inline-start', 'block-end-inline-end', 'block-start-inline-end']),
    countdown: z.enum(['block-start-inline-end', 'block-start-inline-start']),
    salesCounter: z.enum(['block-start-inline-start', 'block-start-inline-end']),
    leaderboard: z.enum(['block-start-inline-end', 'block-start-inline-start']),
  }),
});
export type Theme = z.infer<typeof ThemeSchema>;

export const OverlaySectionsSchema = z.object({
  look: z.object({
    language: OverlayLanguageSchema,
    theme: ThemeSchema,
    showId: z.number().int().positive().nullable(),
    /** The show's safe area per orientation (platform preset, insets, anchor keep-out). */
    safeArea: z.object({ landscape: SafeAreaSchema, portrait: SafeAreaSchema }),
  }),
  productCard: z.object({
    visible: z.boolean(),
    /** True while the card follows the show's on-air rundown slot. */
    followOnAir: z.boolean(),
    product: CardProductSchema.nullable(),
  }),
  ticker: z.object({
    visible: z.boolean(),
    source: z.enum(['show', 'list']),
    items: z.array(TickerItemSchema),
  }),
  countdown: CountdownSchema,
  salesCounter: z.object({
    visible: z.boolean(),
    splitByPlatform: z.boolean(),
    orders: count,
    gmvFen: z.number().int(),
    byPlatform: z.array(
      z.object({ platform: SyncedPlatformSchema, orders: count, gmvFen: z.number().int() }),
    ),
  }),
  leaderboard: z.object({
    visible: z.boolean(),
    by: z.enum(['product', 'county']),
    metric: z.enum(['units', 'gmv']),
    rows: z.array(LeaderboardRowSchema),
  }),
  lowerThird: z.object({
    visible: z.boolean(),
    name: z.string(),
    title: z.string(),
    county: z.string(),
    /** The tag's text (县长 …); '' shows the word for `kind`. */
    role: z.string(),
    kind: z.enum(['host', 'guest']),
  }),
});
export type OverlaySections = z.infer<typeof OverlaySectionsSchema>;
export type SectionName = keyof OverlaySections;
export const sectionNames: readonly SectionName[] = sectionNamesList;

export const OverlayStateSchema = OverlaySectionsSchema.extend({
  /** Increases by one with every pushed change. */
  rev: z.number().int().nonnegative(),
});
export type OverlayState = z.infer<typeof OverlayStateSchema>;
