import type { Migration } from '../migration';

/** Products, their platform listings and images; shows and their rundown slots. Money in fen. */
export const shelfMigration: Migration = {
  version: 100,
  name: 'shelf',
  up(db) {
    db.exec(`
      CREATE TABLE product (
        id INTEGER PRIMARY KEY,
        name_zh TEXT NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
        name_en TEXT,
        name_ug TEXT,
        selling_points TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        origin_province TEXT NOT NULL DEFAULT '',
        origin_city TEXT NOT NULL DEFAULT '',
        origin_county TEXT NOT NULL DEFAULT '',
        specification TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        list_price_fen INTEGER NOT NULL CHECK (list_price_fen >= 0),
        live_price_fen INTEGER NOT NULL CHECK (live_price_fen >= 0),
        stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'archived')),
        outer_sku TEXT UNIQUE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX product_origin ON product (origin_city, origin_county);
      CREATE INDEX product_status ON product (status, category);

      CREATE TABLE product_image (
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        -- file names relative to <dataDir>/images
        file TEXT NOT NULL,
        thumb_file TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        UNIQUE (product_id, position)
      ) STRICT;

      CREATE TABLE platform_listing (
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        platform TEXT NOT NULL CHECK (platform IN ('kuaishou', 'douyin', 'jd', 'taobao', 'other')),
        platform_label TEXT NOT NULL DEFAULT '',
        shop_id TEXT NOT NULL DEFAULT '',
        item_id TEXT NOT NULL,
        outer_sku TEXT NOT NULL DEFAULT '',
        cart_link_no INTEGER CHECK (cart_link_no > 0),
        UNIQUE (platform, shop_id, item_id)
      ) STRICT;
      CREATE INDEX platform_listing_product ON platform_listing (product_id);
      CREATE INDEX platform_listing_outer_sku ON platform_listing (platform, outer_sku);

      -- Orders map back to products through these: one row per platform SKU id.
      CREATE TABLE listing_sku (
        listing_id INTEGER NOT NULL REFERENCES platform_listing (id) ON DELETE CASCADE,
        sku_id TEXT NOT NULL,
        PRIMARY KEY (listing_id, sku_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX listing_sku_sku ON listing_sku (sku_id);

      CREATE TABLE show (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        show_date TEXT NOT NULL,
        platforms TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        on_air_slot_id INTEGER REFERENCES rundown_slot (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE rundown_slot (
        id INTEGER PRIMARY KEY,
        show_id INTEGER NOT NULL REFERENCES show (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        product_id INTEGER NOT NULL REFERENCES product (id),
        presenter_name TEXT NOT NULL DEFAULT '',
        presenter_title TEXT NOT NULL DEFAULT '',
        presenter_county TEXT NOT NULL DEFAULT '',
        planned_seconds INTEGER NOT NULL DEFAULT 300 CHECK (planned_seconds >= 0),
        camera_preset TEXT NOT NULL DEFAULT '',
        live_price_override_fen INTEGER CHECK (live_price_override_fen >= 0),
        notes TEXT NOT NULL DEFAULT '',
        UNIQUE (show_id, position)
      ) STRICT;
      CREATE INDEX rundown_slot_product ON rundown_slot (product_id);
    `);
  },
};
