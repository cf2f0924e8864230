/**
 * npm run bench:overlay — in Debian Chromium, on the real overlay page:
 * 1. latency from the operator's API call (over the console's WebSocket API, as the Live page
 *    sends it) to the overlay page's DOM showing the new product on the card, timed by the page's
 *    clock aligned to this process's clock; on the landscape page (1920×1080) and on the portrait
 *    page (`?orientation=portrait`, 1080×1920), with the other overlays up so the layout has
 *    something to stack;
 * 2. a bare WebSocket round trip between the same Chromium and this process, same run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import WebSocket, { WebSocketServer } from 'ws';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { OperatorServer } from '../../src/main/server/operator-server';
import { insertProduct } from '../../test-support/overlays/overlay-test-rows';
import { Studio } from '../../src/main/core/studio';
import { percentile, printBenchResult, round } from './bench-report';

const CHANGES = Math.max(1000, Number(process.env.BENCH_OVERLAY_CHANGES ?? 1000));
const WARMUP = 50;
const PRODUCTS = 40;
/** One frame at 60 fps (issue 21). */
const TARGET_P99_MS = 16.7;

/** High-resolution wall clock, comparable across processes (Chromium's page uses the same). */
const wallNow = () => performance.timeOrigin + performance.now();

/** Runs in the overlay page (a string: this file is compiled without the DOM library). */
const REPORT_NEW_CARDS = `(() => {
  let last = '';
  new MutationObserver(() => {
    const cards = document.querySelectorAll('[data-testid=product-card]');
    const current = cards[cards.length - 1]?.getAttribute('data-product-id') ?? '';
    if (current && current !== last) {
      last = current;
      window.__overlaySeen(Number(current), performance.timeOrigin + performance.now());
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
})()`;

async function main(): Promise<void> {
  const rendererDir = path.resolve('out/renderer');
  if (!fs.existsSync(path.join(rendererDir, 'overlay.html'))) {
    console.log('building the overlay pages (electron-vite build)…');
    const r = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('electron-vite build failed');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-bench-overlay-'));
  const studio = new Studio({
    dataDir,
    mode: 'headless',
    log: { echoLevel: 'error' },
    overlays: { port: 0, assetsDir: rendererDir },
  });
  const consoleServer = new OperatorServer(studio, { staticDir: rendererDir, port: 0 });
  studio.addService(consoleServer);
  const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  echo.on('connection', (s) => s.on('message', (d) => s.send(d.toString())));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    await studio.start();
    const ids: number[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      ids.push(insertProduct(studio.database.db, { nameZh: `测试商品 ${i + 1} 号`, cartLinkNo: i + 1 }));
    }

    // The operator's API: the console's WebSocket, with the operator token, like the Live page.
    const operatorUrl = new URL(consoleServer.localUrl);
    const operator = new WebSocket(`ws://${operatorUrl.host}/api/ws`, {
      headers: { Authorization: `Bearer ${operatorUrl.searchParams.get('token')}` },
    });
    await new Promise((resolve, reject) => operator.once('open', resolve).once('error', reject));
    let callId = 0;
    const callOp = (op: string, input: unknown) =>
      operator.send(JSON.stringify({ type: 'call', id: ++callId, op, input }));

    /** Runs `CHANGES` product changes against one overlay page and returns their latencies. */
    const measure = async (pageParams: string, portrait = false): Promise<number[]> => {
      const page = await browser.newPage({
        viewport: portrait ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 },
      });
      let seen: ((id: number, at: number) => void) | undefined;
      await page.exposeFunction('__overlaySeen', (id: number, at: number) => seen?.(id, at));
      const url = studio.overlays.pages().find((p) => p.id === 'product-card')!.url;
      await page.goto(url + pageParams);
      // Report each new product with the page's own clock, the moment the card carrying it enters
      // the DOM; the DevTools hop that carries the report back is not counted.
      await page.evaluate(REPORT_NEW_CARDS);
      // Page clock − this clock: the best of 50 exchanges (smallest round trip bounds the error).
      let offset = 0;
      let bestRtt = Infinity;
      for (let i = 0; i < 50; i++) {
        const t0 = wallNow();
        const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
        const t1 = wallNow();
        if (t1 - t0 < bestRtt) {
          bestRtt = t1 - t0;
          offset = pageNow - (t0 + t1) / 2;
        }
      }
      console.log(`clock alignment with the page: ±${(bestRtt / 2).toFixed(2)} ms`);
      const change = (productId: number) =>
        new Promise<number>((resolve) => {
          const t0 = wallNow();
          seen = (id, at) => {
            if (id === productId) resolve(at - offset - t0);
          };
          callOp('overlays.showProduct', { productId });
        });
      const latencies: number[] = [];
      for (let i = 0; i < WARMUP + CHANGES; i++) {
        const ms = await change(ids[i % ids.length]!);
        if (i >= WARMUP) latencies.push(ms);
      }
      await page.close();
      return latencies;
    };
    // The other overlays up (ticker, counter, lower third): the card's zone depends on them.
    await studio.overlays.state.update((c) => {
      c.visible['price-ticker'] = true;
      c.visible['sales-counter'] = true;
      c.lowerThird = {
        name: '阿依古丽·买买提',
        title: '副县长',
        county: '于田县',
        role: '副县长',
        kind: 'guest',
      };
      c.visible['lower-third'] = true;
    });
    // As on air (enter/exit animations running), and still (no animation) to show what the
    // animations cost on this machine; then the portrait page.
    const latencies = await measure('');
    const stillLatencies = await measure('&still=1');
    const portraitLatencies = await measure('&orientation=portrait', true);

    // Bare WebSocket round trip, same Chromium, same process on the other end.
    const blank = await browser.newPage();
    const echoPort = (echo.address() as { port: number }).port;
    const rtts = await blank.evaluate(
      async ({ port, n }) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}`);
        await new Promise((r) => (ws.onopen = r));
        const out: number[] = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          await new Promise<void>((r) => {
            ws.onmessage = () => r();
            ws.send(`ping ${i}`);
          });
          out.push(performance.now() - t0);
        }
        ws.close();
        return out.slice(50);
      },
      { port: echoPort, n: CHANGES + 50 },
    );
    operator.close();

    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const pp50 = percentile(portraitLatencies, 50);
    const pp99 = percentile(portraitLatencies, 99);
    console.log(`operator API call → overlay DOM shows the product (${CHANGES} changes, Chromium):`);
    console.log(
      `  landscape: p50 ${p50.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   max ${Math.max(...latencies).toFixed(2)} ms`,
    );
    console.log(
      `  portrait:  p50 ${pp50.toFixed(2)} ms   p99 ${pp99.toFixed(2)} ms   max ${Math.max(...portraitLatencies).toFixed(2)} ms`,
    );
    console.log(
      `  without animations (still=1): p50 ${percentile(stillLatencies, 50).toFixed(2)} ms   p99 ${percentile(stillLatencies, 99).toFixed(2)} ms`,
    );
    console.log(`  load average during the run: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
    console.log(`bare WebSocket round trip Chromium ↔ Node (${rtts.length} pings, same run):`);
    console.log(`  p50 ${percentile(rtts, 50).toFixed(2)} ms   p99 ${percentile(rtts, 99).toFixed(2)} ms`);
    const worst = Math.max(p99, pp99);
    console.log(
      `target: p99 < ${TARGET_P99_MS} ms (one frame at 60 fps), both orientations: ${worst < TARGET_P99_MS ? 'met' : 'NOT met'} on this run (shared, noisy machine: read it next to the round trip and the load)`,
    );
    printBenchResult({
      bench: 'overlay',
      changes: latencies.length,
      p50_ms: round(p50),
      p99_ms: round(p99),
      still_p50_ms: round(percentile(stillLatencies, 50)),
      still_p99_ms: round(percentile(stillLatencies, 99)),
      portrait_p50_ms: round(pp50),
      portrait_p99_ms: round(pp99),
      ws_rtt_p50_ms: round(percentile(rtts, 50)),
      ws_rtt_p99_ms: round(percentile(rtts, 99)),
      target_p99_ms: TARGET_P99_MS,
      load_avg: round(os.loadavg()[0]!, 1),
    });
  } finally {
    await browser.close();
    echo.close();
    await studio.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
