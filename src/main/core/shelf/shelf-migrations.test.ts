import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migration';
import { migrations } from '../db/migrations';

let db: Database.Database;
afterEach(() => db?.close());

const upTo = (version: number) => migrations.filter((m) => m.version <= version);

describe('shelf migrations on :memory:', () => {
  it('creates STRICT tables with foreign keys and checks that refuse bad rows', () => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, migrations)).toBeGreaterThanOrEqual(101);
    const strict = db
      .prepare<[], { name: string; strict: number }>(
        `SELECT name, strict FROM pragma_table_list WHERE name IN
         ('product', 'product_image', 'platform_listing', 'listing_sku', 'show', 'rundown_slot', 'product_gram', 'shelf_undo')`,
      )
      .all();
    expect(strict).toHaveLength(8);
    expect(strict.every((t) => t.strict === 1)).toBe(true);
    const insert = (price: unknown) =>
      db
        .prepare(
          `INSERT INTO product (name_zh, list_price_fen, live_price_fen, created_at, updated_at) VALUES ('枣', ?, 100, 0, 0)`,
        )
        .run(price);
    expect(() => insert('39.9')).toThrow(/cannot store REAL value in INTEGER column/); // money never as a float;
    expect(() => insert(-1)).toThrow(/CHECK constraint failed/);
    expect(() =>
      db
        .prepare(`INSERT INTO platform_listing (product_id, platform, item_id) VALUES (999, 'jd', '1')`)
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    expect(() =>
      db
        .prepare(`INSERT INTO platform_listing (product_id, platform, item_id) VALUES (1, 'pinduoduo', '1')`)
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('indexes products that existed before the search migration, for long and short queries', () => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(100));
    db.prepare(
      `INSERT INTO product (name_zh, origin_county, list_price_fen, live_price_fen, created_at, updated_at)
       VALUES ('和田薄皮核桃', '和田县', 3990, 3990, 0, 0)`,
    ).run();
    migrate(db, migrations);
    const fts = db.prepare(`SELECT rowid FROM product_fts WHERE product_fts MATCH '"薄皮核"'`).all();
    expect(fts).toEqual([{ rowid: 1 }]);
    const grams = db.prepare(`SELECT product_id FROM product_gram WHERE gram IN ('核桃', '县')`).all();
    expect(grams).toEqual([{ product_id: 1 }, { product_id: 1 }]);
  });

  it('keeps the FTS index in step with updates and deletes (triggers)', () => {
    db = new Database(':memory:');
    migrate(db, migrations);
    db.prepare(
      `INSERT INTO product (name_zh, list_price_fen, live_price_fen, created_at, updated_at) VALUES ('静宁苹果', 1, 1, 0, 0)`,
    ).run();
    const hits = (q: string) =>
      db.prepare(`SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH ?`).get(q);
    db.prepare(`UPDATE product SET stock = 5`).run(); // not a text column: index untouched
    expect(hits('"静宁苹"')).toEqual({ n: 1 });
    db.prepare(`UPDATE product SET name_zh = '庄浪苹果'`).run();
    expect(hits('"静宁苹"')).toEqual({ n: 0 });
    expect(hits('"庄浪苹"')).toEqual({ n: 1 });
    db.prepare(`DELETE FROM product`).run();
    expect(hits('"苹果"')).toEqual({ n: 0 });
    db.prepare(`INSERT INTO product_fts (product_fts) VALUES ('integrity-check')`).run();
  });
});
