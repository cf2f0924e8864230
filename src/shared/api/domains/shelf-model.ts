import { z } from 'zod';

/**
 * Shelf and rundown: shapes shared by every area (overlays show products, orders map back
 * to them, show day walks the rundown). Re-exported by ./shelf, which also holds the operations.
 */
export const PlatformSchema = z.enum(['kuaishou', 'douyin', 'jd', 'taobao', 'other']);
export type Platform = z.infer<typeof PlatformSchema>;
/** Platforms with an order API we sync from. */
export const SyncedPlatformSchema = z.enum(['kuaishou', 'douyin', 'jd', 'taobao']);
export type SyncedPlatform = z.infer<typeof SyncedPlatformSchema>;

export const ProductStatusSchema = z.enum(['draft', 'ready', 'archived']);
export type ProductStatus = z.infer<typeof ProductStatusSchema>;

const id = z.number().int().positive();
const fen = z.number().int().nonnegative();

export const ProductSchema = z.object({
  id,
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  nameUg: z.string().nullable(),
  /** Talking points for the anchor, one per line. */
  sellingPoints: z.string(),
  category: z.string(),
  originProvince: z.string(),
  originCity: z.string(),
  originCounty: z.string(),
  /** e.g. `500g×2袋` */
  specification: z.string(),
  unit: z.string(),
  listPriceFen: fen,
  livePriceFen: fen,
  stock: z.number().int().nonnegative(),
  status: ProductStatusSchema,
  /** The merchant's outer SKU code; matches re-imports and platform orders. */
  outerSku: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Product = z.infer<typeof ProductSchema>;

export const ListingSchema = z.object({
  id,
  productId: id,
  platform: PlatformSchema,
  /** Name of the platform when `platform` is `other`. */
  platformLabel: z.string(),
  shopId: z.string(),
  /** Platform ids are strings: they can exceed 2^53. */
  itemId: z.string(),
  skuIds: z.array(z.string()),
  outerSku: z.string(),
  /** Cart link number shown to viewers: 3 → `3号链接`. */
  cartLinkNo: z.number().int().positive().nullable(),
});
export type Listing = z.infer<typeof ListingSchema>;

export const ShowSchema = z.object({
  id,
  title: z.string(),
  /** Local date of the show, `YYYY-MM-DD`. */
  showDate: z.string(),
  platforms: z.array(PlatformSchema),
  notes: z.string(),
  onAirSlotId: id.nullable(),
  /**
   * On-air window, UTC ms, half-open [from, to): orders whose pay time (create time while unpaid)
   * falls in it count in this show. `onAirFrom` null: never on air; `onAirTo` null: on air now.
   */
  onAirFrom: z.number().int().nullable(),
  onAirTo: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Show = z.infer<typeof ShowSchema>;

export const RundownSlotSchema = z.object({
  id,
  showId: id,
  position: z.number().int().nonnegative(),
  productId: id,
  presenterName: z.string(),
  /** e.g. 副县长 (deputy county head) */
  presenterTitle: z.string(),
  presenterCounty: z.string(),
  /** The lower third's tag (主播, 嘉宾, 县长 …); '' for the default (host, or guest when a title or county is given). */
  presenterRole: z.string(),
  plannedSeconds: z.number().int().nonnegative(),
  /** Camera preset name the OBS capability resolves to a scene or source. */
  cameraPreset: z.string(),
  livePriceOverrideFen: fen.nullable(),
  notes: z.string(),
});
export type RundownSlot = z.infer<typeof RundownSlotSchema>;

/** Row ids (positive integers) and money in integer fen, for the operation schemas. */
export const IdSchema = id;
export const FenSchema = fen;

export const ProductImageSchema = z.object({
  id,
  productId: id,
  position: z.number().int().nonnegative(),
  /** File names relative to `<dataDir>/images`. */
  file: z.string(),
  thumbFile: z.string(),
});
export type ProductImage = z.infer<typeof ProductImageSchema>;
