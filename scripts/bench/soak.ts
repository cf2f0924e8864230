/**
 * npm run bench:soak — an accelerated show against the real studio core, next to the same core
 * idle, in one run.
 *
 * The studio (core, console server, overlay server, and one headless OBS when the harness can
 * start one) runs in this process; everything around it runs in a child process (soak-world.ts),
 * so the heap and the event loop measured here are the studio's alone: two simulated shops
 * (Kuaishou and Douyin, synced over HTTP on loopback through the real adapters and ShopSync),
 * 50 console WebSocket clients subscribed to the Live page's events, the six overlay pages'
 * WebSockets, and an operator pressing GO through the WebSocket API every few seconds.
 *
 * 1. Idle baseline: the core with the demo workspace and no shops, IDLE_SECONDS of wall time;
 *    heap after a full GC every 10 s; growth per (wall) hour; event-loop delay.
 * 2. The show: ORDERS new orders at RATE orders/s (both shops together). Time is compressed by
 *    order count: one simulated hour is 55,000 orders, the Hotan event's average (330,000 orders
 *    in six hours), so the default 100,000 orders are 1.8 simulated hours in about 50 s of flow
 *    (at 2,000/s a real hour's orders arrive in 27.5 s). Every 20,000 orders the shops pause,
 *    the studio catches up (no line written for 2.5 s, at most 45 s), and the heap is read after
 *    a full GC; growth per simulated hour = least-squares slope of those samples (and the last,
 *    at rest) from 20,000 orders on (warm-up: statement caches, compiled code). Event-loop delay
 *    only while orders flow (see LoopDelay); RSS at the end.
 * Wall time: no build; about 2 min idle + 1 min of flow + the catch-up waits (bounded: 5 × 45 s
 * and 120 s at the end) + OBS start: 4–9 minutes, depending on how loaded the machine is.
 * The world's CPU is not the studio's: on a machine shared with other work the loop-delay figures
 * mostly say how much CPU the studio got; CPU and event-loop utilisation are printed beside them.
 * Knobs: BENCH_SOAK_ORDERS (≥ 100,000 for a reported run), BENCH_SOAK_IDLE_S, BENCH_SOAK_OBS=0,
 * BENCH_SOAK_PROFILE=out.cpuprofile (a CPU profile of the studio while orders flow; the profile
 * then sits in the heap at the last sample), BENCH_SOAK_SNAPSHOTS=dir (heap snapshots to compare).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { createHistogram, performance as perf, type EventLoopUtilization } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import OBSWebSocket from 'obs-websocket-js/json';
import { OperatorServer } from '../../src/main/server/operator-server';
import { obsAvailable, startHeadlessObs, type HeadlessObs } from '../../test-support/obs/obs-harness';
import { DOUYIN_SIMULATOR_CREDENTIALS } from '../../src/main/core/orders/demo/gateways';
import { KUAISHOU_SIMULATOR_CREDENTIALS } from '../../src/main/core/orders/demo/gateways';
import { generatorItemsFromShelf } from '../../src/main/core/orders/demo/shelf-items';
import { Studio } from '../../src/main/core/studio';
import { addTwoCameraObs } from './bench-obs';
import { printBenchResult, round } from './bench-report';
import type { WorldMessage, WorldStart } from './soak-world';

const ORDERS = Number(process.env.BENCH_SOAK_ORDERS ?? 100_000);
const RATE = 2_000;
const ORDERS_PER_SIM_HOUR = 55_000;
const WARMUP_ORDERS = 20_000;
const SAMPLE_EVERY_ORDERS = 20_000;
const IDLE_SECONDS = Number(process.env.BENCH_SOAK_IDLE_S ?? 120);
const IDLE_SAMPLE_MS = 10_000;
const CLIENTS = 50;
const GO_EVERY_MS = 3_000;
/** How long the studio may take to catch up before a heap sample (then sampled anyway, and said). */
const SAMPLE_CATCH_UP_MS = 45_000;
/** After the last order: how long the studio may take to catch up before the last sample. */
const CATCH_UP_MS = 120_000;
/** The studio is at rest once no figures changed for this long (the sync polls every second). */
const QUIET_MS = 2_500;
const RESOLUTION_MS = 1;

v8.setFlagsFromString('--expose-gc');
const fullGc = vm.runInNewContext('gc') as () => void;
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Heap after a full collection (the loop-delay recorder is paused around it by the caller). */
function heapAfterGc(): number {
  fullGc();
  fullGc();
  return mb(process.memoryUsage().heapUsed);
}

/**
 * Event-loop delay measured as perf_hooks.monitorEventLoopDelay measures it (the interval between
 * the callbacks of a timer set to fire every RESOLUTION_MS, in an HDR histogram, so a value
 * includes that 1 ms), except that it can pause: monitorEventLoopDelay, disabled and enabled
 * again, records the whole pause as one delay, and the bench pauses to force a GC for each heap
 * sample. Also the event-loop utilisation and the process's CPU over the measured spans.
 */
class LoopDelay {
  private readonly h = createHistogram();
  /**
   * The main thread's CPU time between the same ticks: how long the studio's own work between two
   * turns of the timer was, whether or not the machine let it run (on a loaded machine the delay
   * above also holds the time the process waited for a core; this does not).
   */
  private readonly cpuH = createHistogram();
  private timer: ReturnType<typeof setInterval> | undefined;
  private prev: number | undefined;
  private prevCpu: NodeJS.CpuUsage | undefined;
  private elu: EventLoopUtilization | undefined;
  private cpu: NodeJS.CpuUsage | undefined;
  private startedAt = 0;
  private active = 0;
  private total = 0;
  private cpuMicros = 0;

  resume(): void {
    if (this.timer) return;
    this.prev = undefined;
    this.elu = perf.eventLoopUtilization();
    this.cpu = process.cpuUsage();
    this.startedAt = performance.now();
    this.prevCpu = undefined;
    this.timer = setInterval(() => {
      const now = performance.now();
      const cpu = process.threadCpuUsage();
      if (this.prev !== undefined) this.h.record(Math.max(1, Math.round((now - this.prev) * 1e6)));
      if (this.prevCpu !== undefined) {
        const micros = cpu.user + cpu.system - this.prevCpu.user - this.prevCpu.system;
        this.cpuH.record(Math.max(1, Math.round(micros * 1e3)));
      }
      this.prev = now;
      this.prevCpu = cpu;
    }, RESOLUTION_MS);
  }

  pause(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    const elu = perf.eventLoopUtilization(this.elu);
    this.active += elu.active;
    this.total += elu.active + elu.idle;
    const cpu = process.cpuUsage(this.cpu);
    this.cpuMicros += cpu.user + cpu.system;
    this.measuredMs += performance.now() - this.startedAt;
  }

  measuredMs = 0;

  figures() {
    return {
      p50: this.h.percentile(50) / 1e6,
      p99: this.h.percentile(99) / 1e6,
      max: this.h.max / 1e6,
      samples: this.h.count,
      cpuP99: this.cpuH.percentile(99) / 1e6,
      cpuMax: this.cpuH.max / 1e6,
      utilisation: this.total > 0 ? this.active / this.total : NaN,
      cpuCores: this.measuredMs > 0 ? this.cpuMicros / 1000 / this.measuredMs : NaN,
    };
  }
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return NaN;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-bench-soak-'));
  const studio = new Studio({
    dataDir,
    mode: 'headless',
    log: { echoLevel: 'error' },
    overlays: { port: 0 },
  });
  const consoleServer = new OperatorServer(studio, { staticDir: os.tmpdir(), port: 0 });
  studio.addService(consoleServer);
  let obs: HeadlessObs | undefined;
  let world: ReturnType<typeof fork> | undefined;
  try {
    await studio.start();
    await studio.loadDemoIfEmpty();

    // ---- 1. idle baseline ---------------------------------------------------------------------
    console.log(`idle: the core with the demo workspace and no shops, ${IDLE_SECONDS} s …`);
    await sleep(2_000);
    const idleLoop = new LoopDelay();
    const idleStart = performance.now();
    const idleSamples: { x: number; y: number }[] = [{ x: 0, y: heapAfterGc() }];
    for (let i = 1; i <= Math.max(2, Math.floor((IDLE_SECONDS * 1000) / IDLE_SAMPLE_MS)); i++) {
      idleLoop.resume();
      await sleep(IDLE_SAMPLE_MS);
      idleLoop.pause();
      const hours = (performance.now() - idleStart) / 3_600_000;
      idleSamples.push({ x: hours, y: heapAfterGc() });
    }
    const idleGrowth = slope(idleSamples.slice(1));
    const idleDelay = idleLoop.figures();
    const idleRss = mb(process.memoryUsage().rss);
    console.log(
      `idle heap after GC (MB): ${idleSamples.map((s) => s.y.toFixed(2)).join(' → ')}; ` +
        `growth ${idleGrowth.toFixed(2)} MB per hour; loop delay p50 ${idleDelay.p50.toFixed(2)} ms, ` +
        `p99 ${idleDelay.p99.toFixed(2)} ms, max ${idleDelay.max.toFixed(2)} ms; ` +
        `CPU ${(idleDelay.cpuCores * 100).toFixed(0)}% of a core; RSS ${idleRss.toFixed(0)} MB`,
    );

    // ---- 2. the show ---------------------------------------------------------------------------
    const shows = await studio.call('shows.list', {});
    const show = shows[0]!;
    const rundown = await studio.call('rundown.get', { showId: show.id });
    let obsNote = 'none';
    let obsInstanceId: number | null = null;
    if (process.env.BENCH_SOAK_OBS === '0') obsNote = 'skipped (BENCH_SOAK_OBS=0)';
    else if (!obsAvailable()) obsNote = 'skipped: obs or xvfb-run is not on PATH';
    else {
      try {
        obs = await startHeadlessObs();
        const bare = new OBSWebSocket();
        await bare.connect(obs.url, obs.password);
        for (const sceneName of ['Cam 1', 'Cam 2']) await bare.call('CreateScene', { sceneName });
        await bare.disconnect();
        obsInstanceId = await addTwoCameraObs(studio, obs, 'soak');
        obsNote = `one headless OBS on port ${obs.port}`;
      } catch (err) {
        obsNote = `skipped: OBS did not start (${(err as Error).message.split('\n')[0]})`;
        await obs?.dispose().catch(() => undefined);
        obs = undefined;
      }
    }
    console.log(`OBS: ${obsNote}`);
    await studio.call('show.select', { showId: show.id, obsInstanceId });

    const consoleUrl = new URL(consoleServer.localUrl);
    const start: WorldStart = {
      type: 'start',
      items: {
        kuaishou: generatorItemsFromShelf(studio.shelf.reader, 'kuaishou'),
        douyin: generatorItemsFromShelf(studio.shelf.reader, 'douyin'),
      },
      orders: ORDERS,
      rate: RATE,
      consoleWs: `ws://${consoleUrl.host}/api/ws`,
      token: consoleUrl.searchParams.get('token')!,
      overlayWs: studio.overlays.pages().map((p) => {
        const u = new URL(p.url);
        return `ws://${u.host}/ws?token=${u.searchParams.get('token')}&overlay=${p.id}`;
      }),
      clients: CLIENTS,
      goEveryMs: GO_EVERY_MS,
      slotIds: rundown.slots.map((s) => s.id),
    };
    world = fork(fileURLToPath(new URL('./soak-world.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const messages: WorldMessage[] = [];
    let notify: (() => void) | undefined;
    world.on('message', (m: WorldMessage) => {
      messages.push(m);
      notify?.();
    });
    world.on('exit', (code) => {
      if (code !== 0 && code !== null)
        messages.push({ type: 'done', created: -1, gos: 0, goFailures: 0, framesReceived: 0 });
      notify?.();
    });
    /** The next message of a type, within `ms`. */
    const next = async <T extends WorldMessage['type']>(type: T, ms: number) => {
      const until = performance.now() + ms;
      for (;;) {
        const i = messages.findIndex((m) => m.type === type);
        if (i >= 0) return messages.splice(i, 1)[0] as Extract<WorldMessage, { type: T }>;
        if (performance.now() > until) throw new Error(`the soak world sent no ${type} within ${ms} ms`);
        await new Promise<void>((r) => {
          notify = r;
          setTimeout(r, 250);
        });
      }
    };
    world.send(start);
    const shops = await next('shops', 60_000);
    for (const [platform, url, creds] of [
      ['kuaishou', shops.kuaishou, KUAISHOU_SIMULATOR_CREDENTIALS],
      ['douyin', shops.douyin, DOUYIN_SIMULATOR_CREDENTIALS],
    ] as const)
      await studio.call('shops.save', {
        platform,
        shopId: `soak-${platform}`,
        label: `soak ${platform}`,
        appKey: creds.appKey,
        signMethod: 'hmac-sha256',
        gateway: url,
        appSecret: creds.appSecret,
        ...('signSecret' in creds ? { signSecret: creds.signSecret } : {}),
        accessToken: creds.accessToken,
        refreshToken: creds.refreshToken,
      });
    const connected = await next('connected', 120_000);
    console.log(
      `show: ${connected.consoleClients} console clients and ${connected.overlayClients} overlay pages connected; ` +
        `${ORDERS} orders at ${RATE}/s, GO every ${GO_EVERY_MS / 1000} s over the API …`,
    );

    let paidOrders = 0;
    studio.events.on('orders.figuresChanged', (f) => (paidOrders = f.totals.orders));
    /** Lines the studio's shops have written so far (upserts, updates included). */
    const linesSynced = () =>
      studio.orders.service.list().reduce((n, shop) => n + shop.status.linesSynced, 0);
    /** Waits (bounded) until the studio has caught up: no line written for QUIET_MS. */
    let restMs = 0;
    let restless = 0;
    const atRest = async (budgetMs: number) => {
      const began = performance.now();
      const until = began + budgetMs;
      let lines = linesSynced();
      let since = performance.now();
      while (performance.now() - since < QUIET_MS && performance.now() < until) {
        await sleep(100);
        const now = linesSynced();
        if (now !== lines) [lines, since] = [now, performance.now()];
      }
      restMs += performance.now() - began;
      if (performance.now() - since < QUIET_MS) restless++;
    };
    /** BENCH_SOAK_SNAPSHOTS=dir: heap snapshots at the first sample after warm-up and at the end. */
    const snapshot = (name: string) => {
      const dir = process.env.BENCH_SOAK_SNAPSHOTS;
      if (dir) v8.writeHeapSnapshot(path.join(dir, `soak-${name}.heapsnapshot`));
    };
    const showLoop = new LoopDelay();
    const showStart = performance.now();
    const samples: { orders: number; heapMb: number; at: number }[] = [];
    let nextSample = SAMPLE_EVERY_ORDERS;
    let done: Extract<WorldMessage, { type: 'done' }> | undefined;
    let created = 0;
    // Bounded: the world stops at ORDERS; at 2,000/s that is ORDERS / 2,000 s; given 3×, a minute,
    // and the pauses for the heap samples.
    const flowDeadline =
      performance.now() +
      (ORDERS / RATE) * 3_000 +
      60_000 +
      (ORDERS / SAMPLE_EVERY_ORDERS) * SAMPLE_CATCH_UP_MS;
    // BENCH_SOAK_PROFILE=file.cpuprofile: a CPU profile of the studio while the show runs.
    const profiler = process.env.BENCH_SOAK_PROFILE ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    showLoop.resume();
    while (!done) {
      if (performance.now() > flowDeadline) throw new Error('orders did not flow: the world stalled');
      for (const m of messages) if (m.type === 'progress') created = Math.max(created, m.created);
      messages.splice(0, messages.length, ...messages.filter((m) => m.type !== 'progress'));
      const i = messages.findIndex((m) => m.type === 'done');
      if (i >= 0) {
        done = messages.splice(i, 1)[0] as Extract<WorldMessage, { type: 'done' }>;
        break;
      }
      if (created >= nextSample) {
        // A heap sample at rest: the shops pause, the studio catches up, a full GC; then on.
        showLoop.pause();
        world.send({ type: 'pause' });
        await atRest(SAMPLE_CATCH_UP_MS);
        samples.push({ orders: created, heapMb: heapAfterGc(), at: performance.now() - showStart });
        if (created >= WARMUP_ORDERS && samples.filter((x) => x.orders >= WARMUP_ORDERS).length === 1)
          snapshot('warm');
        nextSample += SAMPLE_EVERY_ORDERS;
        world.send({ type: 'resume' });
        showLoop.resume();
      } else await sleep(50);
    }
    showLoop.pause();
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      fs.writeFileSync(process.env.BENCH_SOAK_PROFILE!, JSON.stringify(profile));
      profiler.disconnect();
    }
    if (done.created < 0) throw new Error('the soak world failed');
    const flowSeconds = showLoop.measuredMs / 1000;
    const linesAtDone = linesSynced();
    await atRest(CATCH_UP_MS);
    samples.push({ orders: done.created, heapMb: heapAfterGc(), at: performance.now() - showStart });
    snapshot('end');
    const rssEnd = mb(process.memoryUsage().rss);
    const showDelay = showLoop.figures();
    const simHours = done.created / ORDERS_PER_SIM_HOUR;
    const after = samples.filter((s) => s.orders >= WARMUP_ORDERS);
    const growth = slope(after.map((s) => ({ x: s.orders / ORDERS_PER_SIM_HOUR, y: s.heapMb })));
    const statuses = studio.orders.service.list().map((s) => s.status);
    for (const s of samples)
      console.log(
        `  ${String(s.orders).padStart(7)} orders (${(s.orders / ORDERS_PER_SIM_HOUR).toFixed(2)} simulated h, ` +
          `${(s.at / 1000).toFixed(1)} s): heap after GC ${s.heapMb.toFixed(2)} MB`,
      );
    console.log(
      `show: ${done.created} orders in ${flowSeconds.toFixed(1)} s (${Math.round(done.created / flowSeconds)}/s) = ` +
        `${simHours.toFixed(2)} simulated hours; ${paidOrders} paid orders on the Live figures; ` +
        `lines synced ${statuses.reduce((s, x) => s + x.linesSynced, 0)}; GO ${done.gos} times ` +
        `(${done.goFailures} failed); ${done.framesReceived} frames to the clients`,
    );
    console.log(
      `studio: ${linesAtDone} lines written while orders flowed (${Math.round(linesAtDone / flowSeconds)} lines/s ` +
        `of flow), ${(restMs / 1000).toFixed(0)} s waiting for it to catch up at the samples` +
        (restless > 0 ? ` (${restless} samples taken before it had caught up)` : ''),
    );
    console.log(
      `show: heap growth after warm-up ${growth.toFixed(2)} MB per simulated hour (target < 2); ` +
        `loop delay p50 ${showDelay.p50.toFixed(2)} ms, p99 ${showDelay.p99.toFixed(2)} ms (target < 16.7), ` +
        `max ${showDelay.max.toFixed(2)} ms (${showDelay.samples} samples); event loop busy ` +
        `${(showDelay.utilisation * 100).toFixed(0)}%, CPU ${(showDelay.cpuCores * 100).toFixed(0)}% of a core; ` +
        `RSS at the end ${rssEnd.toFixed(0)} MB`,
    );
    console.log(
      `show: main-thread CPU between loop ticks p99 ${showDelay.cpuP99.toFixed(2)} ms, max ` +
        `${showDelay.cpuMax.toFixed(2)} ms (the studio's longest tasks, whatever the load; idle: p99 ` +
        `${idleDelay.cpuP99.toFixed(2)} ms, max ${idleDelay.cpuMax.toFixed(2)} ms)`,
    );
    console.log(
      `machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    world.send({ type: 'stop' });
    printBenchResult({
      bench: 'soak',
      orders: done.created,
      simulated_hours: round(simHours, 2),
      heap_growth_mb_per_hour: round(growth, 2),
      loop_delay_p50_ms: round(showDelay.p50, 2),
      loop_delay_p99_ms: round(showDelay.p99, 2),
      loop_delay_max_ms: round(showDelay.max, 2),
      rss_end_mb: Math.round(rssEnd),
      idle_seconds: IDLE_SECONDS,
      idle_heap_growth_mb_per_hour: round(idleGrowth, 2),
      idle_loop_delay_p50_ms: round(idleDelay.p50, 2),
      idle_loop_delay_p99_ms: round(idleDelay.p99, 2),
      idle_loop_delay_max_ms: round(idleDelay.max, 2),
      idle_rss_end_mb: Math.round(idleRss),
      flow_seconds: round(flowSeconds, 1),
      orders_per_s: Math.round(done.created / flowSeconds),
      heap_samples_mb: samples.map((s) => round(s.heapMb, 2)),
      loop_utilisation: round(showDelay.utilisation, 2),
      lines_per_flow_s: Math.round(linesAtDone / flowSeconds),
      catch_up_s: round(restMs / 1000, 1),
      restless_samples: restless,
      cpu_cores: round(showDelay.cpuCores, 2),
      loop_task_cpu_p99_ms: round(showDelay.cpuP99, 2),
      loop_task_cpu_max_ms: round(showDelay.cpuMax, 2),
      idle_loop_task_cpu_p99_ms: round(idleDelay.cpuP99, 2),
      idle_loop_task_cpu_max_ms: round(idleDelay.cpuMax, 2),
      gos: done.gos,
      obs: obsInstanceId !== null,
      load_average: round(os.loadavg()[0]!, 1),
    });
  } finally {
    world?.kill();
    await studio.stop();
    await obs?.dispose().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
