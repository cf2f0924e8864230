import type { CountdownCommand } from '@shared/api/domains/overlays';
import { ApiFailure } from '@shared/api/errors';
import type { Orientation, SafeArea } from '@shared/overlay-layout/safe-area';
import type { Countdown, OverlayId, OverlayLanguage } from '@shared/overlays/overlay-state';
import type { PresenterKind } from '@shared/showday/presenter-role';

/** The operator's choices: persisted whole, so the overlays come back the same after a restart. */
export interface OverlayControls {
  language: OverlayLanguage;
  showId: number | null;
  /** Theme per show id; key `default` when no show is chosen or the show has none. */
  themes: Record<string, string>;
  /**
   * Safe area per show id and orientation (platform preset and its edited figures); key
   * `default` when no show is chosen. A show without its own uses the default's.
   */
  safeAreas: Record<string, Partial<Record<Orientation, SafeArea>>>;
  /** The studio's mark on the card and counter; '' uses the theme's. */
  logoText: string;
  visible: Record<OverlayId, boolean>;
  productCard: { productId: number | null; followOnAir: boolean };
  ticker: { source: 'show' | 'list'; productIds: number[] };
  countdown: Omit<Countdown, 'visible' | 'productName'>;
  salesCounter: { splitByPlatform: boolean };
  leaderboard: { by: 'product' | 'county'; metric: 'units' | 'gmv'; size: number };
  /** `role`: the tag's text (县长 …); '' shows the word for `kind` (主播 or 嘉宾) in the overlay's language. */
  lowerThird: { name: string; title: string; county: string; role: string; kind: PresenterKind };
}

export const defaultControls = (): OverlayControls => ({
  language: 'zh-CN',
  showId: null,
  themes: { default: 'festive' },
  safeAreas: {},
  logoText: '',
  visible: {
    'product-card': false,
    'price-ticker': false,
    countdown: false,
    'sales-counter': false,
    leaderboard: false,
    'lower-third': false,
  },
  productCard: { productId: null, followOnAir: false },
  ticker: { source: 'show', productIds: [] },
  countdown: {
    status: 'idle',
    endsAt: null,
    remainingMs: 0,
    durationMs: 0,
    productId: null,
    endOnSoldOut: true,
    endedReason: null,
  },
  salesCounter: { splitByPlatform: false },
  leaderboard: { by: 'product', metric: 'units', size: 5 },
  lowerThird: { name: '', title: '', county: '', role: '', kind: 'guest' },
});

/** Fills keys a newer version added, so an older saved value still loads. */
export function mergeControls(saved: Partial<OverlayControls>): OverlayControls {
  const d = defaultControls();
  return {
    ...d,
    ...saved,
    visible: { ...d.visible, ...saved.visible },
    themes: { ...d.themes, ...saved.themes },
    safeAreas: { ...d.safeAreas, ...saved.safeAreas },
    countdown: { ...d.countdown, ...saved.countdown },
    lowerThird: { ...d.lowerThird, ...saved.lowerThird },
  };
}

type CountdownControls = OverlayControls['countdown'];

/**
 * The countdown as a pure function of (state, command, now). Time lives in `endsAt` (wall clock)
 * while running and in `remainingMs` while paused, so nothing ticks in the core.
 */
export function applyCountdown(c: CountdownControls, cmd: CountdownCommand, now: number): CountdownControls {
  switch (cmd.action) {
    case 'start': {
      const ms = cmd.seconds * 1000;
      return {
        status: 'running',
        endsAt: now + ms,
        remainingMs: ms,
        durationMs: ms,
        productId: cmd.productId,
        endOnSoldOut: cmd.endOnSoldOut,
        endedReason: null,
      };
    }
    case 'pause':
      if (c.status !== 'running') throw notRunning('pause', c.status);
      return { ...c, status: 'paused', remainingMs: Math.max(0, (c.endsAt ?? now) - now), endsAt: null };
    case 'resume':
      if (c.status !== 'paused') throw notRunning('resume', c.status);
      return { ...c, status: 'running', endsAt: now + c.remainingMs };
    case 'addTime': {
      const ms = cmd.seconds * 1000;
      if (c.status === 'running')
        return { ...c, endsAt: (c.endsAt ?? now) + ms, durationMs: c.durationMs + ms };
      if (c.status === 'paused')
        return { ...c, remainingMs: c.remainingMs + ms, durationMs: c.durationMs + ms };
      throw notRunning('addTime', c.status);
    }
    case 'end':
      // Idempotent: a Stream Deck "stop" pressed after the time ran out (or twice) is not a failure.
      if (c.status !== 'running' && c.status !== 'paused') return c;
      return endCountdown(c, 'operator');
  }
}

export const endCountdown = (
  c: CountdownControls,
  reason: 'time' | 'soldOut' | 'operator',
): CountdownControls => ({
  ...c,
  status: 'ended',
  endsAt: null,
  remainingMs: 0,
  endedReason: reason,
});

/** When a running countdown should end by itself, or null. */
export const countdownDueAt = (c: CountdownControls): number | null =>
  c.status === 'running' ? c.endsAt : null;

function notRunning(action: string, status: string): ApiFailure {
  return new ApiFailure('conflict', `Cannot ${action} the countdown: it is ${status}`, {
    key: 'overlays:errors.countdownState',
    params: { action, status },
  });
}
