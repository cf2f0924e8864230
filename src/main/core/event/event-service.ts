import fs from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import type { EventFigures, EventStatus } from '@shared/api/domains/event';
import type { ProductPatch } from '@shared/api/domains/shelf';
import { ApiFailure } from '@shared/api/errors';
import type { Logger } from '../logging/log-hub';
import type { OrdersService } from '../orders';
import type { StudioService } from '../services/service';
import type { StudioContext } from '../studio-context';
import { eventFigures } from './event-figures';
import { EventLink, type BoothLiveState } from './event-link';
import {
  addBooth,
  boothUser,
  findNatsServer,
  joinLink,
  NatsServerProcess,
  newCredentials,
  readJoinToken,
  type EventCredentials,
} from './event-server';
import { validId } from './event-names';
import { EventShelfEdits } from './event-shelf-edits';
import { nothingOnAir, ownShowGmvFen, type BoothOnAirNow } from './booth-state';

/** A figures read that took this long or more is reused for a while (see figures). */
const FIGURES_REUSE_AFTER_MS = 200;

/** How this studio takes part in an event, from the command line or the environment. */
export interface EventOptions {
  /** `--event-server`: start a local nats-server with JetStream (director). */
  server: boolean;
  /** `--event-url=nats://…`: an existing NATS (director with `--event-user/--event-pass`, or from a join token). */
  url?: string;
  /** `--event-join=<token or link>`: join as a booth. */
  join?: string;
  /** `--event-id=gansu` (director; default "event"). */
  eventId: string;
  /** `--event-booths=b1,b2` (director: booth users to create), `--event-booth=hq` (the director also sells as this booth). */
  booths: string[];
  booth?: string;
  /** `--event-port=` for the local server (default 4222), `--event-host=` (default 0.0.0.0: the venue LAN). */
  port: number;
  host: string;
  /** SHELFCAST_NATS_SERVER: the nats-server binary, when it is not on PATH or in /usr/sbin. */
  natsServer?: string;
  /** PATH, where the nats-server binary is looked for. */
  searchPath?: string;
  /** SHELFCAST_EVENT_PUBLIC_URL: the address booths reach the director by (put in join links). */
  publicUrl?: string;
  /** SHELFCAST_EVENT_DEBUG: echo link failures to stderr as they happen. */
  debug?: boolean;
}

export function eventOptionsFrom(argv: readonly string[], env: NodeJS.ProcessEnv): EventOptions {
  const arg = (name: string) => {
    const hit = argv.find((a) => a.startsWith(`--${name}=`));
    return hit?.slice(name.length + 3) ?? env[`SHELFCAST_${name.toUpperCase().replaceAll('-', '_')}`];
  };
  return {
    server: argv.includes('--event-server') || env.SHELFCAST_EVENT_SERVER === '1',
    url: arg('event-url'),
    join: arg('event-join'),
    eventId: arg('event-id') ?? 'event',
    booths: (arg('event-booths') ?? '').split(',').filter(Boolean),
    booth: arg('event-booth'),
    port: Number(arg('event-port') ?? 4222),
    host: arg('event-host') ?? '0.0.0.0',
    ...(env.SHELFCAST_NATS_SERVER ? { natsServer: env.SHELFCAST_NATS_SERVER } : {}),
    ...(env.PATH ? { searchPath: env.PATH } : {}),
    ...(env.SHELFCAST_EVENT_PUBLIC_URL ? { publicUrl: env.SHELFCAST_EVENT_PUBLIC_URL } : {}),
    ...(env.SHELFCAST_EVENT_DEBUG ? { debug: true } : {}),
  };
}

/**
 * Event mode in the studio: as director, starts the local nats-server (when asked and
 * installed) with the event's credentials kept in the data directory (0600, reused on restart),
 * then links the ledger; as a booth, links with the join token's credentials. Nothing here stops
 * the studio from running: an event that cannot start is reported on the status bar.
 */
export class EventService implements StudioService {
  readonly name = 'event' as const;
  private server: NatsServerProcess | undefined;
  private link: EventLink | undefined;
  private shelfEdits: EventShelfEdits | undefined;
  private creds: EventCredentials | undefined;
  private credFile: string | undefined;
  private url: string | null = null;
  private role: EventStatus['role'] = 'none';
  private eventId: string | null = null;
  private booth: string | null = null;
  /** The event figures being read (shared by callers), and the last read with what it took. */
  private readingFigures: Promise<EventFigures> | undefined;
  private lastFigures: { eventId: string; at: number; tookMs: number; figures: EventFigures } | undefined;
  private readonly log: Logger;

  constructor(
    private readonly ctx: StudioContext,
    private readonly orders: OrdersService,
    private options: EventOptions,
    /** What the studio has on air (the studio wires show day's and the overlays' ports here). */
    private readonly onAirNow: () => BoothOnAirNow = nothingOnAir,
  ) {
    this.log = ctx.logs.logger('event');
  }

  /** This booth's live state for its heartbeat: on air, since when, countdown, its show's GMV. */
  private readonly boothState = (): Omit<BoothLiveState, 'booth' | 'at'> => {
    const { showId, onAir, onAirSince, countdownEnd } = this.onAirNow();
    const showGmvFen = showId === null || !this.booth ? 0 : ownShowGmvFen(this.ctx.db(), showId);
    return { onAir, onAirSince, countdownEnd, showGmvFen };
  };

  /** The booth's live state changed (GO, countdown, figures): the director hears it now, not at the next beat. */
  liveChanged(): void {
    if (this.booth) this.link?.beat();
  }

  /** The Settings page's event server switch, as saved (false when unreadable). */
  private switchedOn(): boolean {
    try {
      return this.ctx.settings().get().event?.server === true;
    } catch {
      return false;
    }
  }

  async start(): Promise<void> {
    // Nothing asked on the command line: the Settings switch may make this studio a director.
    if (!this.options.server && !this.options.url && !this.options.join && this.switchedOn())
      this.options = { ...this.options, server: true };
    const o = this.options;
    if (!o.server && !o.url && !o.join) return;
    this.ctx.status.set('event', 'starting', 'eventMore.status.starting');
    try {
      if (o.join) await this.startBooth();
      else await this.startDirector();
      this.ctx.status.set('event', 'ok', 'event.status.linked', { event: this.eventId ?? '' });
    } catch (err) {
      this.log.error('event mode did not start', { error: String(err) });
      this.ctx.status.set('event', 'error', 'event.status.failed', { reason: String(err) });
    }
  }

  private async startDirector(): Promise<void> {
    const o = this.options;
    if (!validId(o.eventId))
      throw new Error(`event id "${o.eventId}" must be lower-case letters, digits and dashes`);
    this.eventId = o.eventId;
    this.role = 'director';
    const dir = path.join(this.ctx.dataDir ?? fs.mkdtempSync('shelfcast-event-'), 'event', o.eventId);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const credFile = path.join(dir, 'credentials.json');
    this.credFile = credFile;
    this.creds = fs.existsSync(credFile)
      ? (JSON.parse(fs.readFileSync(credFile, 'utf8')) as EventCredentials)
      : newCredentials(o.eventId, []);
    for (const b of [...o.booths, ...(o.booth ? [o.booth] : [])]) addBooth(this.creds, b);
    fs.writeFileSync(credFile, JSON.stringify(this.creds, null, 2), { mode: 0o600 });
    if (o.server) {
      const binary = findNatsServer(this.options.natsServer, this.options.searchPath);
      if (!binary)
        throw new Error('nats-server is not installed (Debian: apt install nats-server; see the README)');
      this.server = new NatsServerProcess({
        binary,
        dir: path.join(dir, 'nats'),
        port: o.port,
        host: o.host,
        creds: this.creds,
      });
      await this.server.start();
      this.url = this.server.url;
      this.log.info('event server started', { url: this.url, pid: this.server.pid ?? 0 });
    } else this.url = o.url ?? null;
    this.booth = o.booth ?? null;
    this.link = new EventLink({
      eventId: o.eventId,
      booth: this.booth,
      director: true,
      debug: o.debug === true,
      servers: this.url!,
      user: this.creds.director.user,
      pass: this.creds.director.pass,
      db: this.ctx.db(),
      ledger: this.orders.ledger,
      log: this.log,
      boothState: this.booth ? this.boothState : undefined,
    });
    const link = this.link;
    this.shelfEdits = new EventShelfEdits(
      o.eventId,
      () => this.ctx.db(),
      () => link.eventShelf(),
      (productIds) => this.ctx.events.emit('shelf.changed', { productIds }),
      this.log,
    );
    this.link.start();
  }

  private async startBooth(): Promise<void> {
    const t = readJoinToken(this.options.join!);
    this.role = 'booth';
    this.eventId = t.event;
    this.booth = t.booth;
    this.url = this.options.url ?? t.url;
    this.link = new EventLink({
      eventId: t.event,
      booth: t.booth,
      director: false,
      debug: this.options.debug === true,
      servers: this.url,
      user: t.user,
      pass: t.pass,
      db: this.ctx.db(),
      ledger: this.orders.ledger,
      log: this.log,
      boothState: this.boothState,
      // Listings or prices changed on the local shelf: the ledger re-maps, pages re-read.
      onShelfApplied: (_code, _revision, productIds) => this.ctx.events.emit('shelf.changed', { productIds }),
    });
    this.link.start();
    await Promise.resolve();
  }

  /**
   * Director: adds a booth while the event runs: its own credentials, saved with the event's, and
   * the local nats-server told to re-read its configuration (SIGHUP: connected booths stay
   * connected). Answers once the new credentials are accepted (the join link works), bounded.
   */
  async addBooth(booth: string): Promise<{ booth: string; link: string; qr: string; added: boolean }> {
    if (this.role !== 'director' || !this.creds || !this.credFile)
      throw new ApiFailure('conflict', 'only the event director adds booths', {
        key: 'eventMore.notDirector',
      });
    if (!validId(booth))
      throw new ApiFailure(
        'bad_request',
        `booth id "${booth}" must be 1-32 lower-case letters, digits and dashes, starting with a letter or digit`,
        { key: 'eventMore.badBoothId', params: { booth } },
      );
    const added = this.creds.booths[booth] === undefined;
    if (added) {
      if (!this.server)
        throw new ApiFailure(
          'conflict',
          `this event runs on an existing NATS server (${this.url ?? ''}): add booth ${booth}'s user there`,
          { key: 'eventMore.externalServer', params: { booth, url: this.url ?? '' } },
        );
      addBooth(this.creds, booth);
      fs.writeFileSync(this.credFile, JSON.stringify(this.creds, null, 2), { mode: 0o600 });
      this.server.writeConfig();
      const pass = this.creds.booths[booth]!;
      if (!(await this.server.accepts(boothUser(booth), pass)))
        throw new ApiFailure(
          'unavailable',
          `the event server did not take booth ${booth}'s credentials; it is saved and will after a restart`,
          { key: 'eventMore.reloadFailed', params: { booth } },
        );
      this.log.info('booth added', { booth });
    }
    const link = joinLink({
      url: this.options.publicUrl ?? this.url!,
      event: this.eventId!,
      booth,
      user: boothUser(booth),
      pass: this.creds.booths[booth]!,
    });
    return { booth, link, qr: await QRCode.toDataURL(link), added };
  }

  /** Director: puts products on the event shelf. */
  shelfAdd(productIds: readonly number[]): Promise<{ added: string[]; already: string[] }> {
    if (!this.shelfEdits)
      throw new ApiFailure('conflict', 'only the event director edits the event shelf', {
        key: 'eventLive.notDirector',
      });
    return this.shelfEdits.add(productIds);
  }

  /**
   * A Shelf page edit (`local` saves it here): on the director, a product on the event shelf is
   * published to the event first (compare-and-set, price guard); anywhere else only saved here.
   */
  shelfUpdate<T>(
    input: {
      id: number;
      patch: ProductPatch;
      confirmPriceFen?: number | undefined;
      eventRevision?: number | undefined;
    },
    local: () => T | Promise<T>,
  ): Promise<T> {
    if (!this.shelfEdits) return Promise.resolve().then(local);
    return this.shelfEdits.update(input, local);
  }

  /** A product's detail with the event shelf revision this studio has of it (none: not on the event shelf). */
  withRevision<T extends { product: { outerSku: string | null } }>(
    detail: T,
  ): T & { eventRevision?: number } {
    const code = detail.product.outerSku;
    if (!this.eventId || !code) return detail;
    const revision = this.ctx
      .db()
      .prepare<[string, string], { revision: number }>(
        'SELECT revision FROM event_shelf_rev WHERE event_id = ? AND code = ?',
      )
      .get(this.eventId, code)?.revision;
    return revision === undefined ? detail : { ...detail, eventRevision: revision };
  }

  /**
   * Director: products archived or deleted here leave the event shelf (booths archive them).
   * `local` makes the change here; refused before it while the link is down.
   */
  async shelfRemove<T>(productIds: readonly number[], local: () => T | Promise<T>): Promise<T> {
    const removal = this.shelfEdits?.removal(productIds);
    const result = await local();
    await removal?.publish();
    return result;
  }

  /**
   * A Shelf page undo (`local` runs it): on the director, products it brings back that had left
   * the event shelf go back on it. The undo itself stands whatever the event says; a product that
   * cannot go back (the link is down) is logged and left for the operator to put back.
   */
  async shelfUndo<T extends { productIds: number[] }>(local: () => T | Promise<T>): Promise<T> {
    const result = await local();
    if (this.role === 'director' && this.shelfEdits)
      await this.shelfEdits.restore(result.productIds).catch((err: unknown) =>
        this.log.warn('an undone product could not go back on the event shelf', {
          error: err instanceof Error ? err.message : String(err),
        }),
      );
    return result;
  }

  /** A Shelf page bulk price change: on the director, refused when it touches an event product. */
  shelfBulkPrice(ids: readonly number[]): void {
    this.shelfEdits?.refuseBulkPrice(ids);
  }

  async stop(): Promise<void> {
    await this.link?.stop();
    await this.server?.stop();
    this.link = undefined;
    this.server = undefined;
  }

  /**
   * Refuses the event server switch where it cannot act, before anything is saved: a booth is in
   * another director's event (it would silently stay a booth with the switch shown on).
   */
  checkSwitch(on: boolean): void {
    if (on && this.role === 'booth')
      throw new ApiFailure(
        'conflict',
        `this studio is booth ${this.booth} of event ${this.eventId}: it cannot also be an event's director`,
        {
          key: 'eventMore.boothCannotDirect',
          params: { event: this.eventId ?? '', booth: this.booth ?? '' },
        },
      );
  }

  /**
   * The Settings page's event server switch: on, this studio becomes the event's director with a
   * local nats-server now (unless it is in an event already: a booth, or started from the command
   * line); off, a director whose local server this studio runs leaves the event and stops it. The
   * `event` status says what happened (linked, failed with the reason, stopped).
   */
  async switchServer(on: boolean): Promise<void> {
    this.checkSwitch(on);
    if (on) {
      if (this.link) return;
      this.options = { ...this.options, server: true };
      await this.start();
      return;
    }
    // A booth, or a director on an existing NATS server, was not started by this switch.
    if (this.role === 'booth' || (this.role === 'director' && !this.options.server)) return;
    if (this.role === 'none') return;
    await this.stop();
    this.options = { ...this.options, server: false };
    this.role = 'none';
    this.eventId = null;
    this.booth = null;
    this.url = null;
    this.creds = undefined;
    this.credFile = undefined;
    this.shelfEdits = undefined;
    this.ctx.status.set('event', 'stopped', 'eventMore.status.stopped');
    this.log.info('event server switched off');
  }

  async status(): Promise<EventStatus> {
    const s = this.link?.status();
    const joins: EventStatus['joins'] = [];
    if (this.role === 'director' && this.creds && this.url) {
      // Booths reach the director over the venue network: the link names the host they should use.
      const publicUrl = this.options.publicUrl ?? this.url;
      for (const [booth, pass] of Object.entries(this.creds.booths)) {
        const link = joinLink({ url: publicUrl, event: this.eventId!, booth, user: boothUser(booth), pass });
        joins.push({ booth, link, qr: await QRCode.toDataURL(link) });
      }
    }
    return {
      running: this.link !== undefined,
      role: this.role,
      eventId: this.eventId,
      booth: this.booth,
      url: this.url,
      connected: s?.connected ?? false,
      outbox: s?.outbox ?? 0,
      projectedSeq: s?.projectedSeq ?? 0,
      rejected: s?.rejected ?? 0,
      lastError: s?.lastError ?? null,
      joins,
    };
  }

  async figures(now = Date.now()): Promise<EventFigures> {
    // Not in an event is the studio's state, not a fault of the caller's request nor a service down: 409.
    if (!this.link || !this.eventId)
      throw new ApiFailure('conflict', 'this studio is not in an event', {
        key: 'event.errors.notInEvent',
      });
    // One read at a time, shared by every caller; a read that took long (a big event's ledger) is
    // reused while younger than twice its time, so polling clients never keep the loop busy.
    const fresh = this.lastFigures;
    if (
      fresh &&
      fresh.eventId === this.eventId &&
      fresh.tookMs >= FIGURES_REUSE_AFTER_MS &&
      now - fresh.at < 2 * fresh.tookMs
    )
      return fresh.figures;
    if (this.readingFigures) return this.readingFigures;
    const eventId = this.eventId;
    const link = this.link;
    const started = Date.now();
    this.readingFigures = eventFigures(
      this.ctx.db(),
      eventId,
      () => link.booths(),
      () => now,
      () => new Promise<void>((resolve) => setImmediate(resolve)),
    )
      .then((figures) => {
        this.lastFigures = { eventId, at: now, tookMs: Date.now() - started, figures };
        return figures;
      })
      .finally(() => {
        this.readingFigures = undefined;
      });
    return this.readingFigures;
  }
}
