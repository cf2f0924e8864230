import { afterEach, describe, expect, it } from 'vitest';
import { DiskGuard } from '../../db/disk-guard';
import { EventHub } from '../../event-hub';
import { LogHub } from '../../logging/log-hub';
import { StatusBoard } from '../../services/service';
import { KuaishouAdapter } from '../platforms/kuaishou';
import {
  KUAISHOU_SIMULATOR_CREDENTIALS,
  startKuaishouSimulator,
  type KuaishouSimulator,
} from '../demo/gateways';
import { expectedKuaishouLines } from '../../../../../test-support/orders/expected-lines';
import {
  syncScenario,
  type ScenarioPlatform,
  type ScenarioRun,
} from '../../../../../test-support/orders/sync-scenario';

/**
 * Order sync on a full disk (SQLite's own SQLITE_FULL, made with `PRAGMA max_page_count`): it
 * pauses without an error or a backoff, keeps every line it committed, and goes on by itself from
 * its cursor once there is space, until the ledger equals the platform's truth.
 */

const kuaishou: ScenarioPlatform<KuaishouSimulator> = {
  platform: 'kuaishou',
  generator: { lineIds: 'order', maxLinesPerOrder: 1 },
  startSimulator: (shop, faults, clock) => startKuaishouSimulator(shop, faults, { clock }),
  stopSimulator: (sim) => sim.stop(),
  adapter: (sim, clock) =>
    new KuaishouAdapter(
      { ...KUAISHOU_SIMULATOR_CREDENTIALS, signMethod: 'HMAC_SHA256' },
      { shopId: sim.shop.shopId, baseUrl: sim.url, clock, tokens: { save: () => undefined } },
    ),
  expected: expectedKuaishouLines,
};

const ORDERS = 600;
const MB = 1024 * 1024;
const runs: ScenarioRun<KuaishouSimulator>[] = [];
afterEach(async () => {
  for (const r of runs.splice(0)) await r.close();
});

const until = async (what: () => boolean, label: string) => {
  for (let i = 0; i < 2_000 && !what(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!what()) throw new Error(`never happened: ${label}`);
};

const pageCount = (r: ScenarioRun<unknown>) => r.fx.db.pragma('page_count', { simple: true }) as number;
const lines = (r: ScenarioRun<unknown>) =>
  r.fx.db.prepare('SELECT * FROM order_line ORDER BY platform, shop_id, order_id, line_id').all() as Record<
    string,
    unknown
  >[];
const caughtUp = (r: ScenarioRun<unknown>) => {
  const c = r.compare();
  return c.rows === c.expected && c.mismatched.length === 0 && c.extra.length === 0;
};

async function scenario(disk?: DiskGuard) {
  const r = await syncScenario(kuaishou, {}, ORDERS, {}, disk ? { disk } : {});
  runs.push(r);
  // No free pages: every page the sync needs is a new one.
  r.fx.db.exec('VACUUM');
  return r;
}

describe('order sync on a full disk', () => {
  it('pauses, keeps what it committed, and resumes by itself when space returns', async () => {
    // How many pages the whole sync takes, measured on the same scenario with room to spare.
    const measure = await scenario();
    const start = pageCount(measure);
    measure.sync.start();
    await until(() => caughtUp(measure), 'the measuring sync catches up');
    const needed = pageCount(measure) - start;
    expect(needed).toBeGreaterThan(4);

    // What statfs says: half a megabyte while the disk is full, then room again.
    let free = MB / 2;
    const events = new EventHub();
    const status = new StatusBoard(events);
    status.set('database', 'ok', 'status.detail.databaseOpen', { file: 'shelfcast.db', schema: 1 });
    const disk = new DiskGuard({
      dir: null,
      status,
      log: new LogHub({ sink: () => undefined }).logger('db'),
      recheckMs: 10,
      freeBytes: () => free,
    });
    const r = await scenario(disk);
    // Room for about half of what the sync needs: it commits some pages, then the disk is full.
    r.fx.db.pragma(`max_page_count = ${pageCount(r) + (needed >> 1)}`);
    r.sync.start();
    await until(() => r.sync.status.errorKind === 'disk_full', 'the sync pauses for the disk');
    expect(disk.full).toBe(true);
    expect(status.get('database')).toMatchObject({
      state: 'error',
      detailKey: 'disk.full',
      params: { mb: 0.5 },
    });
    const committed = lines(r);
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.length).toBeLessThan(r.compare().expected);
    // While paused it is not an error and not a platform retry with backoff.
    expect(r.statuses.some((s) => s.state === 'error')).toBe(false);
    expect(r.sync.status).toMatchObject({ state: 'retrying', errorKind: 'disk_full', retryAt: null });

    r.fx.db.pragma('max_page_count = 1073741823');
    free = 12 * MB;
    await until(() => caughtUp(r), 'the sync resumes and catches up');
    await until(() => r.sync.status.state === 'ok', 'the shop is ok again');
    expect(r.sync.status.errorKind).toBeNull();
    expect(disk.full).toBe(false);
    expect(status.get('database')).toMatchObject({ state: 'ok', detailKey: 'status.detail.databaseOpen' });
    expect(r.fx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Nothing committed before the disk filled was lost or changed.
    const after = new Map(lines(r).map((l) => [`${String(l.order_id)}/${String(l.line_id)}`, l]));
    for (const l of committed) expect(after.get(`${String(l.order_id)}/${String(l.line_id)}`)).toEqual(l);
    disk.stop();
  });
});
