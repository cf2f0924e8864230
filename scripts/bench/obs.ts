/**
 * npm run bench:obs — against a real headless OBS (see test-support/obs/obs-harness.ts):
 * 1. camera switch round trip through the studio's API (in process, and through the operator
 *    console's WebSocket bridge as a browser or tablet calls it) vs a bare obs-websocket-js
 *    call, same OBS, same run, interleaved so all see the same load;
 * 2. reconnect: OBS SIGKILLed and restarted on the same port; time from its port accepting
 *    connections again to the studio reporting `connected` (after its full resync).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OBSWebSocket from 'obs-websocket-js/json';
import WebSocket from 'ws';
import { OperatorServer } from '../../src/main/server/operator-server';
import { Studio } from '../../src/main/core/studio';
import { portOpen, startHeadlessObs } from '../../test-support/obs/obs-harness';
import { waitFor } from '../../test-support/obs/wait';
import { addTwoCameraObs } from './bench-obs';
import { percentile, printBenchResult, round } from './bench-report';

const SWITCHES = Number(process.env.BENCH_OBS_SWITCHES ?? 300);
const KILLS = Number(process.env.BENCH_OBS_KILLS ?? 8);

const median = (xs: number[]) => percentile(xs, 50);

async function main(): Promise<void> {
  const obs = await startHeadlessObs();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-bench-obs-'));
  const studio = new Studio({ dataDir, mode: 'headless', log: { echoLevel: 'error' } });
  const bare = new OBSWebSocket();
  studio.addService(new OperatorServer(studio, { staticDir: os.tmpdir(), port: 0 }));
  let bridge: WebSocket | undefined;
  try {
    await bare.connect(obs.url, obs.password);
    for (const sceneName of ['Cam 1', 'Cam 2']) await bare.call('CreateScene', { sceneName });
    await studio.start();
    const id = await addTwoCameraObs(studio, obs, 'bench');
    const connected = async () =>
      (await studio.call('obs.connections', {})).connections[0]!.status.state === 'connected';
    await waitFor('studio connected', connected, 20_000);
    bridge = await openBridge(studio);
    const viaBridge = bridgeCaller(bridge);

    // 1. Switch round trips. Every call is a real change (targets alternate Cam 1/Cam 2), who
    // goes first alternates per pair, and the transition is a cut so no fade is still running.
    await bare.call('SetCurrentSceneTransition', { transitionName: 'Cut' });
    await bare.call('SetCurrentProgramScene', { sceneName: 'Cam 2' });
    const studioMs: number[] = [];
    const bareMs: number[] = [];
    const bridgeMs: number[] = [];
    let call = 0;
    const viaStudio = async () => {
      const cam1 = call++ % 2 === 0;
      const t0 = performance.now();
      await studio.call('obs.camera', { instanceId: id, preset: cam1 ? 'one' : 'two' });
      return performance.now() - t0;
    };
    const viaBare = async () => {
      const cam1 = call++ % 2 === 0;
      const t0 = performance.now();
      await bare.call('SetCurrentProgramScene', { sceneName: cam1 ? 'Cam 1' : 'Cam 2' });
      return performance.now() - t0;
    };
    const viaConsole = async () => {
      const cam1 = call++ % 2 === 0;
      const t0 = performance.now();
      await viaBridge('obs.camera', { instanceId: id, preset: cam1 ? 'one' : 'two' });
      return performance.now() - t0;
    };
    const WARMUP = 20;
    for (let pair = 0; pair < SWITCHES + WARMUP; pair++) {
      let s: number;
      let b: number;
      if (pair % 2 === 0) {
        s = await viaStudio();
        b = await viaBare();
      } else {
        b = await viaBare();
        s = await viaStudio();
      }
      const w = await viaConsole();
      if (pair >= WARMUP) {
        studioMs.push(s);
        bareMs.push(b);
        bridgeMs.push(w);
      }
    }
    const studioMed = median(studioMs);
    const bareMed = median(bareMs);
    const bridgeMed = median(bridgeMs);
    console.log(
      `camera switch (${SWITCHES} each, interleaved): studio API median ${studioMed.toFixed(2)} ms ` +
        `(p95 ${percentile(studioMs, 95).toFixed(2)}), bare obs-websocket-js median ${bareMed.toFixed(2)} ms ` +
        `(p95 ${percentile(bareMs, 95).toFixed(2)}); through the console WebSocket bridge median ` +
        `${bridgeMed.toFixed(2)} ms (p95 ${percentile(bridgeMs, 95).toFixed(2)})`,
    );
    await bare.disconnect();

    // 2. Reconnect after SIGKILL.
    let connectedAt = 0;
    studio.events.on('obs.status', (s) => {
      if (s.status.state === 'connected') connectedAt = performance.now();
    });
    const reconnectMs: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      await obs.crash();
      await waitFor('studio noticed', async () => !(await connected()), 5000, 5);
      connectedAt = 0;
      let backAt = 0;
      const watcher = (async () => {
        while (!(await portOpen(obs.port))) await new Promise((r) => setTimeout(r, 5));
        backAt = performance.now();
      })();
      await obs.start();
      await watcher;
      await waitFor('studio reconnected', () => connectedAt > 0, 20_000, 5);
      const ms = connectedAt - backAt;
      reconnectMs.push(ms);
      console.log(`kill ${k + 1}/${KILLS}: OBS back → studio connected (resynced) in ${ms.toFixed(0)} ms`);
    }
    const p95 = percentile(reconnectMs, 95);
    const overhead = studioMed / bareMed - 1;
    console.log(
      `studio overhead ${(overhead * 100).toFixed(1)}% (target < 10%); reconnect p95 ${p95.toFixed(0)} ms (target < 2000 ms)`,
    );
    printBenchResult({
      bench: 'obs',
      studio_switch_ms: round(studioMed),
      bare_switch_ms: round(bareMed),
      overhead_ratio: round(overhead, 4),
      reconnect_p95_ms: round(p95, 1),
      reconnect_median_ms: round(median(reconnectMs), 1),
      reconnects: reconnectMs.length,
      console_ws_switch_ms: round(bridgeMed),
      console_ws_overhead_ratio: round(bridgeMed / bareMed - 1, 4),
      switches: SWITCHES,
    });
  } finally {
    bridge?.close();
    await bare.disconnect().catch(() => undefined);
    await studio.stop();
    await obs.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The operator server's WebSocket bridge, authorised with the console token, as the UI uses it. */
async function openBridge(studio: Studio): Promise<WebSocket> {
  const access = await studio.call('access.access', {});
  const url = new URL(access.urls[0]!);
  const ws = new WebSocket(`ws://${url.host}/api/ws`, {
    headers: { Authorization: `Bearer ${url.searchParams.get('token')}` },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve()); // hello
    ws.once('error', reject);
  });
  return ws;
}

function bridgeCaller(ws: WebSocket) {
  let nextId = 1;
  const waiting = new Map<number, (ok: boolean) => void>();
  ws.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as { type: string; id?: number; result?: { ok: boolean } };
    if (frame.type === 'result' && frame.id !== undefined) waiting.get(frame.id)?.(frame.result!.ok);
  });
  return (op: string, input: unknown) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (ok) => {
        waiting.delete(id);
        if (ok) resolve();
        else reject(new Error(`${op} failed over the bridge`));
      });
      ws.send(JSON.stringify({ type: 'call', id, op, input }));
    });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
