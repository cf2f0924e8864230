import type Database from 'better-sqlite3';
import type { FileFormat, ImportField, Listing, Product } from '@shared/api/domains/shelf';
import { listingFromRow, productFromRow, type ListingRow, type ProductRow } from '../shelf-rows';
import { exportHeader, FIELDS } from './columns';
import { formatFen } from './money';
import { writeTable, type FileDownload } from './table-file';

/** One export row per product, in the columns the importer recognises. */
export function shelfRows(product: Product, listings: readonly Listing[]): string[] {
  const first = (platform: string) => listings.find((l) => l.platform === platform);
  const value = (field: ImportField): string => {
    const platformField = /^(kuaishou|douyin|jd|taobao)(ItemId|SkuIds|CartLink)$/.exec(field);
    if (platformField) {
      const l = first(platformField[1]!);
      if (!l) return '';
      if (platformField[2] === 'ItemId') return l.itemId;
      if (platformField[2] === 'SkuIds') return l.skuIds.join('|');
      return l.cartLinkNo === null ? '' : String(l.cartLinkNo);
    }
    switch (field) {
      case 'listPrice':
        return formatFen(product.listPriceFen);
      case 'livePrice':
        return formatFen(product.livePriceFen);
      case 'stock':
        return String(product.stock);
      default: {
        const v = product[field as keyof Product];
        return v === null || v === undefined ? '' : String(v);
      }
    }
  };
  return FIELDS.map(value);
}

/** The whole shelf (archived products too) as CSV or XLSX. */
export async function exportShelf(
  db: Database.Database,
  format: FileFormat,
  stamp: string,
): Promise<FileDownload> {
  const products = db.prepare<[], ProductRow>('SELECT * FROM product ORDER BY id').all().map(productFromRow);
  const listings = new Map<number, Listing[]>();
  const listingRows = db
    .prepare<[], ListingRow>(
      `SELECT l.*, (SELECT json_group_array(sku_id) FROM listing_sku s WHERE s.listing_id = l.id) AS sku_ids
       FROM platform_listing l ORDER BY l.id`,
    )
    .all();
  for (const l of listingRows.map(listingFromRow)) {
    const list = listings.get(l.productId) ?? [];
    list.push(l);
    listings.set(l.productId, list);
  }
  const rows = products.map((p) => shelfRows(p, listings.get(p.id) ?? []));
  return writeTable(`shelf-${stamp}`, format, FIELDS.map(exportHeader), rows);
}
