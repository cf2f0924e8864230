import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration';
import { migrations } from '.';
import { SettingsStore } from '../../settings/settings-store';

describe('migration 0770 settings-server', () => {
  it('keeps a saved port and LAN access under the settings’ new name', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 770),
    );
    db.prepare(`INSERT INTO setting (key, value, updated_at) VALUES ('studio.settings', ?, 0)`).run(
      JSON.stringify({ studioName: '和田味道', console: { port: 5123, lanAccess: true } }),
    );
    migrate(db, migrations);
    expect(new SettingsStore(db).get()).toEqual({
      studioName: '和田味道',
      server: { port: 5123, lanAccess: true },
    });
  });

  it('leaves an unreadable settings value alone (the store falls back to defaults)', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 770),
    );
    db.prepare(
      `INSERT INTO setting (key, value, updated_at) VALUES ('studio.settings', 'not json', 0)`,
    ).run();
    migrate(db, migrations);
    expect(db.prepare(`SELECT value FROM setting WHERE key = 'studio.settings'`).pluck().get()).toBe(
      'not json',
    );
  });
});
