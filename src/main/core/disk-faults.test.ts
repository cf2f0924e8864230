import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SalesFigures } from '@shared/api/domains/orders';
import { ApiCallError } from '@shared/api/client';
import { backupDatabase } from './db/open-database';
import { Studio, type StudioOptions } from './studio';

/**
 * Fault tests of the studio's database file and disk: a missing, empty or cut database next to its
 * backups, and a disk that fills up while the studio runs (SQLite's own SQLITE_FULL, made with
 * `PRAGMA max_page_count`, so no root or tmpfs is needed). Each ends with integrity_check and the
 * data compared with what was there before.
 */

const dirs: string[] = [];
const studios: Studio[] = [];
afterEach(async () => {
  for (const s of studios.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const MB = 1024 * 1024;

async function startStudio(dataDir: string, extra: Partial<StudioOptions> = {}): Promise<Studio> {
  const studio = new Studio({
    dataDir,
    mode: 'headless',
    log: { sink: () => undefined },
    // Free space as the status shows it; rechecks every 10 ms so the test does not wait.
    database: { disk: { recheckMs: 10, freeBytes: () => 37 * MB } },
    ...extra,
  });
  studios.push(studio);
  await studio.start();
  return studio;
}

const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-disk-'));
  dirs.push(d);
  return d;
};

/** Every row of every table the studio keeps (SQLite's own statistics aside). */
function snapshot(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all();
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
}

const until = async (what: () => boolean, label: string) => {
  for (let i = 0; i < 2_000 && !what(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!what()) throw new Error(`never happened: ${label}`);
};

/** Makes the database full: no free page left and no new page allowed (SQLite answers SQLITE_FULL). */
function fillDatabase(db: Database.Database): void {
  db.exec('VACUUM');
  const pages = db.pragma('page_count', { simple: true }) as number;
  expect(db.pragma(`max_page_count = ${pages}`, { simple: true })).toBe(pages);
}
const makeRoom = (db: Database.Database) => db.pragma('max_page_count = 1073741823');

describe('a missing, empty or cut database next to its backups', () => {
  it.each([
    ['missing', 'disk.restore.missing'],
    ['empty', 'disk.restore.missing'],
    ['cut in half', 'disk.restore.damaged'],
  ] as const)('%s: restores the newest backup and says so', async (fault, detailKey) => {
    const dataDir = tmp();
    const a = await startStudio(dataDir);
    await a.call('shelf.loadDemo', {});
    await a.call('settings.update', { studioName: '和田味道' });
    await backupDatabase(a.database.db, dataDir);
    const before = snapshot(a.database.db);
    await a.stop();

    const file = path.join(dataDir, 'shelfcast.db');
    for (const s of ['-wal', '-shm']) fs.rmSync(file + s, { force: true });
    if (fault === 'missing') fs.rmSync(file);
    else fs.truncateSync(file, fault === 'empty' ? 0 : fs.statSync(file).size >> 1);

    const b = await startStudio(dataDir);
    const status = b.status.get('database');
    expect(status).toMatchObject({ state: 'warning', detailKey });
    expect(String(status?.params.backup)).toMatch(/^shelfcast-.*\.db$/);
    const logged = b.logs.recent(100, 'warn', 'db').map((l) => l.message);
    expect(logged).toContain('restored the database from the newest backup that verifies');
    expect(b.database.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot(b.database.db)).toEqual(before);
    expect(await b.call('settings.get', {})).toMatchObject({ studioName: '和田味道' });
  });

  it('a first start with no backups is a fresh studio, not a restore', async () => {
    const b = await startStudio(tmp());
    expect(b.status.get('database')).toMatchObject({ state: 'ok', detailKey: 'status.detail.databaseOpen' });
  });
});

/** Figures big enough (about 20 KB of JSON) that saving them needs new pages. */
const bigFigures = (at: number, units: number): SalesFigures => ({
  at,
  showId: null,
  totals: { orders: units, units, gmvFen: units * 990, refundedFen: 0 },
  byPlatform: [{ platform: 'kuaishou', orders: units, units, gmvFen: units * 990 }],
  byProduct: [],
  byCounty: Array.from({ length: 300 }, (_, i) => ({
    city: `城市${i}`,
    county: `县${i}`,
    units: units + i,
    gmvFen: (units + i) * 990,
  })),
});

const savedFigures = (db: Database.Database) =>
  (
    db.prepare(`SELECT value FROM overlay_setting WHERE key = 'figures'`).get() as
      { value: string } | undefined
  )?.value;

describe('the disk fills up while the studio runs', () => {
  it('overlay figures: no crash, "disk full" in the database pill, saved once space returns', async () => {
    const studio = await startStudio(tmp());
    const db = studio.database.db;
    await studio.call('shelf.loadDemo', {});
    const before = snapshot(db);
    fillDatabase(db);

    // The figures timer writes ~1 s later; today it threw SQLITE_FULL out of the timer.
    studio.events.emit('orders.figuresChanged', bigFigures(1, 10));
    const pill = () => studio.status.get('database');
    await until(() => pill()?.detailKey === 'disk.full', 'the disk is reported full');
    expect(studio.status.get('database')).toMatchObject({
      state: 'error',
      detailKey: 'disk.full',
      params: { mb: 37 },
    });
    expect(studio.logs.recent(50, 'error', 'db').map((l) => l.message)).toContain(
      'disk full: writes are paused until space returns',
    );
    // The show goes on: newer figures reach the overlays while the disk is full.
    studio.events.emit('orders.figuresChanged', bigFigures(2, 20));
    expect(studio.overlays.state.state().salesCounter).toMatchObject({ orders: 20 });
    // An operator's write is refused with a translated reason, and nothing is half-written.
    const refused = await studio
      .call('shelf.create', {
        product: {
          nameZh: '和田玉枣',
          sellingPoints: '皮薄肉厚，'.repeat(600),
          originProvince: '新疆维吾尔自治区',
          originCity: '和田地区',
          originCounty: '和田县',
          listPriceFen: 9_900,
          livePriceFen: 6_900,
          stock: 10,
          outerSku: 'HT-DISK-1',
        },
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiCallError);
    expect((refused as ApiCallError).error).toMatchObject({ code: 'unavailable', key: 'disk.fullError' });
    expect(snapshot(db)).toEqual(before);

    makeRoom(db);
    await until(() => pill()?.detailKey !== 'disk.full', 'writes resume');
    expect(JSON.parse(savedFigures(db) ?? 'null')).toEqual(bigFigures(2, 20));
    expect(studio.status.get('database')).toMatchObject({
      state: 'ok',
      detailKey: 'status.detail.databaseOpen',
    });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const after = snapshot(db);
    for (const [table, rows] of Object.entries(before)) {
      if (table !== 'overlay_setting') expect(after[table], table).toEqual(rows);
    }
  });

  it('a backup on a full disk is reported, leaves nothing behind, and the next one works', async () => {
    const dataDir = tmp();
    const studio = await startStudio(dataDir);
    const db = studio.database.db;
    await studio.call('shelf.loadDemo', {});
    // The disk fills during the backup's last step: the write of the copy itself fails.
    const backup = db.backup.bind(db);
    db.backup = ((dest: string) =>
      backup(dest).then(() => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      })) as typeof db.backup;
    expect(await studio.database.backup()).toBeNull();
    expect(studio.status.get('database')).toMatchObject({ detailKey: 'disk.full' });
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([]);
    db.backup = backup;
    const made = await studio.database.backup();
    expect(made).not.toBeNull();
    expect(studio.database.disk.full).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([path.basename(made!)]);
  });
});
