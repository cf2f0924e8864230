import type { Migration } from '../migration';

/**
 * Two orientations from one GO: each OBS connection says which picture it makes (a landscape
 * 1920×1080 one for Taobao/JD/web, a portrait 1080×1920 one for Douyin/Kuaishou), and the Show
 * console keeps, next to its main OBS, the other OBS instances every GO drives as well.
 * Existing connections stay landscape, as they were.
 */
export const obsOrientationMigration: Migration = {
  version: 690,
  name: 'obs-orientation',
  up(db) {
    db.exec(`
      ALTER TABLE obs_connection
        ADD COLUMN orientation TEXT NOT NULL DEFAULT 'landscape'
          CHECK (orientation IN ('landscape', 'portrait'));
      CREATE TABLE showday_obs (
        obs_instance_id INTEGER PRIMARY KEY REFERENCES obs_connection (id) ON DELETE CASCADE
      ) STRICT;
    `);
  },
};
