import type Database from 'better-sqlite3';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { GeneratorItem } from './order-generator';

/**
 * What a simulated shop sells: every SKU of the shelf's listings on one platform, at the product's
 * live price. Listings without SKU ids sell under their item id (orders then map by item id).
 */
export function generatorItemsFromShelf(
  db: Database.Database,
  platform: SyncedPlatform,
  shopId?: string,
): GeneratorItem[] {
  const rows = db
    .prepare<
      [string, string | null, string | null],
      { item_id: string; sku_id: string | null; outer_sku: string; name_zh: string; live_price_fen: number }
    >(
      `SELECT l.item_id, k.sku_id, l.outer_sku, p.name_zh, p.live_price_fen
       FROM platform_listing l
       JOIN product p ON p.id = l.product_id
       LEFT JOIN listing_sku k ON k.listing_id = l.id
       WHERE l.platform = ? AND (? IS NULL OR l.shop_id = ? OR l.shop_id = '') AND p.status <> 'archived'
       ORDER BY l.id, k.sku_id`,
    )
    .all(platform, shopId ?? null, shopId ?? null);
  return rows.map((r) => ({
    itemId: r.item_id,
    skuId: r.sku_id ?? r.item_id,
    outerSku: r.outer_sku,
    title: r.name_zh,
    unitPriceFen: r.live_price_fen,
  }));
}

/** A synthetic catalogue (bench, tests without a shelf): `count` items with 19-digit ids. */
export function syntheticItems(count: number, base = 3_500_000_000_000_000_000n): GeneratorItem[] {
  return Array.from({ length: count }, (_, i) => ({
    itemId: String(base + BigInt(i) * 10n),
    skuId: String(base + BigInt(i) * 10n + 1n),
    outerSku: `GS-${String(i + 1).padStart(4, '0')}`,
    title: `商品 ${i + 1}`,
    unitPriceFen: 990 + ((i * 737) % 20_000),
  }));
}
