/**
 * npm run bench:import — a 100,000-row catalogue through the shelf's import, against a raw
 * batched insert of the same rows into the same tables, in the same run.
 *
 * 1. Seed: 20,000 products (imported, not timed) whose codes the file repeats: a fifth of the
 *    file's rows are updates to existing products, the rest new.
 * 2. Preview, apply (a background job: worker-thread parse, chunked writes), re-import (every row
 *    an update now) and undo of the re-import, each through the real API handlers over a database
 *    file (WAL, synchronous = FULL, as the studio runs), with the order ledger's live side
 *    listening to the shelf's announcements as during a show. During apply, re-import and undo a 1 ms
 *    event-loop delay histogram runs (what the show's timers, sockets and overlays would wait),
 *    and RSS is sampled every 20 ms.
 * 3. Ceiling: the same 100,000 rows, already in memory, inserted straight into product,
 *    product_gram and platform_listing (the FTS index by its trigger) with prepared statements in
 *    transactions of 1,000 rows, into a fresh database with the same schema and pragmas.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Dispatcher, type Handlers } from '../../src/main/core/api/dispatcher';
import { migrations } from '../../src/main/core/db/migrations';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open-database';
import { EventHub } from '../../src/main/core/event-hub';
import { LogHub } from '../../src/main/core/logging/log-hub';
import { StatusBoard } from '../../src/main/core/services/service';
import { shortGrams } from '../../src/main/core/shelf/search-text';
import { createShelfModule } from '../../src/main/core/shelf/shelf-module';
import { LiveLedger } from '../../src/main/core/orders/ledger/live-ledger';
import type { StudioContext } from '../../src/main/core/studio-context';
import type { OperationInput, OperationName, OperationOutput } from '../../src/shared/api/contract';
import type { ImportFinished } from '../../src/shared/api/domains/shelf';
import { printBenchResult, round } from './bench-report';
import { DiskGuard } from '../../src/main/core/db/disk-guard';
import { WalCheckpointer } from '../../src/main/core/db/wal-checkpointer';

/** BENCH_IMPORT_ROWS overrides the row count for a quick look; the reported run uses 100,000. */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const UPDATES = ROWS / 5;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-bench-import-'));
const CITIES = [
  ['甘肃省', '平凉市', '静宁县'],
  ['甘肃省', '天水市', '秦安县'],
  ['甘肃省', '定西市', '安定区'],
  ['新疆维吾尔自治区', '和田地区', '于田县'],
  ['甘肃省', '临夏回族自治州', '东乡族自治县'],
] as const;
const GOODS = ['苹果', '花牛苹果', '土豆粉', '百合', '核桃', '红枣', '牦牛肉干', '黄芪', '当归', '葡萄干'];

interface GenRow {
  sku: string;
  name: string;
  spec: string;
  province: string;
  city: string;
  county: string;
  category: string;
  points: string;
  live: number;
  list: number;
  stock: number;
  item: string;
}

/** Row i of the catalogue; codes 1..20,000 are the seeded products. */
function gen(i: number, priceShift = 0): GenRow {
  const [province, city, county] = CITIES[i % CITIES.length]!;
  const good = GOODS[i % GOODS.length]!;
  return {
    sku: `LY-${String(i).padStart(6, '0')}`,
    name: `${county}${good} 第${i}批 农户直供`,
    spec: `${(i % 9) + 1}kg/箱`,
    province,
    city,
    county,
    category: i % 3 === 0 ? '干果' : '生鲜',
    points: `${city}${county}产地直发，${good}个大饱满，当季新货，${i % 2 ? '顺丰包邮' : '次日达'}，支持七天无理由。`,
    live: 1990 + (i % 50) * 100 + priceShift,
    list: 2990 + (i % 50) * 100,
    stock: i % 500,
    item: String(7_000_000_000 + i),
  };
}

const HEADER = '外部编码,商品名称,规格,省份,城市,区县,类目,卖点,直播价,划线价,库存,快手商品ID';
const fen = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
const line = (r: GenRow) =>
  [
    r.sku,
    r.name,
    r.spec,
    r.province,
    r.city,
    r.county,
    r.category,
    r.points,
    fen(r.live),
    fen(r.list),
    r.stock,
    r.item,
  ].join(',');

/**
 * The catalogue as an upload arrives: a stream of chunks of lines (the studio's upload store
 * writes them to disk as they come), never the whole file in this process's memory.
 */
function* csv(from: number, to: number, priceShift = 0): Generator<Buffer> {
  yield Buffer.from(`${HEADER}\r\n`, 'utf8');
  for (let at = from; at <= to; at += 1000) {
    const parts: string[] = [];
    for (let i = at; i <= Math.min(to, at + 999); i++) parts.push(line(gen(i, priceShift)));
    yield Buffer.from(`${parts.join('\r\n')}\r\n`, 'utf8');
  }
}

function harness(file: string) {
  const logs = new LogHub({ sink: () => undefined });
  const { db } = openDatabase(file, migrations, logs.logger('db'));
  // As the studio's database service runs it: WAL checkpoints on a thread of their own.
  const checkpointer = new WalCheckpointer(db, file);
  checkpointer.start();
  const events = new EventHub();
  const status = new StatusBoard(events);
  const ctx: StudioContext = {
    logs,
    events,
    status,
    disk: new DiskGuard({ dir, status, log: logs.logger('db') }),
    dataDir: dir,
    mode: 'headless',
    db: () => db,
    settings: () => {
      throw new Error('no settings in the bench');
    },
    secrets: () => {
      throw new Error('no secrets in the bench');
    },
  };
  const shelf = createShelfModule(ctx);
  // The order ledger's live side listens to the shelf as in the studio during a show (wired as
  // studio.ts wires it: the ledger no longer subscribes itself, so without this it heard nothing).
  const live = new LiveLedger(db, shelf.reader, events);
  events.on('shelf.changed', ({ productIds, origin }) => {
    if (origin !== 'ledger') live.shelfChanged(productIds);
  });
  const dispatcher = new Dispatcher(shelf.handlers as Handlers, logs.logger('api'));
  const call = async <K extends OperationName>(
    name: K,
    input: OperationInput<K>,
  ): Promise<OperationOutput<K>> => {
    const r = await dispatcher.dispatch(name, input, { role: 'operator', transport: 'internal' });
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as OperationOutput<K>;
  };
  const finished = (jobId: string) =>
    new Promise<ImportFinished>((resolve) => {
      const off = events.on('shelf.importFinished', (f) => {
        if (f.jobId === jobId) {
          off();
          resolve(f);
        }
      });
    });
  return { db, checkpointer, shelf, live, call, finished };
}

/** Runs `fn` with the loop-delay histogram and the RSS sampler on. */
async function measured<T>(fn: () => Promise<T>) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  h.enable();
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  h.disable();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { value, seconds, maxDelayMs: h.max / 1e6, p99DelayMs: h.percentile(99) / 1e6, peakRss: peak };
}

async function ceiling(file: string): Promise<number> {
  const logs = new LogHub({ sink: () => undefined });
  const { db } = openDatabase(file, migrations, logs.logger('db'));
  const checkpointer = new WalCheckpointer(db, file);
  checkpointer.start();
  const rows = Array.from({ length: ROWS }, (_, k) => gen(k + 1));
  const insert = db.prepare(
    `INSERT INTO product (name_zh, selling_points, category, origin_province, origin_city, origin_county,
       specification, unit, list_price_fen, live_price_fen, stock, status, outer_sku, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, 'ready', ?, ?, ?) RETURNING id`,
  );
  const gram = db.prepare('INSERT OR IGNORE INTO product_gram (gram, product_id) VALUES (?, ?)');
  const listing = db.prepare(
    `INSERT INTO platform_listing (product_id, platform, platform_label, shop_id, item_id, outer_sku, cart_link_no)
     VALUES (?, 'kuaishou', '', '', ?, '', NULL)`,
  );
  const t0 = performance.now();
  for (let at = 0; at < rows.length; at += 1000) {
    db.transaction(() => {
      const now = Date.now();
      for (const r of rows.slice(at, at + 1000)) {
        const { id } = insert.get(
          r.name,
          r.points,
          r.category,
          r.province,
          r.city,
          r.county,
          r.spec,
          r.list,
          r.live,
          r.stock,
          r.sku,
          now,
          now,
        ) as { id: number };
        for (const g of shortGrams([r.name, r.city, r.county, r.points])) gram.run(g, id);
        listing.run(id, r.item);
      }
    })();
  }
  const seconds = (performance.now() - t0) / 1000;
  await checkpointer.stop();
  closeDatabase(db);
  return ROWS / seconds;
}

async function main() {
  const file = path.join(dir, 'import.sqlite');
  const b = harness(file);
  console.log(`bench:import — ${ROWS} rows, ${UPDATES} of them updates; database ${file}`);

  // 1. Seed (not timed): the products a fifth of the file updates.
  const seedUpload = await b.shelf.uploads.receive('seed.csv', Readable.from(csv(1, UPDATES, 0)));
  const seed = await b.call('shelf.importApply', { fileName: 'seed.csv', uploadId: seedUpload.id });
  console.log(`seeded ${seed.created} products`);

  // The file streams into the upload store, as the studio receives an upload (over HTTP): the
  // generated text held here (or its garbage) counted in every phase's RSS without being the import's.
  const upload = await b.shelf.uploads.receive('catalogue.csv', Readable.from(csv(1, ROWS, 500)));
  console.log(`file: ${(upload.size / 1e6).toFixed(1)} MB, upload ${upload.id}`);
  const source = { fileName: 'catalogue.csv', uploadId: upload.id };

  // The machine's own noise, same run: the loop delay of this process doing nothing for 3 s.
  const idle = await measured(() => new Promise<void>((resolve) => setTimeout(resolve, 3000)));
  console.log(
    `idle      max loop delay ${idle.maxDelayMs.toFixed(1)} ms with no import running (machine noise)`,
  );

  // 2. Preview, apply, re-import, undo.
  const preview = await measured(() => b.call('shelf.importPreview', source));
  console.log(
    `preview   ${preview.seconds.toFixed(2)} s  totals ${JSON.stringify(preview.value.totals)}  ` +
      `max loop delay ${preview.maxDelayMs.toFixed(1)} ms`,
  );
  const runJob = async (start: () => Promise<{ jobId: string }>) => {
    const { jobId } = await start();
    const end = await b.finished(jobId);
    if (end.outcome !== 'done') throw new Error(`job ended ${end.outcome}: ${JSON.stringify(end.error)}`);
    return end;
  };
  const apply = await measured(() => runJob(() => b.call('shelf.importStart', source)));
  console.log(
    `apply     ${apply.seconds.toFixed(2)} s  created ${apply.value.result!.created}, updated ${apply.value.result!.updated}  ` +
      `max loop delay ${apply.maxDelayMs.toFixed(1)} ms (p99 ${apply.p99DelayMs.toFixed(1)})  peak RSS ${(apply.peakRss / 2 ** 20).toFixed(0)} MB`,
  );
  const reimport = await measured(() => runJob(() => b.call('shelf.importStart', source)));
  console.log(
    `re-import ${reimport.seconds.toFixed(2)} s  updated ${reimport.value.result!.updated}  ` +
      `max loop delay ${reimport.maxDelayMs.toFixed(1)} ms (p99 ${reimport.p99DelayMs.toFixed(1)})  peak RSS ${(reimport.peakRss / 2 ** 20).toFixed(0)} MB`,
  );
  const undo = await measured(() =>
    runJob(() => b.call('shelf.importUndo', { undoToken: reimport.value.result!.undoToken })),
  );
  console.log(
    `undo      ${undo.seconds.toFixed(2)} s  restored ${undo.value.undone!.productIds.length}  ` +
      `max loop delay ${undo.maxDelayMs.toFixed(1)} ms (p99 ${undo.p99DelayMs.toFixed(1)})  peak RSS ${(undo.peakRss / 2 ** 20).toFixed(0)} MB`,
  );
  b.live.close();
  await b.checkpointer.stop();
  closeDatabase(b.db);

  // 3. Ceiling, same run.
  const ceilingRate = await ceiling(path.join(dir, 'ceiling.sqlite'));
  const rate = ROWS / apply.seconds;
  console.log(
    `ceiling   ${(ROWS / ceilingRate).toFixed(2)} s  (${Math.round(ceilingRate)} rows/s raw batched insert)`,
  );
  console.log(`import    ${Math.round(rate)} rows/s = ${(rate / ceilingRate).toFixed(2)} of the ceiling`);
  const maxDelay = Math.max(apply.maxDelayMs, reimport.maxDelayMs, undo.maxDelayMs);
  const peak = Math.max(apply.peakRss, reimport.peakRss, undo.peakRss) / 2 ** 20;
  console.log(
    `targets: ratio ≥ 0.33, max loop delay < 50 ms, peak RSS < 400 MB; process max RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  printBenchResult({
    bench: 'import',
    rows: ROWS,
    apply_s: round(apply.seconds, 2),
    reimport_s: round(reimport.seconds, 2),
    undo_s: round(undo.seconds, 2),
    rows_per_s: Math.round(rate),
    ceiling_rows_per_s: Math.round(ceilingRate),
    ratio: round(rate / ceilingRate, 3),
    max_loop_delay_ms: round(maxDelay, 1),
    peak_rss_mb: Math.round(peak),
    preview_s: round(preview.seconds, 2),
    idle_max_loop_delay_ms: round(idle.maxDelayMs, 1),
  });
}

// Exits when done: something (a MessagePort, seen through process._getActiveHandles, already so on
// c4fa6ae) keeps this process alive after the figures are printed; the studio exits by its signal.
void main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(err);
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  });
