import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { eventNames, validId } from './event-names';

/** Per-event credentials: the director's user and one user per booth. */
export interface EventCredentials {
  eventId: string;
  director: { user: string; pass: string };
  booths: Record<string, string>;
}

const secret = () => randomBytes(18).toString('base64url');

export function newCredentials(eventId: string, booths: readonly string[]): EventCredentials {
  eventNames(eventId);
  const creds: EventCredentials = { eventId, director: { user: 'director', pass: secret() }, booths: {} };
  for (const b of booths) addBooth(creds, b);
  return creds;
}

/** Adds a booth user (a no-op for a booth that has one); returns its password. */
export function addBooth(creds: EventCredentials, booth: string): string {
  if (!validId(booth)) throw new Error(`not a booth id: ${JSON.stringify(booth)}`);
  return (creds.booths[booth] ??= secret());
}

export const boothUser = (booth: string) => `booth-${booth}`;

const q = (s: string) => JSON.stringify(s);

/**
 * The nats-server configuration of an event: JetStream with its store, no anonymous access, the
 * director allowed everything, each booth allowed to publish only its own orders subject and its
 * own key in the booths bucket, plus the JetStream API calls reading the event needs (consumers,
 * stream info, direct gets). Stream or bucket creation, deletion and purge are the director's.
 */
export function serverConfig(o: {
  port: number;
  host: string;
  storeDir: string;
  creds: EventCredentials;
}): string {
  const n = eventNames(o.creds.eventId);
  const booths = Object.entries(o.creds.booths).map(([booth, pass]) => {
    const allow = [
      n.ordersOf(booth),
      `$KV.${n.boothsBucket}.${booth}`,
      '$JS.API.INFO',
      '$JS.API.STREAM.INFO.>',
      '$JS.API.STREAM.MSG.GET.>',
      '$JS.API.DIRECT.GET.>',
      `$JS.API.CONSUMER.CREATE.${n.stream}`,
      `$JS.API.CONSUMER.CREATE.${n.stream}.>`,
      `$JS.API.CONSUMER.CREATE.KV_${n.shelfBucket}`,
      `$JS.API.CONSUMER.CREATE.KV_${n.shelfBucket}.>`,
      `$JS.API.CONSUMER.CREATE.KV_${n.boothsBucket}`,
      `$JS.API.CONSUMER.CREATE.KV_${n.boothsBucket}.>`,
      '$JS.API.CONSUMER.INFO.>',
      '$JS.API.CONSUMER.DELETE.>',
      '$JS.API.CONSUMER.MSG.NEXT.>',
      '$JS.ACK.>',
      '$JS.FC.>',
      '_INBOX.>',
    ];
    return `    { user: ${q(boothUser(booth))}, password: ${q(pass)}, permissions: {
        publish: { allow: [${allow.map(q).join(', ')}] }
        subscribe: { allow: ["_INBOX.>"] }
      } }`;
  });
  return `# ShelfCast event ${o.creds.eventId}: written by the director's studio; holds the event's passwords.
port: ${o.port}
host: ${q(o.host)}
jetstream {
  store_dir: ${q(o.storeDir)}
}
authorization {
  users: [
    { user: ${q(o.creds.director.user)}, password: ${q(o.creds.director.pass)} }
${booths.join('\n')}
  ]
}
`;
}

/** Whether something accepts TCP connections on host:port now. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export const DEFAULT_NATS_SERVER = process.platform === 'win32' ? 'nats-server.exe' : 'nats-server';

/**
 * Finds the nats-server binary: an explicit path, then the search path (the PATH the entry point
 * read), then /usr/sbin (Debian's package) and the usual install folders.
 */
export function findNatsServer(explicit?: string, searchPath = ''): string | undefined {
  if (explicit) return fs.existsSync(explicit) ? explicit : undefined;
  const dirs = [...searchPath.split(path.delimiter), '/usr/sbin', '/usr/local/bin', '/opt/homebrew/bin'];
  for (const d of dirs) {
    const f = path.join(d, DEFAULT_NATS_SERVER);
    if (d && fs.existsSync(f)) return f;
  }
  return undefined;
}

/**
 * A nats-server child process with JetStream for one event: its config (0600, in `dir`) and
 * store under `dir`. `start` resolves once it accepts connections; `stop` ends it (SIGTERM, then
 * SIGKILL after a bound).
 */
export class NatsServerProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly o: { binary: string; dir: string; port: number; host?: string; creds: EventCredentials },
  ) {}

  get host(): string {
    return this.o.host ?? '127.0.0.1';
  }

  get url(): string {
    return `nats://${this.host === '0.0.0.0' ? '127.0.0.1' : this.host}:${this.o.port}`;
  }

  get configFile(): string {
    return path.join(this.o.dir, 'nats-server.conf');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Writes the config (booths added since are included) and tells a running server to re-read it. */
  writeConfig(): void {
    fs.mkdirSync(this.o.dir, { recursive: true, mode: 0o700 });
    const text = serverConfig({
      port: this.o.port,
      host: this.host,
      storeDir: path.join(this.o.dir, 'jetstream'),
      creds: this.o.creds,
    });
    fs.writeFileSync(this.configFile, text, { mode: 0o600 });
    if (this.child && this.child.exitCode === null) this.child.kill('SIGHUP');
  }

  async start(timeoutMs = 10_000): Promise<void> {
    this.writeConfig();
    const child = spawn(this.o.binary, ['-c', this.configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (b: Buffer) => {
      this.output = (this.output + b.toString()).slice(-4_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`nats-server exited (${child.exitCode ?? child.signalCode}): ${this.output.trim()}`);
      if (await listening(this.url.includes('127.0.0.1') ? '127.0.0.1' : this.host, this.o.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new Error(
      `nats-server did not listen on port ${this.o.port} within ${timeoutMs} ms: ${this.output.trim()}`,
    );
  }

  /**
   * Whether the running server accepts these credentials (after `writeConfig` the reload takes a
   * moment): tries to connect every 100 ms, up to `timeoutMs`.
   */
  async accepts(user: string, pass: string, timeoutMs = 5_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        const nc = await connect({ servers: this.url, user, pass, timeout: 1_000, reconnect: false });
        await nc.close();
        return true;
      } catch {
        if (Date.now() > until) return false;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Sends a signal (tests: SIGKILL mid-stream). */
  kill(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  async stop(timeoutMs = 5_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(t);
  }
}

/** What a booth needs to join: the server, the event, its booth id and its credentials. */
export interface JoinTicket {
  url: string;
  event: string;
  booth: string;
  user: string;
  pass: string;
}

export function joinToken(t: JoinTicket): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

export function joinLink(t: JoinTicket): string {
  return `shelfcast://event/join?t=${joinToken(t)}`;
}

/** Reads a join token or link; throws a plain Error saying what is wrong. */
export function readJoinToken(tokenOrLink: string): JoinTicket {
  const m = /[?&]t=([A-Za-z0-9_-]+)/.exec(tokenOrLink);
  const raw = m ? m[1]! : tokenOrLink.trim();
  let t: Partial<JoinTicket>;
  try {
    t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<JoinTicket>;
  } catch {
    throw new Error('not a join token');
  }
  if (
    typeof t.url !== 'string' ||
    typeof t.event !== 'string' ||
    typeof t.booth !== 'string' ||
    typeof t.user !== 'string' ||
    typeof t.pass !== 'string' ||
    !validId(t.event) ||
    !validId(t.booth)
  )
    throw new Error('join token is missing the server, event, booth or credentials');
  return t as JoinTicket;
}
