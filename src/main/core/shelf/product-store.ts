import type Database from 'better-sqlite3';
import type { ListingInput, ProductDetail, ProductInput, ProductPatch } from '@shared/api/domains/shelf';
import { ApiFailure } from '@shared/api/errors';
import { shortGrams } from './search-text';
import {
  imageFromRow,
  listingFromRow,
  productFromRow,
  type ImageRow,
  type ListingRow,
  type ProductRow,
} from './shelf-rows';

const LISTING_SELECT = `
  SELECT l.*, (SELECT json_group_array(sku_id) FROM listing_sku s WHERE s.listing_id = l.id) AS sku_ids
  FROM platform_listing l`;

/** Everything a product owns, as stored: what delete snapshots and undo puts back. */
export interface ProductSnapshot {
  product: ProductRow;
  listings: ListingRow[];
  images: ImageRow[];
}

/**
 * Writes to products and their listings. Keeps product_gram (short-query search) in step with the
 * product text; the FTS index follows by trigger. Callers wrap multi-step work in a transaction.
 */
export class ProductStore {
  private stmts: ReturnType<ProductStore['prepare']> | undefined;

  constructor(private readonly db: () => Database.Database) {}

  private get q() {
    return (this.stmts ??= this.prepare(this.db()));
  }

  private prepare(db: Database.Database) {
    return {
      insert: db.prepare<ProductRow, { id: number }>(
        `INSERT INTO product (id, name_zh, name_en, name_ug, selling_points, category, origin_province,
           origin_city, origin_county, specification, unit, list_price_fen, live_price_fen, stock, status,
           outer_sku, created_at, updated_at)
         VALUES (@id, @name_zh, @name_en, @name_ug, @selling_points, @category, @origin_province, @origin_city,
           @origin_county, @specification, @unit, @list_price_fen, @live_price_fen, @stock, @status,
           @outer_sku, @created_at, @updated_at) RETURNING id`,
      ),
      update: db.prepare<ProductRow>(
        `UPDATE product SET name_zh = @name_zh, name_en = @name_en, name_ug = @name_ug,
           selling_points = @selling_points, category = @category, origin_province = @origin_province,
           origin_city = @origin_city, origin_county = @origin_county, specification = @specification,
           unit = @unit, list_price_fen = @list_price_fen, live_price_fen = @live_price_fen, stock = @stock,
           status = @status, outer_sku = @outer_sku, updated_at = @updated_at
         WHERE id = @id`,
      ),
      product: db.prepare<[number], ProductRow>('SELECT * FROM product WHERE id = ?'),
      byOuterSku: db.prepare<[string], ProductRow>('SELECT * FROM product WHERE outer_sku = ?'),
      byNameSpec: db.prepare<[string, string], ProductRow>(
        'SELECT * FROM product WHERE name_zh = ? AND specification = ? ORDER BY id LIMIT 1',
      ),
      byName: db.prepare<[string], { id: number }>(
        'SELECT id FROM product WHERE name_zh = ? ORDER BY id LIMIT 1',
      ),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM product'),
      deleteProduct: db.prepare<[number]>('DELETE FROM product WHERE id = ?'),
      usedInRundown: db.prepare<[number], { n: number }>(
        'SELECT count(*) AS n FROM rundown_slot WHERE product_id = ?',
      ),
      deleteGrams: db.prepare<[number]>('DELETE FROM product_gram WHERE product_id = ?'),
      insertGram: db.prepare<[string, number]>(
        'INSERT OR IGNORE INTO product_gram (gram, product_id) VALUES (?, ?)',
      ),
      listingsOf: db.prepare<[number], ListingRow>(
        `${LISTING_SELECT} WHERE l.product_id = ? ORDER BY l.platform, l.id`,
      ),
      listingByKey: db.prepare<[string, string, string], { id: number; product_id: number }>(
        'SELECT id, product_id FROM platform_listing WHERE platform = ? AND shop_id = ? AND item_id = ?',
      ),
      deleteListings: db.prepare<[number]>('DELETE FROM platform_listing WHERE product_id = ?'),
      insertListing: db.prepare<
        [number | null, number, string, string, string, string, string, number | null],
        { id: number }
      >(
        `INSERT INTO platform_listing (id, product_id, platform, platform_label, shop_id, item_id, outer_sku, cart_link_no)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ),
      insertSku: db.prepare<[number, string]>(
        'INSERT OR IGNORE INTO listing_sku (listing_id, sku_id) VALUES (?, ?)',
      ),
      images: db.prepare<[number], ImageRow>(
        'SELECT * FROM product_image WHERE product_id = ? ORDER BY position',
      ),
      insertImage: db.prepare<ImageRow>(
        `INSERT INTO product_image (id, product_id, position, file, thumb_file, width, height)
         VALUES (@id, @product_id, @position, @file, @thumb_file, @width, @height)`,
      ),
      image: db.prepare<[number], ImageRow>('SELECT * FROM product_image WHERE id = ?'),
      nextImagePosition: db.prepare<[number], { p: number }>(
        'SELECT coalesce(max(position) + 1, 0) AS p FROM product_image WHERE product_id = ?',
      ),
    };
  }

  count(): number {
    return this.q.count.get()!.n;
  }

  row(id: number): ProductRow | undefined {
    return this.q.product.get(id);
  }

  /** The product a re-import row updates: by outer SKU code, or by name + specification. */
  findForImport(key: 'outerSku' | 'nameAndSpec', outerSku: string | null, nameZh: string, spec: string) {
    if (key === 'outerSku') return outerSku ? this.q.byOuterSku.get(outerSku) : undefined;
    return this.q.byNameSpec.get(nameZh, spec);
  }

  /** The product a platform listing (default shop) belongs to. */
  listingOwner(platform: string, itemId: string, shopId = ''): number | undefined {
    return this.q.listingByKey.get(platform, shopId, itemId)?.product_id;
  }

  /** A product by its exact Chinese name (the first when several share it). */
  findByName(nameZh: string): number | undefined {
    return this.q.byName.get(nameZh)?.id;
  }

  detail(id: number): ProductDetail | undefined {
    const row = this.q.product.get(id);
    if (!row) return undefined;
    return {
      product: productFromRow(row),
      listings: this.q.listingsOf.all(id).map(listingFromRow),
      images: this.q.images.all(id).map(imageFromRow),
    };
  }

  /** Adds a product (and its listings); returns its id. */
  create(input: ProductInput, listings: readonly ListingInput[] = [], now = Date.now()): number {
    const row = toRow(input, { id: null, created_at: now, updated_at: now });
    const id = this.insertRow(row);
    this.replaceListings(id, listings);
    return id;
  }

  /** Applies a patch; `listings` (when given) replaces every listing of the product. */
  update(id: number, patch: ProductPatch, listings?: readonly ListingInput[], now = Date.now()): void {
    const current = this.q.product.get(id);
    if (!current) throw notFound(id);
    const merged = { ...productFromRow(current), ...definedOnly(patch) };
    const row = toRow(merged, { id, created_at: current.created_at, updated_at: now });
    this.guard(() => this.q.update.run(row), row.outer_sku);
    if (!sameSearchText(current, row)) this.indexGrams(row);
    if (listings) this.replaceListings(id, listings);
  }

  /** Writes a whole row as it was (undo). */
  restoreRow(row: ProductRow): void {
    const current = this.q.product.get(row.id);
    this.guard(() => this.q.update.run(row), row.outer_sku);
    if (!current || !sameSearchText(current, row)) this.indexGrams(row);
  }

  replaceListings(productId: number, listings: readonly ListingInput[]): void {
    this.q.deleteListings.run(productId);
    for (const l of listings) {
      const other = this.q.listingByKey.get(l.platform, l.shopId, l.itemId);
      if (other && other.product_id !== productId) {
        throw new ApiFailure(
          'conflict',
          `listing ${l.platform} ${l.itemId} belongs to product ${other.product_id}`,
          {
            key: 'shelf:errors.listingTaken',
            params: { platform: l.platform, itemId: l.itemId, productId: other.product_id },
          },
        );
      }
      const listingId = this.q.insertListing.get(
        null,
        productId,
        l.platform,
        l.platformLabel,
        l.shopId,
        l.itemId,
        l.outerSku,
        l.cartLinkNo,
      )!.id;
      for (const sku of l.skuIds) this.q.insertSku.run(listingId, sku);
    }
  }

  /** Everything the product owns, for undo of a delete. */
  snapshot(id: number): ProductSnapshot | undefined {
    const product = this.q.product.get(id);
    if (!product) return undefined;
    return { product, listings: this.q.listingsOf.all(id), images: this.q.images.all(id) };
  }

  delete(id: number): ProductSnapshot {
    const snap = this.snapshot(id);
    if (!snap) throw notFound(id);
    if (this.q.usedInRundown.get(id)!.n > 0) {
      throw new ApiFailure('conflict', `product ${id} is in a rundown`, {
        key: 'shelf:errors.productInRundown',
        params: { name: snap.product.name_zh },
      });
    }
    this.q.deleteProduct.run(id);
    return snap;
  }

  /** Puts a deleted product back with its own ids (undo). */
  restore(snap: ProductSnapshot): void {
    this.insertRow(snap.product);
    for (const l of snap.listings) {
      const listingId = this.q.insertListing.get(
        l.id,
        l.product_id,
        l.platform,
        l.platform_label,
        l.shop_id,
        l.item_id,
        l.outer_sku,
        l.cart_link_no,
      )!.id;
      for (const sku of listingFromRow(l).skuIds) this.q.insertSku.run(listingId, sku);
    }
    for (const img of snap.images) this.q.insertImage.run(img);
  }

  image(id: number): ImageRow | undefined {
    return this.q.image.get(id);
  }

  addImage(productId: number, file: string, thumbFile: string, width: number | null, height: number | null) {
    const position = this.q.nextImagePosition.get(productId)!.p;
    this.q.insertImage.run({
      id: null,
      product_id: productId,
      position,
      file,
      thumb_file: thumbFile,
      width,
      height,
    });
    return this.q.images.all(productId).find((i) => i.position === position)!;
  }

  private insertRow(row: ProductRow | (Omit<ProductRow, 'id'> & { id: number | null })): number {
    const id = this.guard(() => this.q.insert.get(row as ProductRow)!.id, row.outer_sku);
    this.indexGrams({ ...row, id });
    return id;
  }

  /** Rewrites a product's search grams (the texts `sameSearchText` compares). */
  private indexGrams(
    row: Pick<
      ProductRow,
      'id' | 'name_zh' | 'name_en' | 'name_ug' | 'origin_city' | 'origin_county' | 'selling_points'
    >,
  ): void {
    this.q.deleteGrams.run(row.id);
    const grams = shortGrams([
      row.name_zh,
      row.name_en,
      row.name_ug,
      row.origin_city,
      row.origin_county,
      row.selling_points,
    ]);
    for (const g of grams) this.q.insertGram.run(g, row.id);
  }

  /** Turns the outer-SKU UNIQUE violation into a typed, translated conflict. */
  private guard<T>(write: () => T, outerSku: string | null): T {
    try {
      return write();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && outerSku) {
        throw new ApiFailure('conflict', `outer SKU ${outerSku} is already used`, {
          key: 'shelf:errors.outerSkuTaken',
          params: { outerSku },
        });
      }
      throw err;
    }
  }
}

export const notFound = (id: number, what = 'product') =>
  new ApiFailure('not_found', `${what} ${id} not found`, {
    key: `shelf:errors.${what}NotFound`,
    params: { id },
  });

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

type ProductFields = Omit<ProductInput, 'nameEn' | 'nameUg' | 'outerSku'> & {
  nameEn?: string | null | undefined;
  nameUg?: string | null | undefined;
  outerSku?: string | null | undefined;
};

function toRow(
  p: ProductFields,
  meta: { id: number | null; created_at: number; updated_at: number },
): Omit<ProductRow, 'id'> & { id: number } {
  const blankToNull = (s: string | null | undefined) => (s && s.trim() !== '' ? s.trim() : null);
  return {
    id: meta.id as number,
    name_zh: p.nameZh,
    name_en: blankToNull(p.nameEn),
    name_ug: blankToNull(p.nameUg),
    selling_points: p.sellingPoints,
    category: p.category,
    origin_province: p.originProvince,
    origin_city: p.originCity,
    origin_county: p.originCounty,
    specification: p.specification,
    unit: p.unit,
    list_price_fen: p.listPriceFen,
    live_price_fen: p.livePriceFen,
    stock: p.stock,
    status: p.status,
    outer_sku: blankToNull(p.outerSku),
    created_at: meta.created_at,
    updated_at: meta.updated_at,
  };
}

type SearchText = Pick<
  ProductRow,
  'name_zh' | 'name_en' | 'name_ug' | 'origin_city' | 'origin_county' | 'selling_points'
>;

/**
 * Whether two versions of a product have the same searchable texts: then its search grams (and,
 * by its trigger, its full-text entry) stay as they are. A re-import or an undo that changes prices
 * and stock of 100,000 products rewrote about a hundred index rows each for nothing.
 */
const sameSearchText = (a: SearchText, b: SearchText): boolean =>
  a.name_zh === b.name_zh &&
  a.name_en === b.name_en &&
  a.name_ug === b.name_ug &&
  a.origin_city === b.origin_city &&
  a.origin_county === b.origin_county &&
  a.selling_points === b.selling_points;
