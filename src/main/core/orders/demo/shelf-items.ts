import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { ShelfReader } from '../../shelf';
import type { GeneratorItem } from './order-generator';

/** What a simulated shop reads of the shelf: its port's listed SKUs. */
export type ListedOnShelf = Pick<ShelfReader, 'listedSkus'>;

/**
 * What a simulated shop sells: every SKU of the shelf's listings on one platform, at the product's
 * live price. Listings without SKU ids sell under their item id (orders then map by item id).
 */
export function generatorItemsFromShelf(
  shelf: ListedOnShelf,
  platform: SyncedPlatform,
  shopId?: string,
): GeneratorItem[] {
  return shelf.listedSkus(platform, shopId).map((r) => ({
    itemId: r.itemId,
    skuId: r.skuId ?? r.itemId,
    outerSku: r.outerSku,
    title: r.nameZh,
    unitPriceFen: r.livePriceFen,
  }));
}

/** Synthetic products (bench, tests without a shelf): `count` items with 19-digit ids. */
export function syntheticItems(count: number, base = 3_500_000_000_000_000_000n): GeneratorItem[] {
  return Array.from({ length: count }, (_, i) => ({
    itemId: String(base + BigInt(i) * 10n),
    skuId: String(base + BigInt(i) * 10n + 1n),
    outerSku: `GS-${String(i + 1).padStart(4, '0')}`,
    title: `商品 ${i + 1}`,
    unitPriceFen: 990 + ((i * 737) % 20_000),
  }));
}
