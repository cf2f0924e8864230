import type Database from 'better-sqlite3';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import { migrations } from '../../src/main/core/db/migrations';
import { openDatabase } from '../../src/main/core/db/open-database';
import { EventHub } from '../../src/main/core/event-hub';
import { LogHub } from '../../src/main/core/logging/log-hub';
import { ShelfStore } from '../../src/main/core/shelf/shelf-store';
import type { GeneratorItem } from '../../src/main/core/orders/demo/order-generator';
import { syntheticItems } from '../../src/main/core/orders/demo/shelf-items';

export interface ShelfFixture {
  db: Database.Database;
  events: EventHub;
  shelf: ShelfStore;
  /** Product ids in the order of `items`. */
  productIds: number[];
  items: GeneratorItem[];
}

const COUNTIES = [
  ['兰州市', '榆中县'],
  ['天水市', '秦安县'],
  ['定西市', '安定区'],
  ['陇南市', '武都区'],
  ['和田地区', '和田县'],
] as const;

/**
 * A migrated database (file or :memory:) with `count` products, each listed on the given
 * platforms with one SKU: the shelf order sync maps to in tests and benches.
 */
export function shelfFixture(
  count: number,
  platforms: readonly SyncedPlatform[],
  options: { file?: string; stock?: number; items?: GeneratorItem[] } = {},
): ShelfFixture {
  const { db } = openDatabase(options.file ?? ':memory:', migrations, new LogHub().logger('test'));
  const events = new EventHub();
  const items = options.items ?? syntheticItems(count);
  const now = Date.now();
  const insertProduct = db.prepare(
    `INSERT INTO product (name_zh, origin_province, origin_city, origin_county, list_price_fen, live_price_fen, stock,
       status, outer_sku, created_at, updated_at)
     VALUES (?, '甘肃省', ?, ?, ?, ?, ?, 'ready', ?, ?, ?) RETURNING id`,
  );
  const insertListing = db.prepare(
    `INSERT INTO platform_listing (product_id, platform, shop_id, item_id, outer_sku) VALUES (?, ?, '', ?, ?) RETURNING id`,
  );
  const insertSku = db.prepare('INSERT INTO listing_sku (listing_id, sku_id) VALUES (?, ?)');
  const productIds = db.transaction(() =>
    items.map((item, i) => {
      const [city, county] = COUNTIES[i % COUNTIES.length]!;
      const { id } = insertProduct.get(
        item.title,
        city,
        county,
        item.unitPriceFen,
        item.unitPriceFen,
        options.stock ?? 1_000_000,
        item.outerSku,
        now,
        now,
      ) as { id: number };
      for (const p of platforms) {
        const listing = insertListing.get(id, p, item.itemId, item.outerSku) as { id: number };
        insertSku.run(listing.id, item.skuId);
      }
      return id;
    }),
  )();
  return { db, events, shelf: new ShelfStore(() => db, events), productIds, items };
}
