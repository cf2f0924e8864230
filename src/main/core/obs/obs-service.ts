import { ApiFailure } from '@shared/api/errors';
import type {
  Camera,
  ConnectionStatus,
  Cue,
  ObsConnection as ObsConnectionView,
  Orientation,
} from '@shared/api/domains/obs';
import type { StudioService } from '../services/service';
import type { StudioContext } from '../studio-context';
import { hostForUrl, ObsConnection, type ConnectionConfig, type ConnectionTiming } from './obs-connection';
import { ObsControl } from './obs-control';
import { toApiFailure } from './obs-errors';
import { ObsSession } from './obs-session';
import { ObsStore, passwordSecret } from './obs-store';
import { SceneShotCache, ThumbnailCache } from './obs-thumbnails';
import type { CueApplied } from './obs-control';

export interface ObsEntry {
  conn: ObsConnection;
  control: ObsControl;
  thumbnails: ThumbnailCache;
  /** Whole-scene screenshots for the composite preview. */
  shots: SceneShotCache;
}

export interface ConnectionInput {
  name: string;
  host: string;
  port: number;
  password: string;
  enabled: boolean;
  orientation: Orientation;
}

/**
 * Every OBS connection of the studio: loads them from SQLite at start, keeps one
 * ObsConnection per instance, and sums their states up on the status bar's `obs` pill.
 */
export class ObsService implements StudioService {
  readonly name = 'obs' as const;
  private storeRef: ObsStore | undefined;
  private readonly entries = new Map<number, ObsEntry>();
  private readonly log;
  private running = false;

  constructor(
    private readonly ctx: StudioContext,
    private readonly timing?: ConnectionTiming,
  ) {
    this.log = ctx.logs.logger('obs');
  }

  private get store(): ObsStore {
    if (!this.storeRef) throw new ApiFailure('unavailable', 'the studio is not running');
    return this.storeRef;
  }

  async start(): Promise<void> {
    this.storeRef = new ObsStore(this.ctx.db());
    this.running = true;
    for (const row of this.store.list()) this.open({ ...row, password: this.readPassword(row.id) });
    this.summarise();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const e of this.entries.values()) e.conn.stop();
    this.entries.clear();
    this.ctx.status.set('obs', 'stopped', 'status.detail.stopped');
  }

  /** Every connection with its status, in the order they were added. */
  list(): ObsConnectionView[] {
    return [...this.entries.values()].map((e) => view(e.conn));
  }

  add(input: ConnectionInput): ObsConnectionView {
    if (this.store.idByName(input.name) !== undefined) throw duplicateName(input.name);
    const secrets = this.ctx.secrets();
    const id = this.ctx.db().transaction(() => {
      const newId = this.store.insert(input);
      secrets.set(passwordSecret(newId), input.password);
      return newId;
    })();
    this.log.info('connection added', { name: input.name, host: input.host, port: input.port });
    const e = this.open({ id, ...input });
    this.ctx.events.emit('obs.connectionsChanged', { instanceId: id });
    return view(e.conn);
  }

  update(id: number, patch: Partial<ConnectionInput>): ObsConnectionView {
    const e = this.entry(id);
    const row = this.store.get(id)!;
    if (patch.name !== undefined && patch.name !== row.name) {
      const other = this.store.idByName(patch.name);
      if (other !== undefined && other !== id) throw duplicateName(patch.name);
    }
    const next = { ...row, ...withoutUndefined(patch) };
    this.ctx.db().transaction(() => {
      this.store.update({
        id,
        name: next.name,
        host: next.host,
        port: next.port,
        enabled: next.enabled,
        orientation: next.orientation,
      });
      if (patch.password !== undefined) this.ctx.secrets().set(passwordSecret(id), patch.password);
    })();
    // Only the orientation changed: the link to OBS stays up (a GO may be seconds away).
    const sameLink =
      next.name === row.name &&
      next.host === row.host &&
      next.port === row.port &&
      next.enabled === row.enabled &&
      patch.password === undefined;
    if (sameLink) e.conn.setOrientation(next.orientation);
    else e.conn.reconfigure({ ...next, id, password: patch.password ?? this.readPassword(id) });
    e.thumbnails.clear();
    this.ctx.events.emit('obs.connectionsChanged', { instanceId: id });
    return view(e.conn);
  }

  remove(id: number): void {
    const e = this.entry(id);
    e.conn.stop();
    this.entries.delete(id);
    this.ctx.db().transaction(() => {
      this.store.remove(id);
      this.ctx.secrets().delete(passwordSecret(id));
    })();
    this.ctx.events.emit('obs.connectionsChanged', { instanceId: id });
    this.summarise();
  }

  retryNow(id: number): ObsConnectionView {
    const e = this.entry(id);
    e.conn.retryNow();
    return view(e.conn);
  }

  /** One connect attempt with the given settings, without saving anything. */
  async test(input: { host: string; port: number; password?: string; id?: number }) {
    const password = input.password ?? (input.id !== undefined ? this.readPassword(input.id) : '');
    try {
      const s = await ObsSession.open({
        url: `ws://${hostForUrl(input.host)}:${input.port}`,
        password,
        connectTimeoutMs: 4000,
        callTimeoutMs: 4000,
        eventSubscriptions: 0,
      });
      const info = s.info!;
      s.close();
      return info;
    } catch (err) {
      throw toApiFailure(err, `${input.host}:${input.port}`);
    }
  }

  entry(id: number): ObsEntry {
    const e = this.entries.get(id);
    if (!e)
      throw new ApiFailure('not_found', `No OBS connection ${id}`, {
        key: 'obs:errors.noConnection',
        params: { id },
      });
    return e;
  }

  /** Which picture this OBS makes (its overlay layout and canvas size). */
  orientation(id: number): Orientation {
    return this.entry(id).conn.settings.orientation;
  }

  cameras(id: number): Camera[] {
    this.entry(id);
    return this.store.cameras(id);
  }

  async setCameras(id: number, cameras: Camera[]): Promise<Camera[]> {
    const e = this.entry(id);
    const bad = cameras.findIndex((c) => c.kind === 'source' && !c.sourceName);
    if (bad >= 0)
      throw new ApiFailure('bad_request', `camera ${bad + 1} needs a source name`, {
        key: 'obs:errors.cameraNeedsSource',
        params: { preset: cameras[bad]!.preset },
      });
    const presets = new Set(cameras.map((c) => c.preset));
    if (presets.size !== cameras.length)
      throw new ApiFailure('bad_request', 'camera preset names must be unique', {
        key: 'obs:errors.cameraDuplicate',
      });
    this.store.setCameras(id, cameras);
    e.thumbnails.clear();
    await this.refresh(e, (s) => e.conn.tracker.refreshCameras(s));
    return this.store.cameras(id);
  }

  async setAudioInputs(id: number, inputs: string[]): Promise<void> {
    const e = this.entry(id);
    this.store.setAudioInputs(id, inputs);
    await this.refresh(e, (s) => e.conn.tracker.refreshMutes(s));
  }

  /**
   * Show day's entry point: camera switch and scene item visibility as one RequestBatch.
   * Throws ApiFailure with a translated key when OBS is away or a name is unknown.
   */
  async applyCue(cue: Cue): Promise<CueApplied> {
    const e = this.entry(cue.instanceId);
    return this.run(e, () => e.control.applyCue(cue));
  }

  /** Runs an OBS action, translating session errors into typed API failures. */
  async run<T>(e: ObsEntry, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (err) {
      throw toApiFailure(err, e.conn.name);
    }
  }

  /** Re-reads what a settings change affects; when OBS is away the next resync does it. */
  private async refresh(e: ObsEntry, fn: (s: ReturnType<ObsConnection['require']>) => Promise<void>) {
    if (e.conn.status.state !== 'connected') return;
    await fn(e.conn.require()).catch((err: unknown) => this.log.warn('refresh failed', { err }));
  }

  private open(config: ConnectionConfig): ObsEntry {
    const id = config.id;
    const conn = new ObsConnection(config, {
      log: this.log.child(config.name),
      timing: this.timing,
      cameras: () => this.storeRef?.cameras(id) ?? [],
      audioInputs: () => this.storeRef?.audioInputs(id) ?? [],
      events: {
        status: (instanceId, status) => {
          this.ctx.events.emit('obs.status', { instanceId, status });
          this.summarise();
        },
        state: (state) => this.ctx.events.emit('obs.state', state),
        health: (health) => {
          this.ctx.events.emit('obs.health', health);
          this.summarise();
        },
      },
    });
    const entry: ObsEntry = {
      conn,
      control: new ObsControl(conn, () => this.store.cameras(id)),
      thumbnails: new ThumbnailCache(),
      shots: new SceneShotCache(),
    };
    this.entries.set(id, entry);
    if (this.running) conn.start();
    return entry;
  }

  private readPassword(id: number): string {
    try {
      return this.ctx.secrets().get(passwordSecret(id)) ?? '';
    } catch (err) {
      this.log.warn('cannot open the stored OBS password', { err });
      return '';
    }
  }

  /** One pill for all instances: the worst state wins, and names the instance it is about. */
  private summarise(): void {
    if (!this.running) return;
    const all = [...this.entries.values()].map((e) => e.conn);
    const active = all.filter((c) => c.status.state !== 'disabled');
    if (all.length === 0) return this.ctx.status.set('obs', 'idle', 'status.detail.obsNone');
    if (active.length === 0) return this.ctx.status.set('obs', 'idle', 'obs:status.allDisabled');
    const by = (s: ConnectionStatus['state']) => active.filter((c) => c.status.state === s);
    const connected = by('connected').length;
    const failed = by('failed')[0];
    if (failed)
      return this.ctx.status.set('obs', 'error', 'obs:status.failed', {
        name: failed.name,
        connected,
        total: active.length,
      });
    const down = by('retrying')[0] ?? by('connecting')[0];
    if (down)
      return this.ctx.status.set('obs', 'warning', 'obs:status.down', {
        name: down.name,
        connected,
        total: active.length,
      });
    const unwell = active.find((c) => (c.health?.warnings.length ?? 0) > 0);
    if (unwell)
      return this.ctx.status.set('obs', 'warning', 'obs:status.health', {
        name: unwell.name,
        count: unwell.health!.warnings.length,
      });
    this.ctx.status.set('obs', 'ok', 'obs:status.connected', { connected, total: active.length });
  }
}

function view(conn: ObsConnection): ObsConnectionView {
  const s = conn.settings;
  return {
    id: s.id,
    name: s.name,
    host: s.host,
    port: s.port,
    hasPassword: s.hasPassword,
    enabled: s.enabled,
    orientation: s.orientation,
    status: conn.status,
  };
}

const duplicateName = (name: string) =>
  new ApiFailure('conflict', `An OBS connection named ${name} exists`, {
    key: 'obs:errors.duplicateName',
    params: { name },
  });

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
