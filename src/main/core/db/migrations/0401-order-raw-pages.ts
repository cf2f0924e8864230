import type { Migration } from '../migration';

/**
 * Write volume of the ledger, measured by `npm run bench:orders` (WAL frames per committed page):
 *
 * - The platform JSON was one row per order in a WITHOUT ROWID table: ~600-byte rows, half of all
 *   pages the ledger wrote. It now goes in once per fetched page, deflated, in a rowid table (an
 *   append writes one or two pages); each line points at its order's place in that page.
 * - sales_minute was keyed (show, platform, product, minute): one page's orders, spread over the
 *   shelf, touched a leaf page per product. Keyed (show, platform, minute, product), the cells
 *   of the minute being sold in sit together.
 */
export const orderRawPagesMigration: Migration = {
  version: 401,
  name: 'order-raw-pages',
  up(db) {
    db.exec(`
      -- One fetched page's orders as received: each order's JSON on its own line, deflated.
      CREATE TABLE order_raw_page (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        codec TEXT NOT NULL CHECK (codec IN ('deflate-raw', 'none')),
        orders INTEGER NOT NULL,
        body BLOB NOT NULL
      ) STRICT;

      -- Where the newest version of the line's order is kept: page and line within it.
      ALTER TABLE order_line ADD COLUMN raw_page INTEGER;
      ALTER TABLE order_line ADD COLUMN raw_index INTEGER;

      CREATE TABLE sales_minute_by_minute (
        show_id INTEGER NOT NULL,
        platform TEXT NOT NULL,
        minute INTEGER NOT NULL,
        product_id INTEGER NOT NULL,
        lines INTEGER NOT NULL,
        units INTEGER NOT NULL,
        gmv_fen INTEGER NOT NULL,
        refunded_fen INTEGER NOT NULL,
        PRIMARY KEY (show_id, platform, minute, product_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO sales_minute_by_minute (show_id, platform, minute, product_id, lines, units, gmv_fen, refunded_fen)
        SELECT show_id, platform, minute, product_id, lines, units, gmv_fen, refunded_fen FROM sales_minute;
      DROP TABLE sales_minute;
      ALTER TABLE sales_minute_by_minute RENAME TO sales_minute;
    `);
    // Orders kept the old way become one-order pages (uncompressed), so nothing received is lost.
    const page = db.prepare(
      `INSERT INTO order_raw_page (platform, shop_id, received_at, codec, orders, body)
       VALUES (?, ?, ?, 'none', 1, ?)`,
    );
    const point = db.prepare(
      'UPDATE order_line SET raw_page = ?, raw_index = 0 WHERE platform = ? AND shop_id = ? AND order_id = ?',
    );
    const rows = db
      .prepare<[], { platform: string; shop_id: string; order_id: string; updated_at: number; raw: string }>(
        'SELECT platform, shop_id, order_id, updated_at, raw FROM order_raw',
      )
      .all();
    for (const r of rows) {
      const id = page.run(r.platform, r.shop_id, r.updated_at, Buffer.from(r.raw, 'utf8')).lastInsertRowid;
      point.run(id, r.platform, r.shop_id, r.order_id);
    }
    db.exec('DROP TABLE order_raw');
  },
};
