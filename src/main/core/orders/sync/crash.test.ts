import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startKuaishouSimulator } from '../demo/gateways';
import { expectedKuaishouLines } from '../../../../../test-support/orders/expected-lines';
import { OrderGenerator } from '../demo/order-generator';
import { SimulatedShop } from '../demo/simulated-shop';
import { shelfFixture } from '../../../../../test-support/orders/shelf-fixture';

const here = path.dirname(fileURLToPath(import.meta.url));
const childFile = path.join(here, '../../../../../test-support/orders/crash-child.ts');
const root = path.resolve(here, '../../../../..');
const KILLS = 20;

interface Report {
  watermark: number;
  overlapped: boolean;
  startedAt: number;
}

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** Starts the victim; resolves with it once it is syncing. `lines` receives its progress reports. */
function startChild(args: string[], onLine: (l: Report) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', childFile, ...args], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.node.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = JSON.parse(buf.slice(0, nl)) as Report & { ready?: boolean };
        buf = buf.slice(nl + 1);
        if (line.ready) resolve(child);
        else onLine(line);
      }
    });
    child.on('exit', (code, sig) => {
      if (sig !== 'SIGKILL') reject(new Error(`child exited (${code}): ${err}`));
    });
  });
}

const waitFor = async (cond: () => boolean, what: string, ms = 30_000) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('crash safety', () => {
  it(`after ${KILLS} SIGKILLs at random moments mid-sync, the ledger equals the simulator's truth exactly`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-crash-'));
    const file = path.join(dir, 'ledger.db');
    const fx = shelfFixture(30, ['kuaishou'], { file, stock: 10_000_000 });
    const shopRow = (
      fx.db
        .prepare(
          `INSERT INTO shop (platform, shop_id, label, created_at) VALUES ('kuaishou', 'crash-shop', 'c', 0) RETURNING id`,
        )
        .get() as { id: number }
    ).id;
    fx.db.close();
    const shop = new SimulatedShop('crash-shop');
    const gen = new OrderGenerator(shop, {
      items: fx.items,
      ratePerSecond: 400,
      cancelShare: 0.15,
      refundShare: 0.2,
      payDelayMs: [50, 1_500],
      refundDelayMs: [200, 3_000],
      seed: 99,
    });
    // Duplicates, replayed older versions and throttling in the mix, as on a bad day.
    const sim = await startKuaishouSimulator(shop, {
      duplicateEvery: 7,
      staleVersionEvery: 5,
      throttleEvery: 13,
    });
    const reader = new Database(file, { readonly: true });
    let caughtUp: (r: Report) => boolean = () => false;
    let done = false;
    // Kills that left a window half drained (a page token persisted): the resume path was exercised.
    let killedMidWindow = 0;
    let ticking = true;
    const ticker = setInterval(() => ticking && gen.tick(Date.now()), 20);
    const args = [file, sim.url, String(shopRow), shop.shopId];
    const report = (r: Report) => (done ||= caughtUp(r));
    let child = await startChild(args, report);
    let random = 12345;
    const rnd = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    try {
      for (let kill = 1; kill <= KILLS; kill++) {
        // Let the child sync a moving truth at full speed, then kill it at a random moment.
        await new Promise((r) => setTimeout(r, 20 + rnd() * 400));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        const inFlight = reader
          .prepare("SELECT page_token FROM sync_cursor WHERE mode = 'update' AND window_from IS NOT NULL")
          .get() as { page_token: string | null } | undefined;
        if (inFlight?.page_token) killedMidWindow++;
        // Restart; freeze the truth; the restarted child must reach exactly the truth.
        ticking = false;
        const frozenAt = Date.now();
        const target = Math.max(0, ...shop.all().map((o) => o.updatedAt)) + 1;
        // Caught up: an overlapped pass that began after the freeze, ending past the last update.
        done = false;
        caughtUp = (r) => r.overlapped && r.startedAt > frozenAt && r.watermark >= target;
        child = await startChild(args, report);
        await waitFor(() => done, `catch-up after kill ${kill}`);
        const rows = reader
          .prepare(
            `SELECT platform, shop_id AS shopId, order_id AS orderId, line_id AS lineId, status, refund_state AS refundState,
                 item_id AS itemId, sku_id AS skuId, outer_sku AS outerSku, title, quantity, paid_fen AS paidFen,
                 created_at AS createdAt, paid_at AS paidAt, updated_at AS updatedAt FROM order_line ORDER BY order_id`,
          )
          .all();
        const truth = shop
          .all()
          .flatMap(expectedKuaishouLines)
          .sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
        expect(rows.length, `after kill ${kill}`).toBe(truth.length);
        expect(rows, `after kill ${kill}`).toEqual(truth);
        // Aggregates and stock moved with the lines, not once more and not once less.
        const agg = reader
          .prepare(
            'SELECT coalesce(sum(units), 0) AS units, coalesce(sum(gmv_fen), 0) AS gmv FROM sales_minute',
          )
          .get();
        const counted = truth.filter(
          (l) => ['paid', 'shipped', 'completed'].includes(l.status) && l.refundState !== 'refunded',
        );
        expect(agg).toEqual({
          units: counted.reduce((s, l) => s + l.quantity, 0),
          gmv: counted.reduce((s, l) => s + l.paidFen, 0),
        });
        const stockTaken = reader.prepare('SELECT sum(10000000 - stock) AS taken FROM product').get() as {
          taken: number;
        };
        expect(stockTaken.taken).toBe(counted.reduce((s, l) => s + l.quantity, 0));
        ticking = true;
      }
      expect(shop.all().length).toBeGreaterThan(1_000);
      expect(killedMidWindow).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
      child.kill('SIGKILL');
      reader.close();
      await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
