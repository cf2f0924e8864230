import type { AccessStateSchema, AccessRole, RoleLink } from '@shared/api/domains/settings';
import type { SystemInfo } from '@shared/api/domains/system';
import type { OperationInput, OperationName, OperationOutput } from '@shared/api/contract';
import { ApiCallError } from '@shared/api/client';
import { ApiFailure } from '@shared/api/errors';
import type { z } from 'zod';
import pkg from '../../../package.json';
import { Dispatcher, type CallContext } from './api/dispatcher';
import { systemHandlers } from './api/system-handlers';
import path from 'node:path';
import { ensureDataDir, type Loosened } from './data-dir';
import { EventHub } from './event-hub';
import { DataDirError } from './start-failure';
import { LogHub, type LogHubOptions, type Logger } from './logging/log-hub';
import {
  describeSource,
  KeyFileSecretBox,
  SECRET_KEY_ENV,
  SECRET_KEY_FILE,
  type SecretBox,
} from './secrets/secret-box';
import { SecretStore } from './secrets/secret-store';
import { DatabaseService, type DatabaseServiceOptions } from './services/database-service';
import { StatusBoard, type StudioService } from './services/service';
import { SettingsStore } from './settings/settings-store';
import { createObsModule, type ObsModule } from './obs';
import { createEventModule, type EventModule } from './event/event-module';
import type { EventOptions } from './event/event-service';
import type { BoothOnAirNow } from './event/booth-state';
import { createOrdersModule, type OrdersModule } from './orders';
import { createOverlaysModule, type OverlaysModule } from './overlays';
import { createShelfModule, type ShelfModule } from './shelf';
import { createShowdayModule, type ShowdayModule } from './showday';
import type { StudioContext } from './studio-context';

export type AccessState = z.infer<typeof AccessStateSchema>;

/** What a transport host (the console server) offers back to the core. */
export interface AccessProvider {
  access(): AccessState;
  rotateToken(): AccessState;
  roleLinks(): RoleLink[];
  createRoleLink(role: AccessRole, label: string): RoleLink;
  /** Undefined when there is no such link. */
  revokeRoleLink(id: number): RoleLink | undefined;
}

export interface StudioOptions {
  /** Folder for the database, images, backups and keys; `null` keeps everything in memory (tests). */
  dataDir: string | null;
  mode: 'electron' | 'headless';
  /** How secrets are sealed: Electron passes its safeStorage box; default is the key-file box. */
  secretBox?: SecretBox;
  /** The key-file box's key given by the environment (SHELFCAST_SECRET_KEY) instead of its file. */
  secretKey?: string;
  runtime?: { electron?: string; chrome?: string };
  log?: LogHubOptions;
  /** Disk-state timing (tests). */
  database?: DatabaseServiceOptions;
  /** Demo mode: simulated shops on loopback. */
  demo?: boolean;
  /** The overlay server's port (0 = any free one; default: Settings) and built pages (default: next to the bundle). */
  overlays?: { port?: number; assetsDir?: string };
  /** A CJK font file for the PDF report; default: the first system font found. */
  pdfFont?: string;
  /** Event mode (director or booth), parsed by the entry point; absent: not in an event. */
  event?: EventOptions;
}

type Lifecycle = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

/**
 * The headless studio core: every service behind one object with one lifecycle.
 * Never imports `electron`; the desktop shell and the console both drive this.
 */
export class Studio {
  readonly logs: LogHub;
  readonly events: EventHub;
  readonly status: StatusBoard;
  readonly database: DatabaseService;
  readonly log: Logger;
  readonly startedAt = Date.now();
  private readonly services: StudioService[];
  private readonly dispatcher: Dispatcher;
  readonly shelf: ShelfModule;
  readonly orders: OrdersModule;
  readonly overlays: OverlaysModule;
  readonly obs: ObsModule;
  readonly showday: ShowdayModule;
  readonly event: EventModule;
  private lifecycle: Lifecycle = 'new';
  private settingsStore: SettingsStore | undefined;
  private secretStore: SecretStore | undefined;
  private accessProvider: AccessProvider | undefined;
  /** Entries of the data directory that were open to other users before this start. */
  private readonly loosened: Loosened[] = [];

  constructor(private readonly options: StudioOptions) {
    this.logs = new LogHub(options.log);
    this.log = this.logs.logger('studio');
    this.events = new EventHub(this.logs.logger('events'));
    this.logs.onLine((line) => this.events.emit('log.line', line));
    this.status = new StatusBoard(this.events);
    if (options.dataDir) {
      try {
        this.loosened = ensureDataDir(options.dataDir);
      } catch (err) {
        throw new DataDirError(options.dataDir, err);
      }
    }
    for (const e of this.loosened) {
      this.log.warn('data directory entry was readable by other users; made it private', {
        path: e.path,
        mode: e.mode.toString(8),
      });
    }
    this.database = new DatabaseService(
      options.dataDir,
      this.status,
      this.logs.logger('db'),
      options.database,
    );
    const ctx = this.context();
    this.shelf = createShelfModule(ctx);
    this.orders = createOrdersModule(ctx, { shelf: this.shelf, demo: options.demo ?? false });
    this.overlays = createOverlaysModule(ctx, { shelf: this.shelf, ...options.overlays });
    this.obs = createObsModule(ctx, { overlayPages: () => this.overlays.pages() });
    // Overlay health expects one page of each overlay per enabled OBS of that orientation.
    this.overlays.health.expectFrom(() => {
      const on = this.obs.service.list().filter((c) => c.enabled);
      const count = (o: string) => on.filter((c) => c.orientation === o).length;
      return { landscape: count('landscape'), portrait: count('portrait') };
    });
    this.showday = createShowdayModule(ctx, {
      shelf: this.shelf,
      orders: this.orders,
      overlays: this.overlays,
      obs: this.obs.cues,
      pdfFont: options.pdfFont,
    });
    this.event = createEventModule(ctx, {
      orders: this.orders,
      ...(options.event ? { options: options.event } : {}),
      onAirNow: () => this.boothOnAir(),
    });
    this.wireReactions();
    const modules = [this.shelf, this.orders, this.overlays, this.obs, this.showday, this.event];
    this.services = [this.database, ...modules.flatMap((m) => m.services)];
    this.dispatcher = new Dispatcher(
      {
        ...this.shelf.handlers,
        ...this.orders.handlers,
        ...this.overlays.handlers,
        ...this.obs.handlers,
        ...this.showday.handlers,
        ...this.event.handlers,
        // A product on the event shelf carries the revision this studio has (an edit sends it back).
        'shelf.get': async (input, c) =>
          this.event.service.withRevision(await this.shelf.handlers['shelf.get'](input, c)),
        // A Shelf page edit of a product on the event shelf goes to the event first (director).
        'shelf.update': async (input, c) =>
          this.event.service.withRevision(
            await this.event.service.shelfUpdate(input, () => this.shelf.handlers['shelf.update'](input, c)),
          ),
        'shelf.bulkUpdate': (input, c) => {
          if (input.change.livePricePercent !== undefined) this.event.service.shelfBulkPrice(input.ids);
          const local = () => this.shelf.handlers['shelf.bulkUpdate'](input, c);
          return input.change.status === 'archived'
            ? this.event.service.shelfRemove(input.ids, local)
            : local();
        },
        // Archived or deleted on the director: it leaves the event shelf too (booths archive it).
        'shelf.archive': (input, c) =>
          this.event.service.shelfRemove(input.ids, () => this.shelf.handlers['shelf.archive'](input, c)),
        'shelf.undo': (input, c) =>
          this.event.service.shelfUndo(() => this.shelf.handlers['shelf.undo'](input, c)),
        'shelf.delete': (input, c) =>
          this.event.service.shelfRemove([input.id], () => this.shelf.handlers['shelf.delete'](input, c)),
        ...systemHandlers({ info: () => this.info(), status: this.status, logs: this.logs }),
        'settings.get': () => this.settings.get(),
        'settings.update': async (patch) => {
          if (patch.event) this.event.service.checkSwitch(patch.event.server);
          const next = this.settings.update(patch);
          this.events.emit('settings.changed', next);
          this.log.info('settings changed', { changed: Object.keys(patch) });
          // The event server switch takes effect now; its status says how it went.
          if (patch.event) await this.event.service.switchServer(patch.event.server);
          return next;
        },
        'access.access': () =>
          this.accessProvider?.access() ?? noAccess(this.settings.get().server.lanAccess),
        'access.rotateToken': () =>
          this.accessProvider?.rotateToken() ?? noAccess(this.settings.get().server.lanAccess),
        'access.whoami': (_input, ctx) => ({ role: ctx.role, label: ctx.label ?? '' }),
        'access.roleLinks': () => this.requireAccess().roleLinks(),
        'access.createRoleLink': ({ role, label }) => this.requireAccess().createRoleLink(role, label),
        'access.revokeRoleLink': ({ id }) => {
          const revoked = this.requireAccess().revokeRoleLink(id);
          if (!revoked) throw new ApiFailure('not_found', `No access link ${id}`);
          return { revoked };
        },
      },
      this.logs.logger('api'),
      this.database.disk,
    );
  }

  /**
   * Every cross-area reaction, in the order it runs. Each area announces its own changes as events
   * (which also go to the UI); only here does one area react to another's, each reaction reaching
   * a running service only, and each failure logged with its area without stopping the next.
   */
  private wireReactions(): void {
    const ev = this.events;
    const ledger = this.orders.service;
    const overlays = this.overlays.state;
    const showday = this.showday.console.reactions;
    // A shelf edit or a stock move: the ledger re-maps new orders and re-reads origins (not for its
    // own stock moves, announced with origin 'ledger': they change no listing or origin), the
    // overlays rebuild (a sold-out flash sale ends), show day flags a sold-out product on air and
    // stands by the next cue.
    ev.on(
      'shelf.changed',
      ({ productIds, origin }) => {
        if (origin !== 'ledger') ledger.shelfChanged(productIds);
      },
      'orders',
    );
    ev.on('shelf.changed', ({ productIds }) => overlays.shelfChanged(productIds), 'overlays');
    ev.on('shelf.changed', ({ productIds }) => showday.shelfChanged(productIds), 'showday');
    // The on-air slot moved: the card follows it, then the on-air log records it.
    ev.on('rundown.onAirChanged', ({ showId }) => overlays.onAirChanged(showId), 'overlays');
    ev.on('rundown.onAirChanged', ({ showId, slotId }) => showday.onAirChanged(showId, slotId), 'showday');
    // A rundown or a show's window changed: the ticker and prices follow, the cues are re-read.
    ev.on('rundown.changed', () => overlays.rundownChanged(), 'overlays');
    ev.on('rundown.changed', ({ showId }) => showday.rundownChanged(showId), 'showday');
    // New figures: the sales counter and leaderboard, then the console's GO preview.
    ev.on('orders.figuresChanged', (f) => overlays.figuresChanged(f), 'overlays');
    ev.on('orders.figuresChanged', (f) => showday.figuresChanged(f), 'showday');
    // OBS reconnected or its program changed: the console checks the cue on air is still on program.
    ev.on(
      'obs.status',
      ({ instanceId, status }) => showday.obsChanged(instanceId, status.state === 'connected'),
      'showday',
    );
    ev.on('obs.state', ({ instanceId }) => showday.obsChanged(instanceId, false), 'showday');
    // In an event, the booth's live state (on air, countdown, its show's GMV) reaches the director
    // as it changes, not only at the next heartbeat.
    const event = this.event.service;
    ev.on('rundown.onAirChanged', () => event.liveChanged(), 'event');
    ev.on('overlays.stateChanged', () => event.liveChanged(), 'event');
    ev.on('orders.figuresChanged', () => event.liveChanged(), 'event');
  }

  /**
   * What this studio has on air, for an event booth's heartbeat: show day's on-air product and
   * since when, and the overlays' running countdown (a flash sale) with its end.
   */
  private boothOnAir(): BoothOnAirNow {
    const now = this.showday.console.onAirNow();
    const countdown = this.overlays.shown().countdown;
    return {
      showId: now.showId,
      onAir: now.product && { code: now.product.code, name: now.product.name },
      onAirSince: now.since,
      countdownEnd: countdown.status === 'running' ? countdown.endsAt : null,
    };
  }

  get dataDir(): string | null {
    return this.options.dataDir;
  }

  get settings(): SettingsStore {
    if (!this.settingsStore) throw new Error('studio is not running');
    return this.settingsStore;
  }

  get secrets(): SecretStore {
    if (!this.secretStore) throw new Error('no secret store: the studio is not running or has no secret box');
    return this.secretStore;
  }

  get running(): boolean {
    return this.lifecycle === 'running';
  }

  /** Adds a service (e.g. the console server) that starts after and stops before the core ones. */
  addService(service: StudioService): void {
    if (this.lifecycle !== 'new') throw new Error('services must be added before start()');
    this.services.push(service);
  }

  setAccessProvider(provider: AccessProvider): void {
    this.accessProvider = provider;
  }

  /** Starts every service in order; on failure, stops what already started and rethrows. */
  async start(): Promise<void> {
    if (this.lifecycle !== 'new') throw new Error(`cannot start a studio that is ${this.lifecycle}`);
    this.lifecycle = 'starting';
    const started: StudioService[] = [];
    try {
      for (const service of this.services) {
        await service.start();
        started.push(service);
        if (service === this.database) this.openStores();
      }
      this.lifecycle = 'running';
      this.log.info('studio core running', {
        mode: this.options.mode,
        dataDir: this.options.dataDir ?? ':memory:',
      });
    } catch (err) {
      this.log.error('studio failed to start', { err });
      for (const service of started.reverse()) await service.stop().catch(() => undefined);
      this.lifecycle = 'stopped';
      throw err;
    }
  }

  /** Stops services in reverse order. Safe to call more than once. */
  async stop(): Promise<void> {
    if (this.lifecycle === 'stopped' || this.lifecycle === 'stopping' || this.lifecycle === 'new') {
      this.lifecycle = 'stopped';
      return;
    }
    this.lifecycle = 'stopping';
    for (const service of [...this.services].reverse()) {
      try {
        await service.stop();
      } catch (err) {
        this.log.error(`stopping ${service.name} failed`, { err });
      }
    }
    this.lifecycle = 'stopped';
  }

  /** Entry point for every transport; always resolves with a Result. */
  dispatch(name: unknown, input: unknown, ctx: CallContext) {
    return this.dispatcher.dispatch(name, input, ctx);
  }

  /**
   * Demo mode: loads the demo workspace when the shelf is empty and puts its show on air (chosen
   * on the console, on-air window open), so the simulated shops' orders count in it from the
   * start: the dashboard, big screen, data desk and report show them. Returns whether it loaded.
   */
  async loadDemoIfEmpty(): Promise<boolean> {
    if ((await this.call('shelf.facets', {})).total > 0) return false;
    const demo = await this.call('shelf.loadDemo', {});
    this.log.info('loaded the demo workspace', demo);
    await this.call('show.select', { showId: demo.showId });
    await this.call('show.start', {});
    return true;
  }

  /** Typed in-process call (used by services and tests); throws ApiCallError on failure. */
  async call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    const result = await this.dispatcher.dispatch(name, input, { role: 'operator', transport: 'internal' });
    if (!result.ok) throw new ApiCallError(result.error);
    return result.value as OperationOutput<K>;
  }

  info(): SystemInfo {
    const sqlite = this.database.db.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? '';
    return {
      app: 'ShelfCast',
      version: pkg.version,
      mode: this.options.mode,
      versions: {
        node: process.versions.node,
        electron: this.options.runtime?.electron ?? null,
        chrome: this.options.runtime?.chrome ?? null,
        sqlite,
        schema: this.database.schema,
      },
      platform: process.platform,
      arch: process.arch,
      dataDir: this.options.dataDir ?? ':memory:',
      startedAt: this.startedAt,
    };
  }

  private requireAccess(): AccessProvider {
    if (!this.accessProvider) {
      throw new ApiFailure('unavailable', 'The console server is not running', {
        key: 'settings.notRunning',
      });
    }
    return this.accessProvider;
  }

  private context(): StudioContext {
    return {
      logs: this.logs,
      events: this.events,
      status: this.status,
      dataDir: this.options.dataDir,
      mode: this.options.mode,
      disk: this.database.disk,
      db: () => this.database.db,
      settings: () => this.settings,
      secrets: () => this.secrets,
    };
  }

  private openStores(): void {
    const db = this.database.db;
    this.settingsStore = new SettingsStore(db);
    const box =
      this.options.secretBox ??
      (this.options.dataDir
        ? new KeyFileSecretBox(this.options.dataDir, { [SECRET_KEY_ENV]: this.options.secretKey })
        : undefined);
    if (!box) return;
    const log = this.logs.logger('secrets');
    this.secretStore = new SecretStore(db, box, {
      onCleared: (names) => {
        log.warn('secrets that could not be opened were cleared after a secret was entered again', { names });
        this.status.set('secrets', 'warning', 'access.secretsCleared', { count: names.length });
      },
    });
    this.reportSecrets(box, this.secretStore.check(), log);
  }

  /**
   * Says plainly at start when sealed secrets cannot be opened (key file missing or not the one
   * they were sealed with) and how to get back; a new key is made only when no sealed secret
   * needs the old one, and never over an existing key file.
   */
  private reportSecrets(box: SecretBox, health: { sealed: number; unusable: string[] }, log: Logger): void {
    const keyFile = box instanceof KeyFileSecretBox ? box : undefined;
    const source = keyFile ? describeSource(keyFile.source) : 'safeStorage';
    const count = health.unusable.length;
    if (count > 0 && keyFile && !keyFile.hasKey) {
      log.error(
        'the secret key file is missing: sealed secrets cannot be opened and no new key was made. ' +
          `Put the right ${SECRET_KEY_FILE} back (or set SHELFCAST_SECRET_KEY) and restart, or enter the secrets again`,
        { file: source, count, names: health.unusable },
      );
      this.status.set('secrets', 'error', 'access.secretKeyMissing', { file: source, count });
      return;
    }
    if (count > 0) {
      log.error(
        'the secret key does not open the sealed secrets (another key sealed them); nothing was overwritten. ' +
          'Point at the right key file or SHELFCAST_SECRET_KEY and restart, or enter the secrets again',
        { source, count, names: health.unusable },
      );
      this.status.set('secrets', 'error', 'access.secretKeyWrong', { source, count });
      return;
    }
    if (keyFile && !keyFile.hasKey) keyFile.ensureKey();
    const keyPath = keyFile?.source.kind === 'file' ? keyFile.source.file : undefined;
    const exposed = this.loosened.find(
      (e) => keyPath !== undefined && path.resolve(e.path) === path.resolve(keyPath),
    );
    if (exposed) {
      const mode = `0${exposed.mode.toString(8)}`;
      log.warn(
        'the secret key file was readable by other users; it is private now, but may have been copied',
        {
          file: exposed.path,
          mode,
        },
      );
      this.status.set('secrets', 'warning', 'access.secretKeyReadable', { file: exposed.path, mode });
      return;
    }
    this.status.set('secrets', 'ok', 'access.secretKeyOk', { source });
  }
}

const noAccess = (lanAccess: boolean): AccessState => ({
  running: false,
  urls: [],
  lanAccess,
  port: null,
  restartRequired: false,
});
