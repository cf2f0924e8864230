import type {
  Listing,
  ListingInput,
  Platform,
  Product,
  ProductImage,
  ProductStatus,
  RundownSlot,
  Show,
} from '@shared/api/domains/shelf';

/** Row shapes of the shelf tables and their mapping to the API's camelCase shapes. */
export interface ProductRow {
  id: number;
  name_zh: string;
  name_en: string | null;
  name_ug: string | null;
  selling_points: string;
  category: string;
  origin_province: string;
  origin_city: string;
  origin_county: string;
  specification: string;
  unit: string;
  list_price_fen: number;
  live_price_fen: number;
  stock: number;
  status: string;
  outer_sku: string | null;
  created_at: number;
  updated_at: number;
}

export const productFromRow = (r: ProductRow): Product => ({
  id: r.id,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  nameUg: r.name_ug,
  sellingPoints: r.selling_points,
  category: r.category,
  originProvince: r.origin_province,
  originCity: r.origin_city,
  originCounty: r.origin_county,
  specification: r.specification,
  unit: r.unit,
  listPriceFen: r.list_price_fen,
  livePriceFen: r.live_price_fen,
  stock: r.stock,
  status: r.status as ProductStatus,
  outerSku: r.outer_sku,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface ListingRow {
  id: number;
  product_id: number;
  platform: string;
  platform_label: string;
  shop_id: string;
  item_id: string;
  outer_sku: string;
  cart_link_no: number | null;
  /** JSON array from json_group_array over listing_sku. */
  sku_ids: string;
}

export const listingFromRow = (r: ListingRow): Listing => ({
  id: r.id,
  productId: r.product_id,
  platform: r.platform as Platform,
  platformLabel: r.platform_label,
  shopId: r.shop_id,
  itemId: r.item_id,
  skuIds: (JSON.parse(r.sku_ids) as (string | null)[]).filter((s): s is string => s !== null),
  outerSku: r.outer_sku,
  cartLinkNo: r.cart_link_no,
});

/** A listing as an edit writes it back (what replaceListings takes): the view without its ids. */
export const listingInputFrom = (l: Listing): ListingInput => ({
  platform: l.platform,
  platformLabel: l.platformLabel,
  shopId: l.shopId,
  itemId: l.itemId,
  skuIds: l.skuIds,
  outerSku: l.outerSku,
  cartLinkNo: l.cartLinkNo,
});

export interface ShowRow {
  id: number;
  title: string;
  show_date: string;
  platforms: string;
  notes: string;
  on_air_slot_id: number | null;
  on_air_from: number | null;
  on_air_to: number | null;
  created_at: number;
  updated_at: number;
}

export const showFromRow = (r: ShowRow): Show => ({
  id: r.id,
  title: r.title,
  showDate: r.show_date,
  platforms: JSON.parse(r.platforms) as Platform[],
  notes: r.notes,
  onAirSlotId: r.on_air_slot_id,
  onAirFrom: r.on_air_from,
  onAirTo: r.on_air_to,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface SlotRow {
  id: number;
  show_id: number;
  position: number;
  product_id: number;
  presenter_name: string;
  presenter_title: string;
  presenter_county: string;
  presenter_role: string;
  planned_seconds: number;
  camera_preset: string;
  live_price_override_fen: number | null;
  notes: string;
}

export const slotFromRow = (r: SlotRow): RundownSlot => ({
  id: r.id,
  showId: r.show_id,
  position: r.position,
  productId: r.product_id,
  presenterName: r.presenter_name,
  presenterTitle: r.presenter_title,
  presenterCounty: r.presenter_county,
  presenterRole: r.presenter_role,
  plannedSeconds: r.planned_seconds,
  cameraPreset: r.camera_preset,
  livePriceOverrideFen: r.live_price_override_fen,
  notes: r.notes,
});

export interface ImageRow {
  id: number | null;
  product_id: number;
  position: number;
  file: string;
  thumb_file: string;
  width: number | null;
  height: number | null;
}

export const imageFromRow = (r: ImageRow): ProductImage => ({
  id: r.id!,
  productId: r.product_id,
  position: r.position,
  file: r.file,
  thumbFile: r.thumb_file,
});
