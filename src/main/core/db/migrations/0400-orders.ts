import type { Migration } from '../migration';

/**
 * Order ledger, sales aggregates, unmapped-SKU mappings, shops and their sync cursors.
 * Ids from platforms are TEXT (19 digits exceed 2^53); money is integer fen; times UTC ms.
 */
export const ordersMigration: Migration = {
  version: 400,
  name: 'orders',
  up(db) {
    db.exec(`
      CREATE TABLE shop (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL CHECK (platform IN ('kuaishou', 'douyin', 'jd', 'taobao')),
        shop_id TEXT NOT NULL,
        label TEXT NOT NULL,
        -- non-secret settings as JSON (app key, sign method, gateway); secrets live in the secret table
        config TEXT NOT NULL DEFAULT '{}',
        simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1)),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        UNIQUE (platform, shop_id)
      ) STRICT;

      -- One row per (shop, query mode): the incremental sync by update time and the sweep by create time.
      CREATE TABLE sync_cursor (
        shop INTEGER NOT NULL REFERENCES shop (id) ON DELETE CASCADE,
        mode TEXT NOT NULL CHECK (mode IN ('update', 'create')),
        watermark INTEGER NOT NULL,
        -- the window being drained; NULL when none is in flight
        window_from INTEGER,
        window_to INTEGER,
        page_token TEXT,
        pages INTEGER NOT NULL DEFAULT 0,
        last_success_at INTEGER,
        PRIMARY KEY (shop, mode)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE order_line (
        platform TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        line_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('unpaid', 'paid', 'shipped', 'completed', 'cancelled')),
        refund_state TEXT NOT NULL CHECK (refund_state IN ('none', 'requested', 'refunded')),
        item_id TEXT NOT NULL,
        sku_id TEXT NOT NULL,
        outer_sku TEXT NOT NULL,
        title TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity >= 0),
        paid_fen INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        paid_at INTEGER,
        updated_at INTEGER NOT NULL,
        -- NULL: maps to no shelf product (the unmapped queue)
        product_id INTEGER,
        -- show the order is attributed to (0 = none), and the minute it counts in
        show_id INTEGER NOT NULL,
        minute INTEGER NOT NULL,
        -- units currently taken from the product's stock by this line
        stock_taken INTEGER NOT NULL DEFAULT 0,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (platform, shop_id, order_id, line_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX order_line_feed ON order_line (updated_at);
      CREATE INDEX order_line_unmapped ON order_line (platform, sku_id) WHERE product_id IS NULL;

      -- The platform's JSON for an order, as received, newest version.
      CREATE TABLE order_raw (
        platform TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        raw TEXT NOT NULL,
        PRIMARY KEY (platform, shop_id, order_id)
      ) STRICT, WITHOUT ROWID;

      -- Aggregates kept in the same transaction as the lines: per show, platform, product (0 = unmapped), minute.
      CREATE TABLE sales_minute (
        show_id INTEGER NOT NULL,
        platform TEXT NOT NULL,
        product_id INTEGER NOT NULL,
        minute INTEGER NOT NULL,
        lines INTEGER NOT NULL,
        units INTEGER NOT NULL,
        gmv_fen INTEGER NOT NULL,
        refunded_fen INTEGER NOT NULL,
        PRIMARY KEY (show_id, platform, product_id, minute)
      ) STRICT, WITHOUT ROWID;

      -- Distinct counted orders (an order counts while any of its lines does).
      CREATE TABLE sales_order_minute (
        show_id INTEGER NOT NULL,
        platform TEXT NOT NULL,
        minute INTEGER NOT NULL,
        orders INTEGER NOT NULL,
        PRIMARY KEY (show_id, platform, minute)
      ) STRICT, WITHOUT ROWID;

      -- Operator's answers from the unmapped queue: this platform SKU is that product.
      CREATE TABLE sku_mapping (
        platform TEXT NOT NULL,
        sku_id TEXT NOT NULL,
        product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (platform, sku_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
