import type {
  Camera,
  ConnectionStatus,
  Health,
  ObsReason,
  ObsState,
  Orientation,
} from '@shared/api/domains/obs';
import type { Logger } from '../logging/log-hub';
import { backoffDelay, type BackoffOptions } from './backoff';
import { ObsError } from './obs-errors';
import { computeHealth } from './obs-health';
import { ObsSession } from './obs-session';
import { ObsStateTracker } from './obs-state';

export interface ConnectionConfig {
  id: number;
  name: string;
  host: string;
  port: number;
  password: string;
  enabled: boolean;
  orientation: Orientation;
}

export interface ConnectionTiming {
  connectTimeoutMs: number;
  callTimeoutMs: number;
  /** Ping period; a ping that takes longer than `heartbeatTimeoutMs` drops the socket as half-open. */
  heartbeatMs: number;
  heartbeatTimeoutMs: number;
  backoff: BackoffOptions;
}

export const defaultTiming: ConnectionTiming = {
  connectTimeoutMs: 4000,
  callTimeoutMs: 5000,
  heartbeatMs: 1000,
  heartbeatTimeoutMs: 2000,
  backoff: { baseMs: 250, capMs: 1500 },
};

export interface ConnectionEvents {
  status(id: number, status: ConnectionStatus): void;
  state(state: ObsState): void;
  health(health: Health): void;
}

/**
 * One named OBS instance: connects, keeps the connection alive and resynced, and says at all
 * times what it is doing. Never throws from its lifecycle; failures show in `status`.
 */
export class ObsConnection {
  status: ConnectionStatus = idleStatus('disabled');
  health: Health | null = null;
  readonly tracker: ObsStateTracker;
  private session: ObsSession | undefined;
  private connecting = false;
  /** Set when a connect was asked for while one was in flight (after a settings change or retry). */
  private connectAgain = false;
  private stopped = true;
  /** Bumped on every reconfigure/stop so results of an older connect attempt are discarded. */
  private generation = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private beatTimer: NodeJS.Timeout | undefined;
  private targetFps: number | null = null;
  private beats = 0;
  private lastStream: {
    outputActive: boolean;
    outputReconnecting: boolean;
    outputCongestion: number;
  } | null = null;

  constructor(
    private config: ConnectionConfig,
    private readonly deps: {
      log: Logger;
      events: ConnectionEvents;
      cameras(): Camera[];
      audioInputs(): string[];
      timing?: ConnectionTiming;
    },
  ) {
    this.tracker = new ObsStateTracker(config.id, {
      cameras: deps.cameras,
      audioInputs: deps.audioInputs,
      changed: (s) => deps.events.state(s),
    });
  }

  get id(): number {
    return this.config.id;
  }

  get name(): string {
    return this.config.name;
  }

  get settings(): Omit<ConnectionConfig, 'password'> & { hasPassword: boolean } {
    const { password, ...rest } = this.config;
    return { ...rest, hasPassword: password !== '' };
  }

  private get timing(): ConnectionTiming {
    return this.deps.timing ?? defaultTiming;
  }

  start(): void {
    this.stopped = false;
    if (!this.config.enabled) return this.setStatus(idleStatus('disabled'));
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.connectAgain = false;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.dropSession('closed');
    this.setStatus(idleStatus('disabled'));
  }

  /** The operator changed something: forget permanent failures and connect again. */
  reconfigure(config: ConnectionConfig): void {
    this.config = config;
    this.stop();
    this.start();
  }

  /** A change that needs no reconnect: which picture this OBS makes. */
  setOrientation(orientation: Orientation): void {
    this.config = { ...this.config, orientation };
  }

  /** Reconnect now, also after a permanent failure. */
  retryNow(): void {
    if (!this.config.enabled || this.stopped) return;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.dropSession('closed');
    this.status = { ...this.status, attempt: 0 };
    void this.connect();
  }

  /** The live session; calls made while OBS is away fail at once with a typed error. */
  require(): ObsSession {
    if (!this.session || this.session.closed || this.status.state !== 'connected')
      throw new ObsError('not_connected', `${this.config.name} is not connected`);
    return this.session;
  }

  private async connect(): Promise<void> {
    // In-flight guard: one attempt at a time per instance; a request meanwhile runs right after.
    if (this.stopped) return;
    if (this.connecting) {
      this.connectAgain = true;
      return;
    }
    this.connecting = true;
    const generation = this.generation;
    const attempt = this.status.attempt + 1;
    this.setStatus({ ...this.status, state: 'connecting', attempt, retryAt: null, since: Date.now() });
    let session: ObsSession | undefined;
    try {
      session = await ObsSession.open({
        url: `ws://${hostForUrl(this.config.host)}:${this.config.port}`,
        password: this.config.password,
        connectTimeoutMs: this.timing.connectTimeoutMs,
        callTimeoutMs: this.timing.callTimeoutMs,
      });
      if (generation !== this.generation || this.stopped) return session.close();
      this.tracker.attach(session);
      await this.tracker.resync(session);
      await this.readTargetFps(session);
      if (generation !== this.generation || this.stopped) return session.close();
      const s = session;
      this.session = s;
      s.onClose((err) => this.onSessionClosed(s, err.detail.reason ?? 'closed'));
      const info = s.info!;
      this.setStatus({
        state: 'connected',
        reason: null,
        retryAt: null,
        attempt: 0,
        obsVersion: info.obsVersion,
        websocketVersion: info.websocketVersion,
        rpcVersion: info.rpcVersion,
        since: Date.now(),
      });
      this.deps.log.info('connected', { name: this.config.name, obs: info.obsVersion, attempts: attempt });
      this.scheduleBeat(s);
    } catch (err) {
      session?.close();
      if (generation !== this.generation || this.stopped) return;
      const e = err instanceof ObsError ? err : new ObsError('connect_failed', String(err));
      const reason: ObsReason =
        e.detail.reason ??
        (e.code === 'timeout'
          ? 'timeout'
          : e.code === 'disconnected' || e.code === 'not_connected'
            ? 'closed'
            : 'error');
      if (e.detail.permanent) {
        this.deps.log.warn('connection refused for good', { name: this.config.name, reason });
        this.setStatus({ ...this.status, state: 'failed', reason, retryAt: null, since: Date.now() });
      } else {
        this.scheduleRetry(reason);
      }
    } finally {
      this.connecting = false;
      if (this.connectAgain) {
        this.connectAgain = false;
        if (!this.stopped && !this.session && generation !== this.generation) void this.connect();
      }
    }
  }

  private scheduleRetry(reason: ObsReason): void {
    clearTimeout(this.retryTimer);
    const delay = backoffDelay(Math.max(1, this.status.attempt), this.timing.backoff);
    this.setStatus({
      ...this.status,
      state: 'retrying',
      reason,
      retryAt: Date.now() + delay,
      since: Date.now(),
    });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private onSessionClosed(session: ObsSession, reason: ObsReason): void {
    if (session !== this.session) return;
    this.session = undefined;
    clearTimeout(this.beatTimer);
    this.tracker.forgetItems();
    if (this.stopped) return;
    this.deps.log.warn('connection lost', { name: this.config.name, reason });
    this.status = { ...this.status, attempt: 0 };
    this.scheduleRetry(reason);
  }

  private dropSession(reason: ObsReason): void {
    clearTimeout(this.beatTimer);
    const s = this.session;
    this.session = undefined;
    s?.close(reason);
  }

  /** Heartbeat: GetStats doubles as ping and health sample; no answer in time means a half-open socket. */
  private scheduleBeat(session: ObsSession): void {
    this.beatTimer = setTimeout(() => void this.beat(session), this.timing.heartbeatMs);
  }

  private async beat(session: ObsSession): Promise<void> {
    if (session !== this.session) return;
    try {
      const stats = await session.call('GetStats', undefined, this.timing.heartbeatTimeoutMs);
      if (this.beats++ % 2 === 0) this.lastStream = await session.call('GetStreamStatus');
      this.health = computeHealth(this.config.id, stats, this.lastStream, this.targetFps, this.health);
      this.deps.events.health(this.health);
    } catch (err) {
      if (err instanceof ObsError && err.code === 'timeout') {
        this.deps.log.warn('no answer to heartbeat: dropping the connection', { name: this.config.name });
        session.close('heartbeat');
        this.onSessionClosed(session, 'heartbeat');
        return;
      }
      if (err instanceof ObsError && (err.code === 'disconnected' || err.code === 'not_connected')) return;
      this.deps.log.warn('heartbeat failed', { name: this.config.name, err });
    }
    if (session === this.session) this.scheduleBeat(session);
  }

  private async readTargetFps(session: ObsSession): Promise<void> {
    const v = await session.call('GetVideoSettings');
    this.targetFps = v.fpsDenominator ? v.fpsNumerator / v.fpsDenominator : null;
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.deps.events.status(this.config.id, status);
  }
}

function idleStatus(state: ConnectionStatus['state']): ConnectionStatus {
  return {
    state,
    reason: null,
    retryAt: null,
    attempt: 0,
    obsVersion: null,
    websocketVersion: null,
    rpcVersion: null,
    since: Date.now(),
  };
}

/** An IPv6 literal needs brackets in a URL. */
export const hostForUrl = (host: string): string =>
  host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
