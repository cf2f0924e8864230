import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LogHub } from '../logging/log-hub';
import { assertOrdered, DatabaseTooNewError, migrate, type Migration } from './migration';
import { migrations } from './migrations';
import { backupDatabase, openDatabase } from './open-database';

const log = new LogHub().logger('test');
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-db-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('migrations', () => {
  it('apply in order, set user_version, and create STRICT tables', () => {
    const { db, schema } = openDatabase(':memory:', migrations, log);
    expect(schema).toBe(migrations.at(-1)!.version);
    expect(db.pragma('user_version', { simple: true })).toBe(schema);
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) expect({ name: t.name, strict: t.strict }).toEqual({ name: t.name, strict: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('is idempotent when run again', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    expect(() => migrate(db, migrations)).not.toThrow();
  });

  it('refuses a database written by a newer version', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999999');
    expect(() => migrate(db, migrations)).toThrow(DatabaseTooNewError);
  });

  it('rolls back a failing migration completely', () => {
    const db = new Database(':memory:');
    const bad: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      {
        version: 2,
        name: 'broken',
        up: (d) => {
          d.exec('CREATE TABLE b (x INTEGER) STRICT');
          d.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
  });

  it('runs a migration added below one that already ran (areas number their own ranges)', () => {
    const db = new Database(':memory:');
    const table = (version: number, name: string): Migration => ({
      version,
      name,
      up: (d) => d.exec(`CREATE TABLE ${name} (x INTEGER) STRICT`),
    });
    migrate(db, [table(10, 'a'), table(450, 'c')]);
    expect(migrate(db, [table(10, 'a'), table(401, 'b'), table(450, 'c')])).toBe(450);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT version FROM schema_migration ORDER BY version').all()).toEqual([
      { version: 10 },
      { version: 401 },
      { version: 450 },
    ]);
    // A database that ran a migration this build does not know was written by a newer build.
    expect(() => migrate(db, [table(10, 'a'), table(450, 'c')])).toThrow(DatabaseTooNewError);
  });

  it('treats a database with only user_version as having run everything up to it', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE a (x INTEGER) STRICT');
    db.pragma('user_version = 10');
    const ups: number[] = [];
    const m = (version: number): Migration => ({
      version,
      name: `m${version}`,
      up: () => void ups.push(version),
    });
    expect(migrate(db, [m(10), m(20)])).toBe(20);
    expect(ups).toEqual([20]);
  });

  it('rejects a registry out of order', () => {
    const up = () => undefined;
    expect(() =>
      assertOrdered([
        { version: 20, name: 'b', up },
        { version: 10, name: 'a', up },
      ]),
    ).toThrow(/not after/);
  });

  it('opens files in WAL mode with synchronous FULL', () => {
    const file = path.join(tmp(), 'a.db');
    const { db } = openDatabase(file, migrations, log);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('moves a damaged file aside and restores the newest backup', async () => {
    const dir = tmp();
    const file = path.join(dir, 'shelfcast.db');
    const first = openDatabase(file, migrations, log);
    first.db.prepare("INSERT INTO setting (key, value, updated_at) VALUES ('probe', 'kept', 1)").run();
    await backupDatabase(first.db, dir);
    first.db.close();
    fs.writeFileSync(file, 'this is not a database, it is a damaged file '.repeat(200));
    const reopened = openDatabase(file, migrations, log);
    expect(reopened.restoredFrom?.moved).toMatch(/damaged/);
    expect(fs.existsSync(reopened.restoredFrom!.moved!)).toBe(true);
    expect(reopened.db.prepare("SELECT value FROM setting WHERE key = 'probe'").get()).toEqual({
      value: 'kept',
    });
    reopened.db.close();
  });
});
