import type { Migration } from '../migration';

/**
 * A rundown slot's presenter role, the word on the lower third's tag (主播, 嘉宾, 县长 …). Empty:
 * the studio's default for the slot (host, or guest when the slot names a title or county).
 */
export const slotPresenterRoleMigration: Migration = {
  version: 730,
  name: 'slot-presenter-role',
  up(db) {
    db.exec(`
      ALTER TABLE rundown_slot
        ADD COLUMN presenter_role TEXT NOT NULL DEFAULT '' CHECK (length(presenter_role) <= 40);
    `);
  },
};
