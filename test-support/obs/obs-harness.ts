import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import OBSWebSocket from 'obs-websocket-js/json';
import { freePort } from '../core/free-port';

export { freePort };

/**
 * Real, headless, isolated OBS Studio instances for integration tests and benches
 * (recipe: shared/docs/obs-harness.md): a fresh XDG_CONFIG_HOME per instance, a free port,
 * a random password, xvfb-run, readiness by a successful GetVersion, stop by process id.
 */
export interface HeadlessObs {
  readonly port: number;
  readonly password: string;
  readonly url: string;
  readonly configDir: string;
  /** Where recordings go (set through the profile on every start). */
  readonly recordDir: string;
  /** Process id of the obs binary itself (not xvfb-run). */
  readonly obsPid: number | undefined;
  /** Starts OBS again on the same port with the same profile (after a kill). */
  start(): Promise<void>;
  /** SIGKILLs the obs process only (a crash); xvfb-run then tears its X server down. */
  crash(): Promise<void>;
  /** Stops everything this instance started and removes its folders. */
  dispose(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Whether this machine can run the harness at all. */
export function obsAvailable(): boolean {
  const onPath = (bin: string) =>
    (process.env.PATH ?? '').split(':').some((dir) => dir && fs.existsSync(path.join(dir, bin)));
  return onPath('obs') && onPath('xvfb-run');
}

export async function startHeadlessObs(
  opts: {
    port?: number;
    readyTimeoutMs?: number;
    /** A scene collection to start with (see scene-collection.ts), saved as OBS's `Untitled`. */
    sceneCollection?: object;
  } = {},
): Promise<HeadlessObs> {
  installExitHook();
  const port = opts.port ?? (await freePort());
  const password = crypto.randomBytes(12).toString('base64url');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-obs-harness-'));
  const configDir = path.join(root, 'config');
  const recordDir = path.join(root, 'recordings');
  fs.mkdirSync(path.join(configDir, 'obs-studio'), { recursive: true });
  fs.mkdirSync(recordDir, { recursive: true });
  if (opts.sceneCollection) {
    const scenesDir = path.join(configDir, 'obs-studio', 'basic', 'scenes');
    fs.mkdirSync(scenesDir, { recursive: true });
    fs.writeFileSync(path.join(scenesDir, 'Untitled.json'), JSON.stringify(opts.sceneCollection));
  }
  fs.writeFileSync(
    path.join(configDir, 'obs-studio', 'global.ini'),
    [
      '[General]',
      'FirstRun=true',
      'EnableAutoUpdates=false',
      '[BasicWindow]',
      'SysTrayEnabled=false',
      '[OBSWebSocket]',
      'FirstLoad=false',
      'ServerEnabled=true',
      `ServerPort=${port}`,
      'AuthRequired=true',
      `ServerPassword=${password}`,
      'AlertsEnabled=false',
      '',
    ].join('\n'),
  );
  const pidFile = path.join(root, 'obs.pid');
  let child: ChildProcess | undefined;
  let obsPid: number | undefined;
  let logTail = '';

  const launch = async () => {
    fs.rmSync(pidFile, { force: true });
    logTail = '';
    // `exec` keeps the pid written by the shell as the pid of obs itself.
    child = spawn(
      'xvfb-run',
      [
        '-a',
        // Start the display search at a random number: parallel xvfb-runs must not pick the same one.
        '-n',
        String(100 + Math.floor(Math.random() * 5000)),
        '-s',
        '-screen 0 1920x1080x24',
        'sh',
        '-c',
        // A watchdog kills this OBS if the test process dies without cleaning up (SIGKILL, crash).
        `(while kill -0 ${process.pid} && kill -0 $$; do sleep 1; done; kill -9 $$) >/dev/null 2>&1 & ` +
          `echo $$ > "${pidFile}"; exec obs --multi --disable-shutdown-check --minimize-to-tray --websocket_port ${port} --websocket_password "${password}"`,
      ],
      {
        env: { ...process.env, XDG_CONFIG_HOME: configDir, LIBGL_ALWAYS_SOFTWARE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    live.add(child);
    const c = child;
    const keep = (b: Buffer) => (logTail = (logTail + b.toString()).slice(-4000));
    c.stdout!.on('data', keep);
    c.stderr!.on('data', keep);
    c.once('exit', () => live.delete(c));
    try {
      await waitReady(port, password, opts.readyTimeoutMs ?? 20_000, c);
    } catch (err) {
      await killGroup(c);
      throw new Error(
        `OBS did not become ready on port ${port}: ${String(err)}\n${logTail}\n${obsLog(configDir)}`,
        {
          cause: err,
        },
      );
    }
    obsPid = Number(fs.readFileSync(pidFile, 'utf8').trim()) || undefined;
    await setRecordPath(port, password, recordDir);
  };
  // On a loaded shared machine OBS now and then hangs in start-up before opening its port;
  // that is the environment, not what the tests are about: try once more.
  const start = async () => {
    try {
      await launch();
    } catch (err) {
      console.warn(String(err).slice(0, 2000));
      await launch();
    }
  };

  await start();
  return {
    port,
    password,
    url: `ws://127.0.0.1:${port}`,
    configDir,
    recordDir,
    get obsPid() {
      return obsPid;
    },
    start,
    async crash() {
      if (!obsPid || !child) return;
      const exited = new Promise((r) => (child!.exitCode !== null ? r(null) : child!.once('exit', r)));
      try {
        process.kill(obsPid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
      obsPid = undefined;
    },
    async dispose() {
      if (child) await killGroup(child);
      if (obsPid) await waitGone(obsPid);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

async function waitReady(
  port: number,
  password: string,
  timeoutMs: number,
  child: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`xvfb-run exited with ${child.exitCode}`);
    if (await portOpen(port)) {
      const ws = new OBSWebSocket();
      try {
        await ws.connect(`ws://127.0.0.1:${port}`, password, { eventSubscriptions: 0 });
        await ws.call('GetVersion');
        await ws.disconnect();
        return;
      } catch (err) {
        last = err;
        await ws.disconnect().catch(() => undefined);
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out (${String(last ?? 'port closed')})`);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function setRecordPath(port: number, password: string, dir: string): Promise<void> {
  const ws = new OBSWebSocket();
  await ws.connect(`ws://127.0.0.1:${port}`, password, { eventSubscriptions: 0 });
  try {
    for (const category of ['SimpleOutput', 'AdvOut']) {
      const parameterName = category === 'SimpleOutput' ? 'FilePath' : 'RecFilePath';
      await ws.call('SetProfileParameter', {
        parameterCategory: category,
        parameterName,
        parameterValue: dir,
      });
    }
  } finally {
    await ws.disconnect();
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    // xvfb-run traps TERM and takes its X server down with it.
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

/** The end of the newest OBS log file, for start-up failures. */
function obsLog(configDir: string): string {
  const dir = path.join(configDir, 'obs-studio', 'logs');
  try {
    const newest = fs.readdirSync(dir).sort().at(-1);
    return newest ? fs.readFileSync(path.join(dir, newest), 'utf8').slice(-3000) : '';
  } catch {
    return '';
  }
}

/** Waits until a process id is gone (xvfb-run may exit a moment before its children). */
async function waitGone(pid: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of live) {
      try {
        if (c.pid) process.kill(-c.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });
}
