import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../event-hub';
import { LogHub } from '../logging/log-hub';
import { StatusBoard } from '../services/service';
import { DatabaseService, DATABASE_FILE } from '../services/database-service';
import { WalCheckpointer } from './wal-checkpointer';

const dirs: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-wal-'));
  dirs.push(d);
  return d;
};

/** A WAL database with a table, and a writer that adds `n` rows of 1 KB in one transaction. */
function walDatabase(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  const write = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run('x'.repeat(1_000));
  });
  return { db, write };
}

describe('WalCheckpointer', () => {
  it('takes checkpoints off the connection: it never checkpoints in a commit, the thread copies the WAL back', async () => {
    const file = path.join(tmp(), 'w.db');
    const { db, write } = walDatabase(file);
    cleanups.push(() => void db.close());
    const cp = new WalCheckpointer(db, file, { everyMs: 3_600_000 });
    expect(cp.start()).toBe(true);
    cleanups.push(() => cp.stop());
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // Far past SQLite's 1,000-page auto-checkpoint: with it on, the commits would have reset the WAL.
    for (let i = 0; i < 10; i++) write(1_000);
    const walPages = () => fs.statSync(file + '-wal').size / 4_096;
    expect(walPages()).toBeGreaterThan(2_000);
    const r = await cp.checkpoint();
    expect(r).toBeDefined();
    expect(r!.log).toBeGreaterThan(2_000);
    expect(r!.checkpointed).toBe(r!.log);
    // All of it is in the database file: another connection reading it without the WAL sees every row.
    fs.copyFileSync(file, file + '.copy');
    const copy = new Database(file + '.copy', { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 10_000 });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // Once checkpointed, the next commit starts the WAL over instead of growing it.
    write(10);
    const again = await cp.checkpoint();
    expect(again!.log).toBeLessThan(100);
  });

  it('gives checkpoints back to the connection when stopped or when its thread dies', async () => {
    const file = path.join(tmp(), 'w.db');
    const { db } = walDatabase(file);
    cleanups.push(() => void db.close());
    const stopped: string[] = [];
    const cp = new WalCheckpointer(db, file, { everyMs: 3_600_000, onStopped: (r) => stopped.push(r) });
    cp.start();
    await cp.stop();
    expect(cp.running).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect(stopped).toEqual([]);

    const dying = new WalCheckpointer(db, file + '-missing', {
      everyMs: 3_600_000,
      onStopped: (r) => stopped.push(r),
    });
    // The thread cannot open a file that is not there: it dies, and the connection checkpoints again.
    expect(dying.start()).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await expect.poll(() => dying.running, { timeout: 10_000 }).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect(stopped).toHaveLength(1);
  });

  it('is what the studio database runs with', async () => {
    const dir = tmp();
    const service = new DatabaseService(
      dir,
      new StatusBoard(new EventHub()),
      new LogHub({ sink: () => undefined }).logger('db'),
    );
    await service.start();
    cleanups.push(() => service.stop());
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
    expect(service.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  });
});
