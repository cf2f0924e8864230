import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { shortGrams } from '../../shelf/search-text';
import { migrate } from '../migration';
import { migrations } from './index';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function database(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  open.push(db);
  return db;
}

/** Every table, index and trigger as SQLite stores it (what a fresh database has, an upgraded one must too). */
const schema = (db: Database.Database) =>
  db
    .prepare<[], { type: string; name: string; sql: string | null }>(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();

const PRODUCTS: [string, string | null, string][] = [
  ['和田薄皮核桃 ＡＢＣ', 'Hotan walnuts', '和田县'],
  ['若羌灰枣 😀', null, '若羌县'],
];

describe('an existing database upgrades to the current schema', () => {
  const fresh = new Database(':memory:');
  migrate(fresh, migrations);
  const freshSchema = schema(fresh);
  fresh.close();
  const latest = migrations.at(-1)!.version;

  // One level per era: before shelf search, per-area ranges (shelf, orders, show day), then the global sequence.
  for (const level of [100, 101, 450, 500, 600, 640]) {
    it(`from migration ${level}`, () => {
      const db = database();
      migrate(
        db,
        migrations.filter((m) => m.version <= level),
      );
      const insert = db.prepare(
        `INSERT INTO product (name_zh, name_en, origin_county, list_price_fen, live_price_fen, created_at, updated_at)
         VALUES (?, ?, ?, 3990, 2990, 0, 0)`,
      );
      for (const p of PRODUCTS) insert.run(...p);
      expect(migrate(db, migrations)).toBe(latest);
      expect(schema(db)).toEqual(freshSchema);
      expect(db.prepare('SELECT name_zh FROM product ORDER BY id').pluck().all()).toEqual(
        PRODUCTS.map((p) => p[0]),
      );
      // Grams of products that existed before 0101 (written by the migration's frozen copy), or written by the store
      // after it: either way what the shelf's search reads today.
      const grams = db
        .prepare<[number], string>('SELECT gram FROM product_gram WHERE product_id = ? ORDER BY gram')
        .pluck();
      if (level < 101)
        PRODUCTS.forEach((p, i) =>
          expect(grams.all(i + 1)).toEqual(shortGrams([p[0], p[1], null, p[2], null]).sort()),
        );
    });
  }
});
