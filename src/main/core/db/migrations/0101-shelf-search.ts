import type { Migration } from '../migration';

/**
 * Search over the shelf. Trigram FTS5 finds substrings of 3+ characters in Chinese, Latin and
 * Arabic script alike; Chinese queries are often 1-2 characters (枣, 核桃), which trigrams cannot
 * answer, so product_gram keeps each product's distinct 1- and 2-character grams for those.
 * The FTS index follows the product table by triggers; product_gram is written by the shelf
 * store (splitting text into grams is not something a trigger can do). shelf_undo keeps what a
 * destructive action changed so the operator can take it back.
 */
export const shelfSearchMigration: Migration = {
  version: 101,
  name: 'shelf-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE product_fts USING fts5(
        name_zh, name_en, name_ug, origin_city, origin_county, selling_points,
        content = 'product', content_rowid = 'id', tokenize = 'trigram'
      );
      CREATE TRIGGER product_fts_insert AFTER INSERT ON product BEGIN
        INSERT INTO product_fts (rowid, name_zh, name_en, name_ug, origin_city, origin_county, selling_points)
        VALUES (new.id, new.name_zh, new.name_en, new.name_ug, new.origin_city, new.origin_county, new.selling_points);
      END;
      CREATE TRIGGER product_fts_delete AFTER DELETE ON product BEGIN
        INSERT INTO product_fts (product_fts, rowid, name_zh, name_en, name_ug, origin_city, origin_county, selling_points)
        VALUES ('delete', old.id, old.name_zh, old.name_en, old.name_ug, old.origin_city, old.origin_county, old.selling_points);
      END;
      CREATE TRIGGER product_fts_update
      AFTER UPDATE OF name_zh, name_en, name_ug, origin_city, origin_county, selling_points ON product BEGIN
        INSERT INTO product_fts (product_fts, rowid, name_zh, name_en, name_ug, origin_city, origin_county, selling_points)
        VALUES ('delete', old.id, old.name_zh, old.name_en, old.name_ug, old.origin_city, old.origin_county, old.selling_points);
        INSERT INTO product_fts (rowid, name_zh, name_en, name_ug, origin_city, origin_county, selling_points)
        VALUES (new.id, new.name_zh, new.name_en, new.name_ug, new.origin_city, new.origin_county, new.selling_points);
      END;
      INSERT INTO product_fts (product_fts) VALUES ('rebuild');

      CREATE TABLE product_gram (
        gram TEXT NOT NULL,
        product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        PRIMARY KEY (gram, product_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX product_gram_product ON product_gram (product_id);

      CREATE TABLE shelf_undo (
        token TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
    // Products written before this migration get their grams here, as the shelf store would.
    const insert = db.prepare('INSERT OR IGNORE INTO product_gram (gram, product_id) VALUES (?, ?)');
    const rows = db
      .prepare<[], Record<string, string | number | null>>(
        'SELECT id, name_zh, name_en, name_ug, origin_city, origin_county, selling_points FROM product',
      )
      .all();
    for (const { id, ...text } of rows) {
      for (const gram of shortGrams(Object.values(text) as (string | null)[])) insert.run(gram, id);
    }
  },
};

/**
 * The 1- and 2-character grams of the texts, as the shelf store wrote them when this migration was
 * made (NFKC, lower case, split on whitespace, a surrogate pair is one character). Frozen here: a
 * migration must do the same on every database whatever the shelf's code later becomes.
 */
function shortGrams(texts: readonly (string | null)[]): string[] {
  const grams = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of text.normalize('NFKC').toLowerCase().split(/\s+/)) {
      const cs = Array.from(word);
      for (let i = 0; i < cs.length; i++) {
        grams.add(cs[i]!);
        if (i + 1 < cs.length) grams.add(cs[i]! + cs[i + 1]!);
      }
    }
  }
  return [...grams];
}
