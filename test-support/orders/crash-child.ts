/**
 * The crash test's victim: syncs one Kuaishou shop from the parent's simulator into a database
 * file at full speed (no pause between cycles) until it is killed. After each drained pass it
 * prints `{"watermark":…, "overlapped":…, "startedAt":…}` so the parent knows when it has caught up.
 * Args: <db file> <simulator url> <shop row id> <shop id>
 */
import { openDatabase } from '../../src/main/core/db/open-database';
import { migrations } from '../../src/main/core/db/migrations';
import { EventHub } from '../../src/main/core/event-hub';
import { LogHub } from '../../src/main/core/logging/log-hub';
import { ShelfStore } from '../../src/main/core/shelf/shelf-store';
import { LiveLedger } from '../../src/main/core/orders/ledger/live-ledger';
import { KuaishouAdapter } from '../../src/main/core/orders/platforms/kuaishou';
import { KUAISHOU_SIMULATOR_CREDENTIALS } from '../../src/main/core/orders/demo/gateways';
import { ShopSync } from '../../src/main/core/orders/sync/shop-sync';
import { SyncCursorStore } from '../../src/main/core/orders/sync/sync-cursor-store';
import { TokenBucket } from '../../src/main/core/orders/sync/token-bucket';

const [file, url, shopRow, shopId] = process.argv.slice(2);
if (!file || !url || !shopRow || !shopId) throw new Error('usage: crash-child <db> <url> <shopRow> <shopId>');
const logs = new LogHub();
const { db } = openDatabase(file, migrations, logs.logger('db'));
const events = new EventHub();
const live = new LiveLedger(db, new ShelfStore(() => db, events), events, 0);
const sync = new ShopSync({
  shop: Number(shopRow),
  adapter: new KuaishouAdapter(
    { ...KUAISHOU_SIMULATOR_CREDENTIALS, signMethod: 'MD5' },
    // Token refreshes rotate in the simulator; the child keeps them in memory (the parent's
    // simulator keeps the truth of which pair is current across restarts).
    { shopId, baseUrl: url, tokens: { save: () => undefined } },
  ),
  live,
  cursors: new SyncCursorStore(db),
  buckets: [new TokenBucket(100_000, 100_000)],
  log: logs.logger('orders:kuaishou'),
  timing: { settleLagMs: 50, backoff: { baseMs: 1, maxMs: 10 }, maxAttempts: 1000, callTimeoutMs: 2_000 },
});
const cursors = new SyncCursorStore(db);
const signal = new AbortController().signal;
process.stdout.write('{"ready":true}\n');
// The fast lane from the watermark, and every 300 ms the overlapped pass that re-reads late updates.
let lastOverlap = 0;
for (;;) {
  const startedAt = Date.now();
  const overlapped = startedAt - lastOverlap >= 300;
  await sync.drain('update', overlapped ? 5_000 : 0, signal);
  if (overlapped) lastOverlap = startedAt;
  const c = cursors.get(Number(shopRow), 'update');
  if (c && c.window === null)
    process.stdout.write(`${JSON.stringify({ watermark: c.watermark, overlapped, startedAt })}\n`);
}
