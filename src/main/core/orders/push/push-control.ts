import { PushSettingsSchema, type PushSettings, type PushStatus } from '@shared/api/domains/orders';
import type { Logger } from '../../logging/log-hub';
import type { StudioContext } from '../../studio-context';
import type { ShopStore } from '../shops/shop-store';
import { kuaishouKeyBytes, KUAISHOU_DEFAULT_KEY_ENCODING } from './kuaishou-push';
import type { RefetchRequest } from './push-event';
import { PushEventStore } from './push-event-store';
import {
  DEFAULT_PUSH_SETTINGS,
  NO_PUSH_STATS,
  pushPath,
  startPushReceiver,
  type PushReceiver,
  type PushReceiverStats,
  type PushShop,
} from './push-receiver';

/** Key of the push receiver settings in the studio's `setting` table. */
export const PUSH_SETTINGS_KEY = 'orders.push';

export interface PushControlOptions {
  ctx: StudioContext;
  /** The shops as configured now; undefined while order sync is not running. */
  shops: () => ShopStore | undefined;
  /** A push for this shop (row id) arrived: sync it now. */
  syncNow: (shop: number) => void;
  log: Logger;
}

/**
 * The optional push receiver's lifecycle: its settings (off by default), the shops it serves,
 * restarts one after another whenever shops or settings change, and counters that survive them.
 * Whatever goes wrong here (a busy port, a bad key) shows in the status; order sync goes on by polling.
 */
export class PushControl {
  /** The running receiver (null when off or when it could not bind). */
  private receiver: PushReceiver | null = null;
  private error: PushStatus['error'] = null;
  private shops: PushStatus['shops'] = [];
  /** Counters of receivers stopped since the studio started (a restart keeps the totals). */
  private totals: PushReceiverStats = { ...NO_PUSH_STATS };
  /** (platform/shopId) → shop row id, for the receiver's re-fetch requests. */
  private targets = new Map<string, number>();
  /** Restarts run one after another. */
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly o: PushControlOptions) {}

  /** Push receiver settings; a missing or unreadable value gives the defaults (off). */
  settings(): PushSettings {
    const raw = this.o.ctx.settings().getValue(PUSH_SETTINGS_KEY);
    if (raw === undefined) return { ...DEFAULT_PUSH_SETTINGS };
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return { ...DEFAULT_PUSH_SETTINGS };
    }
    const parsed = PushSettingsSchema.safeParse({ ...DEFAULT_PUSH_SETTINGS, ...(value as object) });
    return parsed.success ? parsed.data : { ...DEFAULT_PUSH_SETTINGS };
  }

  /** Saves settings and restarts the receiver; a busy port shows in the status, not as a failure. */
  async setSettings(patch: Partial<PushSettings>): Promise<PushStatus> {
    const next = PushSettingsSchema.parse({
      ...this.settings(),
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    });
    this.o.ctx.settings().setValue(PUSH_SETTINGS_KEY, JSON.stringify(next));
    this.o.log.info('push settings changed', { enabled: next.enabled, host: next.host, port: next.port });
    await this.restart();
    return this.status();
  }

  status(): PushStatus {
    // Counters of the receivers stopped since the studio started, plus the running one's.
    const stats = addStats(this.totals, this.receiver?.stats ?? NO_PUSH_STATS);
    return {
      settings: this.settings(),
      state: this.receiver ? 'listening' : this.error ? 'error' : 'off',
      origin: this.receiver?.origin ?? null,
      error: this.receiver ? null : this.error,
      shops: this.shops,
      ...stats,
    };
  }

  /** Starts (again) with the current shops and settings. */
  start(): Promise<void> {
    this.stopped = false;
    return this.restart();
  }

  /** Stops the receiver for good (the studio is stopping). */
  stop(): Promise<void> {
    this.stopped = true;
    return this.restart();
  }

  /** Stops the receiver and, unless stopped or off, starts it afresh. */
  restart(): Promise<void> {
    const run = this.chain.then(() => this.replaceReceiver());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async replaceReceiver(): Promise<void> {
    const old = this.receiver;
    this.receiver = null;
    if (old) {
      this.totals = addStats(this.totals, old.stats);
      await old.stop();
    }
    this.error = null;
    const store = this.o.shops();
    if (this.stopped || !store) return;
    const settings = this.settings();
    const { shops, targets, status } = this.pushShops(store);
    this.shops = status;
    this.targets = targets;
    const events = this.o.ctx.events;
    if (settings.enabled) {
      try {
        this.receiver = await startPushReceiver(settings, {
          shops,
          store: new PushEventStore(this.o.ctx.db()),
          onRefetch: (r) => this.onPush(r),
          log: this.o.log,
          onActivity: () => events.emit('orders.pushStatusChanged', this.status()),
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        this.error =
          code === 'EADDRINUSE'
            ? 'port_busy'
            : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
              ? 'address_unavailable'
              : 'bind_failed';
        this.o.log.warn('push receiver could not listen', {
          host: settings.host,
          port: settings.port,
          reason: this.error,
          code: code ?? String(err),
        });
      }
    }
    events.emit('orders.pushStatusChanged', this.status());
  }

  /**
   * Enabled, real Kuaishou and Douyin shops; those with what push needs go to the receiver. A
   * stored key that cannot be used leaves that shop out (and not ready) instead of stopping the
   * receiver for every shop.
   */
  private pushShops(store: ShopStore): {
    shops: PushShop[];
    targets: Map<string, number>;
    status: PushStatus['shops'];
  } {
    const shops: PushShop[] = [];
    const targets = new Map<string, number>();
    const status: PushStatus['shops'] = [];
    for (const s of store.list()) {
      if (!s.enabled || s.simulated || (s.platform !== 'kuaishou' && s.platform !== 'douyin')) continue;
      let secrets: ReturnType<ShopStore['openSecrets']> = {};
      try {
        secrets = store.openSecrets(s.id);
      } catch (err) {
        this.o.log.warn('shop secrets unavailable for push', { shop: s.id, reason: (err as Error).message });
      }
      let push: PushShop | undefined;
      if (s.platform === 'kuaishou' && secrets.pushKey) {
        try {
          kuaishouKeyBytes(secrets.pushKey, KUAISHOU_DEFAULT_KEY_ENCODING);
          push = { platform: 'kuaishou', shopId: s.shopId, messageKey: secrets.pushKey };
        } catch {
          this.o.log.warn('Kuaishou push key has the wrong length', { shop: s.id });
        }
      } else if (s.platform === 'douyin' && s.appKey && secrets.appSecret)
        push = { platform: 'douyin', shopId: s.shopId, appKey: s.appKey, appSecret: secrets.appSecret };
      if (push) {
        shops.push(push);
        targets.set(`${s.platform}/${s.shopId}`, s.id);
      }
      status.push({
        id: s.id,
        platform: s.platform,
        shopId: s.shopId,
        label: s.label,
        path: pushPath({ platform: s.platform, shopId: s.shopId }),
        ready: push !== undefined,
      });
    }
    return { shops, targets, status };
  }

  /** A push means "fetch this order again": an immediate incremental sync of its shop. */
  private onPush(r: RefetchRequest): void {
    const id = this.targets.get(`${r.platform}/${r.shopId}`);
    if (id === undefined) {
      this.o.log.warn('push for an unknown shop acknowledged', { platform: r.platform, shop: r.shopId });
      return;
    }
    this.o.log.info('push: re-fetching', { shop: id, order: r.orderId, event: r.event });
    try {
      this.o.syncNow(id);
    } catch (err) {
      this.o.log.warn('push for a removed shop acknowledged', { shop: id, reason: (err as Error).message });
    }
  }
}

/** Two receivers' counters as one: sums, the latest event and the latest refusal. */
export const addStats = (a: PushReceiverStats, b: PushReceiverStats): PushReceiverStats => ({
  received: a.received + b.received,
  duplicates: a.duplicates + b.duplicates,
  rejected: a.rejected + b.rejected,
  lastEventAt: Math.max(a.lastEventAt ?? 0, b.lastEventAt ?? 0) || null,
  lastRejected:
    a.lastRejected && b.lastRejected
      ? a.lastRejected.at >= b.lastRejected.at
        ? a.lastRejected
        : b.lastRejected
      : (a.lastRejected ?? b.lastRejected),
});
