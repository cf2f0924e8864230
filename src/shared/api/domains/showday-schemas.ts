import { z } from 'zod';
import { PriceChangeSchema } from './shelf-price';
import { OverlayIdSchema, OverlayStateSchema } from '../../overlays/overlay-state';
import { IdSchema, ProductSchema, ShowSchema, SyncedPlatformSchema } from './shelf-model';

/** Shapes of show day: cues, the console state, the on-air log, the dashboard and the report. */

const id = IdSchema;
const count = z.number().int().nonnegative();
const money = z.number().int();

/** What a cue puts on air besides the product and camera; stored per rundown slot. */
export const CueSettingsSchema = z.object({
  productCard: z.boolean(),
  ticker: z.boolean(),
  /** The slot's guest on the lower third (only when the slot names a presenter). */
  lowerThird: z.boolean(),
  /** Flash-sale countdown started by GO; null = none. */
  countdownSeconds: z
    .number()
    .int()
    .min(5)
    .max(3 * 3600)
    .nullable(),
  /** Talking points for the anchor, one per line; null = the product's selling points. */
  talkingPoints: z.string().max(4000).nullable(),
});
export type CueSettings = z.infer<typeof CueSettingsSchema>;

export const CueSchema = z.object({
  slotId: id,
  showId: id,
  position: count,
  product: ProductSchema,
  presenter: z.object({
    name: z.string(),
    title: z.string(),
    county: z.string(),
    /** The slot's role for the lower third's tag ('' = by `kind`: 主播 or 嘉宾). */
    role: z.string(),
    kind: z.enum(['host', 'guest']),
  }),
  cameraPreset: z.string(),
  /** The slot's override, else the product's live price. */
  livePriceFen: count,
  cartLinkNo: z.number().int().positive().nullable(),
  plannedSeconds: count,
  settings: CueSettingsSchema,
  /** The settings' talking points, or the product's selling points. */
  talkingPoints: z.string(),
});
export type Cue = z.infer<typeof CueSchema>;

export const ShowStateSchema = z.object({
  /** The show the console runs, or null before one is chosen. */
  showId: id.nullable(),
  /** The OBS connection GO drives, or null for overlays only. */
  obsInstanceId: id.nullable(),
  /**
   * The other OBS instances every GO drives as well, e.g. the portrait one next to a landscape
   * main OBS (each maps the cue's camera preset to its own scene). Empty without a main OBS.
   */
  alsoObsInstanceIds: z.array(id),
  onAirSlotId: id.nullable(),
  /** The cue GO fires next (what the preview shows). */
  standbySlotId: id.nullable(),
  /** Set when the on-air product sold out: the console offers the next cue. */
  soldOut: z.object({ slotId: id, productId: id, at: z.number().int() }).nullable(),
  lastGoAt: z.number().int().nullable(),
  /** The show's on-air window (UTC ms): opened by its first GO or "start show", closed by "end show". */
  onAirFrom: z.number().int().nullable(),
  /** null while the window is open (the show is on air). */
  onAirTo: z.number().int().nullable(),
  /** Put the cue on air back by itself when OBS comes back with another program scene. */
  autoReapply: z.boolean(),
  /**
   * The show's OBS is connected but its program is not the on-air cue's camera scene (OBS restarted
   * and loaded its last saved scene, or someone switched it by hand): show.reapply puts it back.
   */
  obsMismatch: z.object({ program: z.string().nullable(), expected: z.string() }).nullable(),
});
export type ShowState = z.infer<typeof ShowStateSchema>;

export const ObsOutcomeSchema = z.object({
  state: z.enum(['applied', 'skipped', 'failed']),
  /** Why OBS was skipped or failed: an i18n key with its params. */
  key: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** After GO: the scene OBS has on program (what `obs.state` says when GO returns). */
  program: z.string().nullable().optional(),
  /**
   * After GO with more than one OBS (landscape and portrait): each OBS the show drives, the main
   * one first, with what happened there and its program scene.
   */
  instances: z
    .array(
      z.object({
        instanceId: id,
        name: z.string(),
        orientation: z.enum(['landscape', 'portrait']),
        state: z.enum(['applied', 'skipped', 'failed']),
        key: z.string().nullable(),
        params: z.record(z.string(), z.union([z.string(), z.number()])),
        program: z.string().nullable(),
      }),
    )
    .optional(),
});
export type ObsOutcome = z.infer<typeof ObsOutcomeSchema>;

export const LogActionSchema = z.enum([
  'select',
  'preview',
  'go',
  'on_air',
  'sold_out',
  'clear_overlays',
  'overlay',
  'camera',
  'countdown',
  'end',
  'start',
  'window',
  'reapply',
]);
export type LogAction = z.infer<typeof LogActionSchema>;

export const LogEntrySchema = z.object({
  id,
  showId: id,
  at: z.number().int(),
  action: LogActionSchema,
  slotId: id.nullable(),
  productId: id.nullable(),
  /** Who did it: the role and link label of the caller, or `studio` for automatic entries. */
  actor: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

export const CueWarningSchema = z.object({
  code: z.enum([
    'sold_out',
    'low_stock',
    'obs_down',
    'camera_unmapped',
    'scene_missing',
    'overlays_missing',
    // the cue's price changed since the rundown was made or the operator last confirmed it
    'price_changed',
  ]),
  /** An i18n key under `showday:warn.` with its params. */
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type CueWarning = z.infer<typeof CueWarningSchema>;

/** What GO would do for the standby cue: shown in the preview before it happens. */
export const CuePlanSchema = z.object({
  cue: CueSchema,
  /** The scene the camera preset puts on program, when OBS knows it. */
  programScene: z.string().nullable(),
  overlays: z.array(z.object({ overlay: OverlayIdSchema, visible: z.boolean() })),
  overlayPreview: OverlayStateSchema,
  obs: ObsOutcomeSchema,
  /** What the operator should know before pressing GO (sold out, low stock, OBS down, scene missing…). */
  warnings: z.array(CueWarningSchema),
});
export type CuePlan = z.infer<typeof CuePlanSchema>;

export const GoResultSchema = z.object({
  state: ShowStateSchema,
  cue: CueSchema,
  obs: ObsOutcomeSchema,
});

const Tally = z.object({ orders: count, units: count, gmvFen: money });

export const ShopLagSchema = z.object({
  shop: id,
  label: z.string(),
  platform: SyncedPlatformSchema,
  state: z.string(),
  lagMs: z.number().int().nullable(),
});

export const DashboardSchema = z.object({
  showId: id,
  at: z.number().int(),
  totals: Tally.extend({ refundedFen: money }),
  /** Reported by no synced platform's order API today; null until one does. */
  viewers: count.nullable(),
  perMinute: z.array(z.object({ minute: z.number().int(), units: count, gmvFen: money })),
  byProduct: z.array(
    Tally.extend({
      productId: id,
      name: z.string(),
      county: z.string(),
      /** The product's first image (for `shelf.image`), null without one. */
      imageId: id.nullable().default(null),
    }),
  ),
  byCounty: z.array(z.object({ city: z.string(), county: z.string(), units: count, gmvFen: money })),
  /** Cities summed from their counties, largest GMV first. */
  byCity: z.array(z.object({ city: z.string(), units: count, gmvFen: money })).default([]),
  byPlatform: z.array(Tally.extend({ platform: SyncedPlatformSchema })),
  shops: z.array(ShopLagSchema),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const AirtimeRowSchema = z.object({
  productId: id,
  name: z.string(),
  airtimeMs: count,
  /** Sales paid while the product was on air. */
  unitsOnAir: count,
  gmvOnAirFen: money,
  /** GMV on air per minute of airtime (fen, rounded); null without airtime. */
  gmvPerAirMinuteFen: money.nullable(),
  unitsPerAirMinute: z.number().nullable(),
});
export type AirtimeRow = z.infer<typeof AirtimeRowSchema>;

export const ReportSchema = z.object({
  showId: id,
  title: z.string(),
  showDate: z.string(),
  generatedAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  totals: Tally.extend({ refundedFen: money }),
  byProduct: z.array(Tally.extend({ productId: id, name: z.string(), city: z.string(), county: z.string() })),
  byCounty: z.array(z.object({ city: z.string(), county: z.string(), units: count, gmvFen: money })),
  byCity: z.array(z.object({ city: z.string(), units: count, gmvFen: money })),
  byPlatform: z.array(Tally.extend({ platform: SyncedPlatformSchema })),
  /** Sales of each slot's product during that slot's airtime, by presenter. */
  byPresenter: z.array(z.object({ presenter: z.string(), airtimeMs: count, units: count, gmvFen: money })),
  airtime: z.array(AirtimeRowSchema),
  perMinute: z.array(z.object({ minute: z.number().int(), units: count, gmvFen: money })),
  cues: count,
  /** Every price change of the show's products and slots on its day (the price audit log). */
  priceChanges: z.array(PriceChangeSchema),
});
export type Report = z.infer<typeof ReportSchema>;

/** What changing a show's on-air window did. */
export const ShowWindowResultSchema = z.object({
  show: ShowSchema,
  /** Order lines that moved to or from this show (or another one whose window closed). */
  moved: count,
  /** Shows whose open window was closed to make room, with the time it closed. */
  closed: z.array(z.object({ showId: id, to: z.number().int() })),
});
export type ShowWindowResult = z.infer<typeof ShowWindowResultSchema>;
