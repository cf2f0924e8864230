import type Database from 'better-sqlite3';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
} from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { Logger } from '../logging/log-hub';
import type { LiveLedger, OrderLine } from '../orders';
import { eventNames, validId, type EventNames } from './event-names';
import { EventShelf } from './event-shelf';
import { readBoothState, readEventMessage } from './event-message';
import { EventOutbox, type EventOrderMessage } from './outbox';
import { publishWindow } from './publish-window';

/** What a booth shows the event about itself (the director's booth list and big screen). */
export interface BoothLiveState {
  booth: string;
  /** The product on air: its event code (merchant code) and name; null between products. */
  onAir: { code: string; name: string } | null;
  /** Since when that product is on air (UTC ms), null when none. */
  onAirSince: number | null;
  /** When the on-air countdown ends (UTC ms), null when none. */
  countdownEnd: number | null;
  /** GMV of the booth's show so far, fen. */
  showGmvFen: number;
  /** When the booth said this (UTC ms): its heartbeat. */
  at: number;
}

export interface EventLinkOptions {
  eventId: string;
  /** This machine's booth id, or null for a director that sells nothing itself. */
  booth: string | null;
  /** Whether this machine creates the event's stream and buckets (the director). */
  director: boolean;
  servers: string | string[];
  user: string;
  pass: string;
  db: Database.Database;
  ledger: LiveLedger;
  log?: Logger;
  /** Echo link failures to stderr as they happen (SHELFCAST_EVENT_DEBUG, read by the entry point). */
  debug?: boolean;
  clock?: () => number;
  /** The booth's live state for heartbeats (booths only). */
  boothState?: () => Omit<BoothLiveState, 'booth' | 'at'>;
  heartbeatMs?: number;
  /**
   * Whether this machine projects the other booths' orders into its ledger (default true). The
   * bench turns it off for booths that share one machine with 14 others (on a real event each
   * booth has its own computer); the director always projects.
   */
  project?: boolean;
  /** Called after a booth applied an event shelf product to its local shelf. */
  onShelfApplied?: (code: string, revision: number, productIds: number[]) => void;
  /** Called after remote order versions are in this ledger, with their messages (bench, tests). */
  onProjected?: (messages: readonly EventOrderMessage[], committedAt: number) => void;
}

export interface EventLinkStatus {
  connected: boolean;
  /** Own order versions not yet acknowledged by the event. */
  outbox: number;
  /** Last stream sequence projected into this ledger. */
  projectedSeq: number;
  /** Highest stream sequence JetStream acknowledged for this booth's publishes (this run). */
  lastAckSeq: number;
  /** Messages refused as malformed (or naming another booth) and skipped: orders and booths' live states. */
  rejected: number;
  lastError: string | null;
}

/**
 * The director's part: creates the event's orders stream and its buckets when missing (an
 * existing stream is kept as it is: a director restart loses nothing).
 */
export async function createEventStore(nc: NatsConnection, eventId: string): Promise<void> {
  const names = eventNames(eventId);
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(names.stream);
  } catch {
    await jsm.streams.add({
      name: names.stream,
      subjects: [names.ordersAll],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      // Two minutes of de-duplication by message id: a republished version inside it is dropped;
      // one outside it is stored again and the ledgers' upsert rules ignore it.
      duplicate_window: 120_000_000_000,
    });
  }
  const kvm = new Kvm(nc);
  await kvm.create(names.boothsBucket, { history: 1 });
  await kvm.create(names.shelfBucket, { history: 5 });
}

/** Bound on how long one publish waits for JetStream's acknowledgement before the batch is retried. */
const PUBLISH_TIMEOUT_MS = 5_000;
/** Order versions published and not yet acknowledged, at most (a sliding window, see publishWindow). */
const PUBLISH_WINDOW = 500;
/** Order versions per projected ledger delivery, at most. */
const PROJECT_BATCH = 1_000;
/**
 * How long the projector gathers versions before committing them: a few ms of batching keeps the
 * ledger's transactions large at 2,000 orders/s while the big screen moves within a frame or two
 * of the booth's commit (a fetch that waited for a full batch, or a second, was the event's lag).
 */
const PROJECT_GATHER_MS = 25;

/** Shortest time between two heartbeats when state changes come quickly (figures at every commit). */
const MIN_BEAT_GAP_MS = 200;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

/**
 * One machine's link to an event on NATS JetStream.
 *
 * - Outbound (booths): the ledger's hook writes each own order version into the SQLite outbox in
 *   the commit transaction; the publisher sends waiting rows in order with their message ids
 *   (JetStream drops a version it already has) and deletes them once acknowledged. Offline, rows
 *   wait; back online, they go out in order.
 * - Inbound (everyone): an ordered consumer reads the orders stream from the last projected
 *   sequence; every other booth's versions go into the local ledger through `ingestRemote` (the
 *   same upsert rules), the cursor in the same transaction, so a restart resumes exactly after it.
 * - Live state (booths): a heartbeat puts the booth's state in the booths bucket under its id.
 */
export class EventLink {
  readonly names: EventNames;
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private boothsKv: KV | undefined;
  private readonly boothStates = new Map<string, BoothLiveState>();
  private stopBoothWatch: (() => void) | undefined;
  private shelfStore: EventShelf | undefined;
  /** The connection the stream and buckets were opened on (prepared); undefined between. */
  private ready: NatsConnection | undefined;
  private readonly outbox: EventOutbox | undefined;
  private stopped = false;
  private offline = false;
  private wakeOnline: (() => void) | undefined;
  private wakePublisher: (() => void) | undefined;
  /** Own versions were committed to the outbox since the publisher last read it. */
  private outboxGrew = false;
  private wakeHeartbeat: (() => void) | undefined;
  private beatSoon = false;
  private readonly tasks: Promise<void>[] = [];
  private removeHooks: (() => void) | undefined;
  private lastError: string | null = null;
  private projectedSeq = 0;
  private lastAckSeq = 0;
  private rejected = 0;
  private readonly clock: () => number;
  private readonly cursor;
  private readonly shopQ;
  private stopProjector: (() => void) | undefined;
  private stopShelf: (() => void) | undefined;

  constructor(private readonly o: EventLinkOptions) {
    this.names = eventNames(o.eventId);
    if (o.booth !== null && !validId(o.booth)) throw new Error(`not a booth id: ${JSON.stringify(o.booth)}`);
    this.clock = o.clock ?? Date.now;
    this.outbox = o.booth === null ? undefined : new EventOutbox(o.db, o.eventId, o.booth, this.clock);
    this.cursor = {
      get: o.db.prepare<[string], { stream_seq: number }>(
        'SELECT stream_seq FROM event_cursor WHERE event_id = ?',
      ),
      set: o.db.prepare<[string, number]>(
        `INSERT INTO event_cursor (event_id, stream_seq) VALUES (?, ?)
         ON CONFLICT (event_id) DO UPDATE SET stream_seq = max(stream_seq, excluded.stream_seq)`,
      ),
    };
    this.shopQ = o.db.prepare<[string, string, string, string]>(
      `INSERT INTO event_shop (event_id, platform, shop_id, booth) VALUES (?, ?, ?, ?)
       ON CONFLICT (event_id, platform, shop_id) DO NOTHING`,
    );
    this.projectedSeq = this.cursor.get.get(o.eventId)?.stream_seq ?? 0;
  }

  /** Hooks into the ledger now (sales made offline are queued from the first one) and connects in the background. */
  start(): void {
    const outbox = this.outbox;
    this.removeHooks = this.o.ledger.setHooks({
      localInTransaction: outbox ? (lines) => outbox.addInTransaction(lines) : undefined,
      committed: (deliveries) => {
        if (deliveries.some((d) => !d.remote)) {
          this.outboxGrew = true;
          this.wakePublisher?.();
        }
      },
    });
    this.tasks.push(this.run());
  }

  status(): EventLinkStatus {
    return {
      connected: this.linked(),
      outbox: this.outbox?.waiting ?? 0,
      projectedSeq: this.projectedSeq,
      lastAckSeq: this.lastAckSeq,
      rejected: this.rejected,
      lastError: this.lastError,
    };
  }

  /** Every booth's live state as last heard (kept across link drops), by booth id. */
  booths(): BoothLiveState[] {
    return [...this.boothStates.values()];
  }

  get connection(): NatsConnection | undefined {
    return this.nc;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.removeHooks?.();
    this.wakePublisher?.();
    this.wakeOnline?.();
    this.wakeHeartbeat?.();
    this.stopProjector?.();
    this.stopShelf?.();
    this.stopBoothWatch?.();
    await this.nc?.close().catch(() => undefined);
    await Promise.allSettled(this.tasks);
  }

  /**
   * Leaves the event's network without stopping (a booth cut off): sales keep going into the
   * outbox; `goOnline` reconnects and the outbox drains in order.
   */
  async goOffline(): Promise<void> {
    this.offline = true;
    this.wakePublisher?.();
    this.wakeHeartbeat?.();
    this.stopProjector?.();
    await this.nc?.close().catch(() => undefined);
  }

  goOnline(): void {
    this.offline = false;
    this.wakeOnline?.();
  }

  /** Connects (retrying until stopped), prepares the stream and buckets, then runs publisher, projector and heartbeat until the connection closes; again. */
  private async run(): Promise<void> {
    let wait = 250;
    while (!this.stopped) {
      if (this.offline) {
        await new Promise<void>((resolve) => {
          this.wakeOnline = resolve;
          setTimeout(resolve, 1_000).unref?.();
        });
        continue;
      }
      let nc: NatsConnection;
      try {
        nc = await connect({
          servers: this.o.servers,
          user: this.o.user,
          pass: this.o.pass,
          name: `shelfcast-${this.o.eventId}-${this.o.booth ?? 'director'}`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
          timeout: 3_000,
          // Otherwise every request (each publish) builds two Errors with stack traces up front
          // for context should it fail: about a seventh of the booth's publishing CPU in a profile.
          noAsyncTraces: true,
        });
      } catch (err) {
        this.fail('connect', err);
        await sleep(wait);
        wait = Math.min(wait * 2, 3_000);
        continue;
      }
      wait = 250;
      this.nc = nc;
      if (this.stopped || this.offline) {
        await nc.close().catch(() => undefined);
        continue;
      }
      this.js = jetstream(nc, { timeout: PUBLISH_TIMEOUT_MS });
      let prepared = false;
      while (!this.stopped && !nc.isClosed() && !prepared) {
        try {
          await this.prepare(nc);
          prepared = true;
        } catch (err) {
          this.fail('prepare', err);
          await sleep(500);
        }
      }
      if (prepared) {
        this.o.log?.info('event link up', { event: this.o.eventId, booth: this.o.booth ?? 'director' });
        this.lastError = null;
        this.ready = nc;
        const work = this.o.project === false && !this.o.director ? [] : [this.project(nc)];
        if (this.outbox) work.push(this.publish(nc, this.outbox));
        if (this.o.boothState && this.o.booth) work.push(this.heartbeat(nc));
        await Promise.allSettled(work);
      }
      if (this.ready === nc) this.ready = undefined;
      await nc.close().catch(() => undefined);
    }
  }

  private async prepare(nc: NatsConnection): Promise<void> {
    if (this.o.director) await createEventStore(nc, this.o.eventId);
    const kvm = new Kvm(nc);
    this.boothsKv = await kvm.open(this.names.boothsBucket);
    // Every booth's last word, kept as it comes (the event figures read it without asking the server,
    // and a booth whose link dropped keeps its last state with when it was heard).
    this.stopBoothWatch?.();
    const watch = await this.boothsKv.watch();
    this.stopBoothWatch = () => watch.stop();
    void (async () => {
      for await (const e of watch) {
        if (e.operation !== 'PUT') this.boothStates.delete(e.key);
        else {
          // A malformed entry is refused: the booth keeps its last good state (and when it was heard).
          const read = readBoothState(e.value, e.key);
          if (read.ok) this.boothStates.set(e.key, read.state);
          else {
            this.rejected++;
            this.fail('reading the booths', new Error(`booth ${e.key}'s state refused (${read.problem})`));
          }
        }
      }
    })().catch((err: unknown) => this.fail('booth states', err));
    const shelf = new EventShelf(
      await kvm.open(this.names.shelfBucket),
      this.o.db,
      this.o.eventId,
      this.clock,
    );
    // The director publishes its shelf edits through it (compare-and-set).
    this.shelfStore = shelf;
    if (!this.o.director) {
      // Booths follow the director's shelf; offline they keep the copy last applied.
      this.stopShelf?.();
      this.stopShelf = await shelf.follow(
        (code, revision, ids) => this.o.onShelfApplied?.(code, revision, ids),
        (code, err) => this.fail(`event shelf product ${code}`, err),
      );
    }
  }

  /** The event shelf, once connected (undefined before, and while the link is down). */
  eventShelf(): EventShelf | undefined {
    return this.linked() ? this.shelfStore : undefined;
  }

  /** Connected, with the event's stream and buckets open (not only a socket). */
  private linked(): boolean {
    return this.ready !== undefined && this.ready === this.nc && !this.ready.isClosed();
  }

  private live(nc: NatsConnection): boolean {
    return !this.stopped && !this.offline && !nc.isClosed();
  }

  private async publish(nc: NatsConnection, outbox: EventOutbox): Promise<void> {
    const js = this.js!;
    const subject = this.names.ordersOf(this.o.booth!);
    let backoff = 250;
    while (this.live(nc)) {
      try {
        // On one connection, so they reach the server in outbox order; see publishWindow.
        await publishWindow({
          next: (limit, after) => outbox.next(limit, after),
          ack: (seq) => {
            outbox.ack(seq);
            backoff = 250;
          },
          send: (r) =>
            js.publish(subject, r.body, {
              msgID: r.msg_id,
              expect: { streamName: this.names.stream },
              timeout: PUBLISH_TIMEOUT_MS,
            }),
          window: PUBLISH_WINDOW,
          takeNew: () => {
            const grew = this.outboxGrew;
            this.outboxGrew = false;
            return grew;
          },
          live: () => this.live(nc),
          idle: async () => {
            await new Promise<void>((resolve) => {
              this.wakePublisher = resolve;
              setTimeout(resolve, 1_000).unref?.();
            });
            this.wakePublisher = undefined;
          },
          onAcked: (seq) => (this.lastAckSeq = Math.max(this.lastAckSeq, seq)),
        });
      } catch (err) {
        // Nothing unacknowledged is deleted: it goes again (JetStream drops what it already has).
        this.fail('publish', err);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 3_000);
      }
    }
  }

  /**
   * Reads the stream from the last projected sequence in fetches (at most PROJECT_BATCH versions
   * are ever waiting, so a slow ledger is never flooded) and commits it in small batches: at most
   * PROJECT_BATCH versions, gathered for at most PROJECT_GATHER_MS, one batch at a time and in
   * stream order. After any failure (server restart, reconnect, a ledger error) the consumer is
   * made anew from the cursor, so nothing is skipped and nothing projected twice.
   */
  private async project(nc: NatsConnection): Promise<void> {
    const js = this.js!;
    while (this.live(nc)) {
      try {
        const start = this.projectedSeq;
        const consumer = await js.consumers.get(
          this.names.stream,
          start > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start + 1 } : {},
        );
        const batcher = new GatherBatcher<{ seq: number; msg: EventOrderMessage | null }>(
          PROJECT_BATCH,
          PROJECT_GATHER_MS,
          (batch) => this.projectBatch(batch),
        );
        try {
          while (this.live(nc)) {
            // A fetch ends when full or after a second (then the next one asks again; a fetch that
            // fails, e.g. the server restarted, makes the consumer anew); what it brings is
            // committed as it arrives, batch by batch, not when the fetch ends.
            const messages = await consumer.fetch({ max_messages: PROJECT_BATCH, expires: 1_000 });
            this.stopProjector = () => void messages.close();
            for await (const m of messages) {
              const read = readEventMessage(m.data, m.subject.slice(m.subject.lastIndexOf('.') + 1));
              if (!read.ok) this.reject(m.subject, m.seq, read.problem);
              // A refused message still moves the cursor: skipped once, by every machine alike.
              await batcher.push({ seq: m.seq, msg: read.ok ? read.msg : null });
            }
            await batcher.flush();
          }
        } finally {
          // A commit already under way finishes (or fails) before the consumer is made anew from
          // the cursor, so two batches never run at once.
          await batcher.close();
        }
      } catch (err) {
        this.fail('project', err);
        await sleep(500);
      }
    }
  }

  /** Puts other booths' versions into the ledger (own ones are there already), with the cursor. */
  private async projectBatch(
    batch: readonly { seq: number; msg: EventOrderMessage | null }[],
  ): Promise<void> {
    const lastSeq = batch.at(-1)!.seq;
    if (lastSeq <= this.projectedSeq) return;
    const fresh = batch.filter(
      (x): x is { seq: number; msg: EventOrderMessage } =>
        x.seq > this.projectedSeq && x.msg !== null && x.msg.b !== this.o.booth,
    );
    const lines: OrderLine[] = fresh.flatMap((x) => x.msg.lines);
    const setCursor = () => {
      this.cursor.set.run(this.o.eventId, lastSeq);
      const seen = new Set<string>();
      for (const { msg } of fresh) {
        // A version without lines names no shop (nothing to record; it must not stop the projection).
        const l = msg.lines[0];
        if (!l) continue;
        const key = `${msg.b}\u0000${l.platform}\u0000${l.shopId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        this.shopQ.run(this.o.eventId, l.platform, l.shopId, msg.b);
      }
    };
    if (lines.length === 0) this.o.db.transaction(setCursor)();
    else await this.o.ledger.ingestRemote(lines, setCursor);
    this.projectedSeq = lastSeq;
    if (fresh.length > 0)
      this.o.onProjected?.(
        fresh.map((x) => x.msg),
        this.clock(),
      );
  }

  /**
   * The booth's live state changed (GO, a countdown, new figures): the next heartbeat goes now
   * instead of at its time (at most one per MIN_BEAT_GAP_MS), so the director sees it at once.
   */
  beat(): void {
    this.beatSoon = true;
    this.wakeHeartbeat?.();
  }

  private async heartbeat(nc: NatsConnection): Promise<void> {
    const every = this.o.heartbeatMs ?? 2_000;
    while (this.live(nc)) {
      this.beatSoon = false;
      const started = this.clock();
      try {
        const state: BoothLiveState = { ...this.o.boothState!(), booth: this.o.booth!, at: this.clock() };
        await this.boothsKv?.put(this.o.booth!, JSON.stringify(state));
      } catch (err) {
        this.fail('heartbeat', err);
      }
      await sleep(MIN_BEAT_GAP_MS);
      if (this.beatSoon || !this.live(nc)) continue;
      await new Promise<void>((resolve) => {
        this.wakeHeartbeat = resolve;
        setTimeout(resolve, Math.max(0, every - (this.clock() - started))).unref?.();
      });
      this.wakeHeartbeat = undefined;
    }
  }

  /** A message of the orders stream no ledger may take: counted, said once per kind, skipped. */
  private reject(subject: string, seq: number, problem: string): void {
    if (seq <= this.projectedSeq) return;
    this.rejected++;
    this.fail(
      'reading the orders stream',
      new Error(`a message on ${subject} refused (${problem}), skipped`),
    );
  }

  private fail(what: string, err: unknown): void {
    if (this.stopped) return;
    const message = err instanceof Error ? err.message : String(err);
    if (message !== this.lastError) this.o.log?.warn(`event link: ${what} failed`, { error: message });
    if (this.o.debug) process.stderr.write(`[${this.o.booth ?? 'director'}] ${what}: ${message}\n`);
    this.lastError = message;
  }
}

/**
 * Gathers items into batches handed to `commit` one at a time, in order: a batch goes when it
 * holds `max` items (push waits for it: backpressure) or `gatherMs` after its first item. A
 * failed commit is thrown from the next push or flush, so the caller starts again from its cursor.
 */
export class GatherBatcher<T> {
  private items: T[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = undefined;
  private closed = false;

  constructor(
    private readonly max: number,
    private readonly gatherMs: number,
    private readonly commit: (batch: T[]) => Promise<void>,
  ) {}

  async push(item: T): Promise<void> {
    this.throwIfFailed();
    this.items.push(item);
    if (this.items.length >= this.max) await this.flush();
    else this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.gatherMs);
  }

  /** Commits what is gathered and waits for every batch so far. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.items.length > 0 && !this.closed) {
      const batch = this.items;
      this.items = [];
      this.chain = this.chain.then(() =>
        this.failure === undefined
          ? this.commit(batch).catch((err: unknown) => {
              this.failure = err;
            })
          : undefined,
      );
    }
    return this.chain.then(() => this.throwIfFailed());
  }

  /**
   * Drops what is not committed yet (the cursor has not moved past it), stops the timer, and
   * resolves once a commit under way has ended (its failure, if any, was already reported).
   */
  close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.items = [];
    return this.chain;
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
