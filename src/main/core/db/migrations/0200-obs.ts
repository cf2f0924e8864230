import type { Migration } from '../migration';

/** OBS connections (password lives sealed in `secret` as `obs.<id>.password`), cameras, audio choices. */
export const obsMigration: Migration = {
  version: 200,
  name: 'obs',
  up(db) {
    db.exec(`
      CREATE TABLE obs_connection (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        host TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Camera presets in key order (position 0 = key 1). Names, never scene item ids:
      -- ids are resolved again after every reconnect.
      CREATE TABLE obs_camera (
        connection_id INTEGER NOT NULL REFERENCES obs_connection (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        preset TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('scene', 'source')),
        scene_name TEXT NOT NULL,
        -- only for kind = 'source'
        source_name TEXT,
        PRIMARY KEY (connection_id, position),
        UNIQUE (connection_id, preset)
      ) STRICT;

      CREATE TABLE obs_audio_input (
        connection_id INTEGER NOT NULL REFERENCES obs_connection (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        input_name TEXT NOT NULL,
        PRIMARY KEY (connection_id, position),
        UNIQUE (connection_id, input_name)
      ) STRICT;
    `);
  },
};
