import type { Migration } from '../migration';

/**
 * A large import's undo travels in parts, one per write chunk, so no single JSON document of
 * 100,000 snapshots is built, stored or parsed in one go (that stalled the studio). The parts
 * go with their shelf_undo entry: when the entry is taken or pruned, its parts are deleted.
 */
export const importUndoPartsMigration: Migration = {
  version: 640,
  name: 'import-undo-parts',
  up(db) {
    db.exec(`
      CREATE TABLE shelf_undo_part (
        token TEXT NOT NULL,
        seq INTEGER NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (token, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER shelf_undo_parts_gone AFTER DELETE ON shelf_undo BEGIN
        DELETE FROM shelf_undo_part WHERE token = old.token;
      END;
    `);
  },
};
