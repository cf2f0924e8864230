import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration';
import { migrations } from '.';

describe('migration 0630 product-long-names', () => {
  it('stores names up to 1000 characters, keeps every product, listing and search row', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      migrations.filter((m) => m.version < 630),
    );
    const product = db.prepare(
      `INSERT INTO product (name_zh, list_price_fen, live_price_fen, outer_sku, created_at, updated_at)
       VALUES (?, 100, 90, ?, 1, 1)`,
    );
    const id = product.run('静宁苹果', 'A-1').lastInsertRowid;
    db.prepare(
      `INSERT INTO platform_listing (product_id, platform, item_id) VALUES (?, 'kuaishou', '1')`,
    ).run(id);
    expect(() => product.run('长'.repeat(300), 'A-2')).toThrow(/CHECK/);
    const before = db.prepare('SELECT * FROM product').all();

    migrate(db, migrations);
    expect(db.prepare('SELECT * FROM product').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM platform_listing').get()).toEqual({ n: 1 });
    product.run('长'.repeat(300), 'A-2');
    product.run('长'.repeat(1000), 'A-3');
    expect(() => product.run('长'.repeat(1001), 'A-4')).toThrow(/CHECK/);
    expect(() => product.run('', 'A-5')).toThrow(/CHECK/);
    expect(
      db.prepare(`SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH '长长长'`).get(),
    ).toEqual({ n: 2 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
