import type { Migration } from '../migration';

/** Longest product name the shelf stores (characters); the importer warns above 60. */
export const PRODUCT_NAME_MAX = 1000;

/**
 * Product names up to 1000 characters: the catalogue import rules store a long supplier name whole
 * (with a warning) instead of refusing it, and the table allowed 200. Only the CHECK constraint
 * changes, and every stored row satisfies the wider one, so the schema text is edited in place
 * (SQLite's documented procedure for loosening a CHECK constraint) rather than copying the table,
 * which its listings, images, slots and search triggers hang on.
 */
export const productLongNamesMigration: Migration = {
  version: 630,
  name: 'product-long-names',
  up(db) {
    const row = db
      .prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'product'")
      .get();
    const old = 'CHECK (length(name_zh) BETWEEN 1 AND 200)';
    if (!row || !row.sql.includes(old))
      throw new Error('product table: name_zh check not as created by 0100');
    const version = db.pragma('schema_version', { simple: true }) as number;
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'product'").run(
        row.sql.replace(old, `CHECK (length(name_zh) BETWEEN 1 AND ${PRODUCT_NAME_MAX})`),
      );
      db.pragma(`schema_version = ${version + 1}`);
      db.pragma('writable_schema = OFF');
    } finally {
      db.unsafeMode(false);
    }
  },
};
