import type { SalesFigures } from '@shared/api/domains/orders';
import { diffSections, isEmptyDelta } from '@shared/overlays/overlay-delta';
import type { OverlaySections, OverlayState } from '@shared/overlays/overlay-state';
import type { Logger } from '../logging/log-hub';
import type { ShelfReader } from '../shelf';
import type { StudioContext } from '../studio-context';
import { countdownDueAt, endCountdown, type OverlayControls } from './overlay-controls';
import { buildSections } from './overlay-state-builder';
import { OverlayStore } from './overlay-store';

const FIGURES_SAVE_MS = 1000;
/** How long an ended countdown shows its end state (已结束 / 售罄) before it leaves the screen. */
export const COUNTDOWN_END_SHOW_MS = 5000;

export type StateListener = (change: { state: OverlayState; sections: Partial<OverlaySections> }) => void;

/**
 * Holds the overlay state: the operator's controls (persisted), the figures, and what the pages
 * show (derived). Every change is diffed and pushed to listeners; nothing polls.
 */
export class OverlayStateService {
  private controls: OverlayControls | undefined;
  private figures: SalesFigures | null = null;
  private current: OverlayState | undefined;
  private store: OverlayStore | undefined;
  private readonly listeners = new Set<StateListener>();
  /** Between open() and close(): the studio's wiring reaches the reactions only then. */
  private isOpen = false;
  private refreshQueued = false;
  private timer: NodeJS.Timeout | undefined;
  /** When the shown countdown ended (core clock), so its end state leaves after COUNTDOWN_END_SHOW_MS. */
  private countdownEndedAt: number | undefined;
  private figuresSaveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: StudioContext,
    private readonly shelf: ShelfReader,
    private readonly log: Logger,
    /** The core's clock; tests pass their own. */
    readonly now: () => number = Date.now,
  ) {}

  /** Loads the saved controls; from then on the reactions below follow the shelf, rundown and orders. */
  open(): void {
    this.store = new OverlayStore(this.ctx.db());
    this.controls = this.store.controls();
    this.figures = this.store.figures();
    const sections = this.build();
    this.current = { ...sections, rev: 1 };
    this.isOpen = true;
    // A countdown that ran out while the studio was closed ends now; one still running is re-armed.
    this.settleCountdown();
  }

  close(): void {
    clearTimeout(this.timer);
    this.saveFiguresNow();
    this.isOpen = false;
  }

  get storeRef(): OverlayStore {
    if (!this.store) throw new Error('overlay state is not open');
    return this.store;
  }

  /** The full state as pages and the operator UI see it. */
  state(): OverlayState {
    this.flushRefresh();
    return this.published();
  }

  private published(): OverlayState {
    if (!this.current) throw new Error('overlay state is not open');
    return this.current;
  }

  /** A copy of the operator's controls. */
  getControls(): OverlayControls {
    if (!this.controls) throw new Error('overlay state is not open');
    return structuredClone(this.controls);
  }

  onChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies the operator's change, saves it, and pushes whatever it changed on screen. */
  update(mutate: (c: OverlayControls) => void): OverlayState {
    const next = this.getControls();
    mutate(next);
    this.controls = next;
    // Push first, then save: the frame is on its way to the pages while the write syncs to disk
    // (in the same turn, so a change is never acknowledged to the operator before it is saved).
    this.publish();
    this.saveControlsNow();
    this.settleCountdown();
    return this.state();
  }

  /**
   * Rebuilds from the shelf (after a product, stock or rundown change) and pushes the difference,
   * once per task however many changes it announced: the ledger's publish announces stock moves
   * and then the figures, and each rebuilt every section (twice the work for one frame).
   */
  refresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    queueMicrotask(() => this.flushRefresh());
  }

  /** Runs a refresh still queued (a read of the state sees every change announced before it). */
  private flushRefresh(): void {
    if (!this.refreshQueued) return;
    this.refreshQueued = false;
    if (this.isOpen) this.publish();
  }

  private build(): OverlaySections {
    return buildSections(this.getControls(), this.shelf, this.figures, (id) => this.shelf.productImage(id));
  }

  private publish(): void {
    // Whatever refresh is queued, this build includes it.
    this.refreshQueued = false;
    const prev = this.published();
    const sections = this.build();
    const changed = diffSections(prev, sections);
    if (isEmptyDelta(changed)) return;
    const state: OverlayState = { ...sections, rev: prev.rev + 1 };
    this.current = state;
    for (const l of this.listeners) l({ state, sections: changed });
    this.ctx.events.emit('overlays.stateChanged', state);
  }

  /** Products changed (an edit or a stock move): a flash sale whose product sold out ends early. */
  shelfChanged(productIds: number[]): void {
    const c = this.controls;
    if (!c || !this.isOpen) return;
    const cd = c.countdown;
    if (
      cd.status === 'running' &&
      cd.endOnSoldOut &&
      cd.productId !== null &&
      productIds.includes(cd.productId)
    ) {
      if (this.shelf.getProduct(cd.productId)?.stock === 0) {
        this.log.info('flash sale sold out: countdown ends early', { productId: cd.productId });
        this.update((n) => (n.countdown = endCountdown(n.countdown, 'soldOut')));
        return;
      }
    }
    this.refresh();
  }

  /** A show's on-air slot moved: a card that follows it shows the new product. */
  onAirChanged(showId: number): void {
    if (!this.isOpen) return;
    const c = this.controls;
    if (!c || c.showId !== showId || !c.productCard.followOnAir) return this.refresh();
    const onAir = this.shelf.onAir(showId);
    this.update((n) => {
      n.productCard.productId = onAir?.product.id ?? null;
      // Nothing on air: the card leaves rather than showing a stale product.
      if (!onAir) n.visible['product-card'] = false;
    });
  }

  /** Slots added, moved or re-priced: the ticker and the card's live price follow. */
  rundownChanged(): void {
    if (this.isOpen) this.refresh();
  }

  /** New figures from the ledger (the chosen show's, or the studio's). */
  figuresChanged(f: SalesFigures): void {
    if (!this.isOpen) return;
    const showId = this.controls?.showId ?? null;
    if (f.showId !== null && showId !== null && f.showId !== showId) return;
    this.figures = f;
    this.refresh();
    // Figures can change many times a second during a rush: save the latest at most once a second
    // (order sync re-announces them after a restart anyway; this is for the first frame).
    this.figuresSaveTimer ??= setTimeout(() => this.saveFiguresNow(), FIGURES_SAVE_MS);
  }

  /**
   * Saves the latest figures (from a timer, so it never throws): on a full disk they wait in
   * memory and are saved once there is space again.
   */
  private saveFiguresNow(): void {
    clearTimeout(this.figuresSaveTimer);
    this.figuresSaveTimer = undefined;
    const { figures, store } = this;
    if (!figures || !store) return;
    const disk = this.ctx.disk;
    if (!disk.attempt('overlays', () => store.saveFigures(figures)) && disk.full)
      disk.retryWhenSpace('overlays.figures', () => this.saveFiguresNow());
  }

  /**
   * Saves the operator's controls. On a full disk the change stays on air (the show goes on, the
   * status bar says the disk is full) and is saved once there is space again; any other failure
   * throws to the caller.
   */
  private saveControlsNow(): void {
    const store = this.storeRef;
    try {
      store.saveControls(this.getControls());
      this.ctx.disk.wrote();
    } catch (err) {
      if (!this.ctx.disk.report(err, 'overlays')) throw err;
      this.saveControlsLater();
    }
  }

  /** Saves the controls (the latest then) at the first recheck with space; never throws. */
  private saveControlsLater(): void {
    const disk = this.ctx.disk;
    disk.retryWhenSpace('overlays.controls', () => {
      const store = this.store;
      if (!store || !this.controls) return;
      const controls = this.getControls();
      if (!disk.attempt('overlays', () => store.saveControls(controls)) && disk.full)
        this.saveControlsLater();
    });
  }

  /**
   * Ends a countdown whose time is up, and arms a timer for the one still running. An ended
   * countdown shows its end state for COUNTDOWN_END_SHOW_MS, then hides (the prompter follows).
   */
  private settleCountdown(): void {
    clearTimeout(this.timer);
    const c = this.controls;
    if (!c) return;
    if (c.countdown.status !== 'ended') this.countdownEndedAt = undefined;
    const due =
      c.countdown.status === 'ended' && c.visible.countdown
        ? (this.countdownEndedAt ??= this.now()) + COUNTDOWN_END_SHOW_MS
        : countdownDueAt(c.countdown);
    if (due === null) return;
    const wait = due - this.now();
    if (wait <= 0) {
      if (c.countdown.status === 'ended') this.update((n) => (n.visible.countdown = false));
      else this.update((n) => (n.countdown = endCountdown(n.countdown, 'time')));
      return;
    }
    this.timer = setTimeout(() => this.settleCountdown(), Math.min(wait, 2 ** 30));
    this.timer.unref();
  }
}
