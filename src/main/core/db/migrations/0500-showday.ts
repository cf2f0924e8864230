import type { Migration } from '../migration';

/**
 * Show day: per-slot cue settings, the console state (one row), and the on-air log the report
 * is built from. The log keeps slot and product ids without foreign keys: it is history and
 * must outlive a slot removed from the rundown later.
 */
export const showdayMigration: Migration = {
  version: 500,
  name: 'showday',
  up(db) {
    db.exec(`
      CREATE TABLE cue_setting (
        slot_id INTEGER PRIMARY KEY REFERENCES rundown_slot (id) ON DELETE CASCADE,
        product_card INTEGER NOT NULL DEFAULT 1 CHECK (product_card IN (0, 1)),
        ticker INTEGER NOT NULL DEFAULT 1 CHECK (ticker IN (0, 1)),
        lower_third INTEGER NOT NULL DEFAULT 1 CHECK (lower_third IN (0, 1)),
        -- NULL: no flash-sale countdown for this cue
        countdown_seconds INTEGER CHECK (countdown_seconds > 0),
        -- NULL: the product's selling points
        talking_points TEXT
      ) STRICT;

      CREATE TABLE showday_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        show_id INTEGER REFERENCES show (id) ON DELETE SET NULL,
        obs_instance_id INTEGER,
        standby_slot_id INTEGER REFERENCES rundown_slot (id) ON DELETE SET NULL,
        sold_out_slot_id INTEGER,
        sold_out_product_id INTEGER,
        sold_out_at INTEGER,
        last_go_at INTEGER
      ) STRICT;
      INSERT INTO showday_state (id) VALUES (1);

      CREATE TABLE on_air_log (
        id INTEGER PRIMARY KEY,
        show_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        slot_id INTEGER,
        product_id INTEGER,
        actor TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX on_air_log_show ON on_air_log (show_id, at);
    `);
  },
};
