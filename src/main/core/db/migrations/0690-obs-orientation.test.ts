import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration';
import { migrations } from '.';

describe('migration 0690 obs-orientation', () => {
  it('keeps existing OBS connections landscape and forgets a removed one from the show', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      migrations.filter((m) => m.version < 690),
    );
    db.prepare(
      `INSERT INTO obs_connection (name, host, port, enabled, created_at, updated_at) VALUES ('Main', '127.0.0.1', 4455, 1, 1, 1)`,
    ).run();
    migrate(db, migrations);
    expect(db.prepare('SELECT name, orientation FROM obs_connection').all()).toEqual([
      { name: 'Main', orientation: 'landscape' },
    ]);
    const add = db.prepare(
      `INSERT INTO obs_connection (name, host, port, enabled, orientation, created_at, updated_at) VALUES (?, '127.0.0.1', 4456, 1, ?, 1, 1)`,
    );
    const portrait = add.run('Vertical', 'portrait').lastInsertRowid;
    expect(() => add.run('Square', 'square')).toThrow(/CHECK/);
    db.prepare('INSERT INTO showday_obs (obs_instance_id) VALUES (?)').run(portrait);
    expect(() => db.prepare('INSERT INTO showday_obs (obs_instance_id) VALUES (999)').run()).toThrow(
      /FOREIGN KEY/,
    );
    db.prepare('DELETE FROM obs_connection WHERE id = ?').run(portrait);
    expect(db.prepare('SELECT count(*) AS n FROM showday_obs').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
