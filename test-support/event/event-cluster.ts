import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../core/free-port';
import {
  boothUser,
  findNatsServer,
  newCredentials,
  NatsServerProcess,
  type EventCredentials,
} from '../../src/main/core/event/event-server';
import type { LedgerDump } from './ledger-dump';
import type { NodeConfig } from './event-node';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeFile = path.join(here, 'event-node.ts');
const root = path.resolve(here, '../..');

/** How long any one wait of the harness may take before it fails the test. */
export const WAIT_MS = 20_000;

export const natsBinary = findNatsServer(undefined, process.env.PATH);

/** One machine in its own process, driven by commands (see event-node.ts). */
export class EventNode {
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, (v: Record<string, unknown>) => void>();
  private stderr = '';
  exited: Promise<void> = Promise.resolve();

  /** `nodeArgs`: extra Node options for the child (the bench's --cpu-prof). */
  constructor(
    readonly config: NodeConfig,
    private readonly nodeArgs: string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [...this.nodeArgs, '--import', 'tsx', nodeFile, JSON.stringify(this.config)],
      {
        cwd: root,
        env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.node.json') },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.exited = new Promise((r) => child.once('exit', () => r()));
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4_000);
      if (process.env.SHELFCAST_EVENT_DEBUG) process.stderr.write(d);
    });
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const msg = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
          buf = buf.slice(nl + 1);
          if (msg.ready) resolve();
          else this.waiting.get(msg.id as number)?.(msg);
        }
      });
      child.once('exit', (code, sig) => reject(new Error(`node exited (${code ?? sig}): ${this.stderr}`)));
    });
  }

  /** Sends a command; resolves with the answer (rejects on an error answer or after WAIT_MS). */
  send<T = Record<string, unknown>>(cmd: string, extra: object = {}, timeoutMs = WAIT_MS): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`${cmd} timed out on ${this.name}: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiting.set(id, (v) => {
        clearTimeout(t);
        this.waiting.delete(id);
        if (v.error) reject(new Error(`${cmd} on ${this.name}: ${String(v.error)}`));
        else resolve(v as T);
      });
      this.child!.stdin!.write(JSON.stringify({ id, cmd, ...extra }) + '\n');
    });
  }

  get name(): string {
    return this.config.booth ?? 'director';
  }

  sell(n: number): Promise<{ versions: number }> {
    return this.send('sell', { n });
  }

  async dump(): Promise<LedgerDump> {
    return (await this.send<{ dump: LedgerDump }>('dump', {}, 3 * WAIT_MS)).dump;
  }

  status(): Promise<{
    connected: boolean;
    outbox: number;
    projectedSeq: number;
    lastAckSeq: number;
    rejected: number;
    lastError: string | null;
  }> {
    return this.send('status');
  }

  kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    return this.exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    await this.send('stop').catch(() => this.child?.kill('SIGKILL'));
    await this.exited;
  }
}

/** A server, a director and booths, each booth with a Kuaishou and a Douyin shop; all in a temp dir. */
export class EventCluster {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-event-'));
  readonly eventId = 'gansu';
  readonly creds: EventCredentials;
  server!: NatsServerProcess;
  director!: EventNode;
  readonly booths: EventNode[] = [];

  constructor(
    readonly boothIds: readonly string[],
    readonly opts: { products?: number; stock?: number; directorBooth?: string; serverOnly?: boolean } = {},
  ) {
    this.creds = newCredentials(this.eventId, [
      ...boothIds,
      ...(opts.directorBooth ? [opts.directorBooth] : []),
    ]);
  }

  async start(): Promise<void> {
    if (!natsBinary) throw new Error('nats-server is not installed');
    this.server = new NatsServerProcess({
      binary: natsBinary,
      dir: path.join(this.dir, 'nats'),
      port: await freePort(),
      creds: this.creds,
    });
    await this.server.start();
    if (this.opts.serverOnly) return;
    const base = {
      eventId: this.eventId,
      url: this.server.url,
      products: this.opts.products ?? 20,
      stock: this.opts.stock ?? 1_000_000,
    };
    const db = this.opts.directorBooth;
    this.director = new EventNode({
      ...base,
      dir: this.mkdir('director'),
      booth: db ?? null,
      director: true,
      user: this.creds.director.user,
      pass: this.creds.director.pass,
      shops: db ? shopsOf(db, 0) : [],
    });
    this.boothIds.forEach((b, i) =>
      this.booths.push(
        new EventNode({
          ...base,
          dir: this.mkdir(b),
          booth: b,
          director: false,
          user: boothUser(b),
          pass: this.creds.booths[b]!,
          shops: shopsOf(b, i + 1),
        }),
      ),
    );
    await Promise.all(this.nodes.map((b) => b.start()));
  }

  get nodes(): EventNode[] {
    return this.opts.serverOnly ? [] : [this.director, ...this.booths];
  }

  /** Waits until every node has published its outbox and projected the whole stream, then returns their dumps. */
  async settle(): Promise<LedgerDump[]> {
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const statuses = await Promise.all(this.nodes.map((n) => n.status()));
      const top = Math.max(...statuses.map((s) => Math.max(s.projectedSeq, s.lastAckSeq)));
      if (statuses.every((s) => s.outbox === 0 && s.projectedSeq === top && s.connected)) {
        // Same sequence everywhere and nothing waiting: one more look, in case a publish landed meanwhile.
        const again = await Promise.all(this.nodes.map((n) => n.status()));
        if (again.every((s) => s.outbox === 0 && s.projectedSeq === top)) break;
      }
      if (Date.now() > until)
        throw new Error(
          `event did not settle: ${JSON.stringify(statuses.map((s, i) => [this.nodes[i]!.name, s]))}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
    return Promise.all(this.nodes.map((n) => n.dump()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop().catch(() => n.kill())));
    await this.server?.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private mkdir(name: string): string {
    const d = path.join(this.dir, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  }
}

function shopsOf(booth: string, i: number): NodeConfig['shops'] {
  return [
    { platform: 'kuaishou', shopId: `${booth}-ks`, seed: 100 + i },
    { platform: 'douyin', shopId: `${booth}-dy`, seed: 200 + i },
  ];
}

/** The lines of one booth's own shops in its dump. */
export function ownLines(dump: LedgerDump, booth: string): string[] {
  const shops = dump.shops.filter((s) => s.endsWith(` ${booth}`)).map((s) => s.split(' ')[0]! + '/');
  return dump.lines.filter((l) => shops.some((s) => l.startsWith(s)));
}
