import type { Migration } from '../migration';

/**
 * The full-text entry of a product is rewritten only when one of its searchable texts changed.
 * The trigger fired on every UPDATE naming those columns, and the product store's update names
 * every column: a price or stock change (a re-import, an undo, order sync's stock) deleted and
 * re-inserted the product's trigram entry for nothing. `IS NOT` compares NULLs as values.
 */
export const searchIndexUnchangedTextMigration: Migration = {
  version: 670,
  name: 'search-index-unchanged-text',
  up(db) {
    db.exec(`
      DROP TRIGGER product_fts_update;
      CREATE TRIGGER product_fts_update
      AFTER UPDATE OF name_zh, name_en, name_ug, origin_city, origin_county, selling_points ON product
      WHEN old.name_zh IS NOT new.name_zh OR old.name_en IS NOT new.name_en OR old.name_ug IS NOT new.name_ug
        OR old.origin_city IS NOT new.origin_city OR old.origin_county IS NOT new.origin_county
        OR old.selling_points IS NOT new.selling_points
      BEGIN
        INSERT INTO product_fts (product_fts, rowid, name_zh, name_en, name_ug, origin_city, origin_county, selling_points)
        VALUES ('delete', old.id, old.name_zh, old.name_en, old.name_ug, old.origin_city, old.origin_county, old.selling_points);
        INSERT INTO product_fts (rowid, name_zh, name_en, name_ug, origin_city, origin_county, selling_points)
        VALUES (new.id, new.name_zh, new.name_en, new.name_ug, new.origin_city, new.origin_county, new.selling_points);
      END;
    `);
  },
};
