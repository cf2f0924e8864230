import type { Migration } from '../migration';

/**
 * The Show console's "re-apply the cue on air automatically when OBS comes back with another
 * program scene" option, kept with the console state so it survives a restart.
 */
export const showdayReapplyMigration: Migration = {
  version: 660,
  name: 'showday-reapply',
  up(db) {
    db.exec(`
      ALTER TABLE showday_state
        ADD COLUMN auto_reapply INTEGER NOT NULL DEFAULT 0 CHECK (auto_reapply IN (0, 1));
    `);
  },
};
