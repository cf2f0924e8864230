import type { Orientation } from '@shared/api/domains/obs';
import type { OverlayHealth } from '@shared/api/domains/overlays';
import type { ServiceStatus } from '@shared/api/domains/system';
import type { EventHub } from '../event-hub';
import type { Logger } from '../logging/log-hub';
import { guardedInterval } from '../net/guarded';
import type { StatusBoard } from '../services/service';
import { healthSignature, overlayHealth } from './overlay-health';
import type { OverlayServer } from './overlay-server';

const CHECK_EVERY_MS = 1000;

/**
 * Watches the overlay pages: once a second it recomputes their health, announces a change
 * (`overlays.health`), and turns the status bar's overlays pill to a warning while a page OBS
 * should show is missing or stale, back to what it said before once all are well.
 */
export class OverlayHealthMonitor {
  private timer: NodeJS.Timeout | undefined;
  private signature = '';
  /** The pill as the server set it, kept while the health warning covers it. */
  private covered: ServiceStatus | undefined;
  private expected: () => Record<Orientation, number> = () => ({ landscape: 0, portrait: 0 });

  constructor(
    private readonly server: OverlayServer,
    private readonly now: () => number,
    private readonly events: EventHub,
    private readonly status: StatusBoard,
    private readonly log: Logger,
  ) {}

  /** How many pages of each orientation OBS should load (the OBS area knows its connections). */
  expectFrom(expected: () => Record<Orientation, number>): void {
    this.expected = expected;
  }

  start(): void {
    this.timer = guardedInterval(this.log, 'overlays:health', () => this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.signature = '';
    this.covered = undefined;
  }

  current(): OverlayHealth {
    if (!this.server.running) return { pages: [], at: this.now() };
    const r = this.server.pageReports();
    return overlayHealth(r.pages, this.expected(), { rev: r.rev, changedAt: r.changedAt }, this.now());
  }

  /** Recomputes now (the timer's tick; tests call it with an injected clock). */
  check(): OverlayHealth {
    const h = this.current();
    const sig = healthSignature(h);
    if (sig !== this.signature) {
      this.signature = sig;
      this.events.emit('overlays.health', h);
      this.flag(h);
    }
    return h;
  }

  private flag(h: OverlayHealth): void {
    const missing = h.pages.filter((p) => p.state === 'missing');
    const stale = h.pages.filter((p) => p.state === 'stale');
    const first = missing[0] ?? stale[0];
    if (first) {
      const now = this.status.get('overlays');
      if (!this.covered && now && now.detailKey !== 'obs:obsOrient.status.unwell') this.covered = now;
      this.status.set('overlays', 'warning', 'obs:obsOrient.status.unwell', {
        missing: missing.length,
        stale: stale.length,
        first: `${first.overlay} (${first.orientation})`,
      });
      this.log.warn('overlay page missing or stale', {
        overlay: first.overlay,
        orientation: first.orientation,
        state: first.state,
      });
    } else if (this.covered) {
      const back = this.covered;
      this.covered = undefined;
      this.status.set('overlays', back.state, back.detailKey, back.params);
    }
  }
}
