import type { Migration } from '../migration';

/**
 * The settings document's `console` object (port, LAN access of the HTTP + WebSocket server that
 * serves the operator UI) is called `server`: "console" now means only the on-air console.
 */
export const settingsServerMigration: Migration = {
  version: 770,
  name: 'settings-server',
  up(db) {
    db.exec(`
      UPDATE setting
         SET value = json_remove(json_set(value, '$.server', json_extract(value, '$.console')), '$.console')
       WHERE key = 'studio.settings'
         AND json_valid(value)
         AND json_type(value, '$.console') = 'object'
         AND json_type(value, '$.server') IS NULL;
    `);
  },
};
