import type { SalesFigures } from '@shared/api/domains/orders';
import type {
  Cue,
  CuePlan,
  CueSettings,
  CueWarning,
  LogAction,
  LogEntry,
  ObsOutcome,
  ShowState,
  ShowWindowResult,
} from '@shared/api/domains/showday';
import { ApiFailure } from '@shared/api/errors';
import type { OverlayId } from '@shared/overlays/overlay-state';
import type { Logger } from '../logging/log-hub';
import type { ObsPort } from '../obs';
import type { WindowChange } from '../orders';
import type { OverlaysPort } from '../overlays';
import type { StudioService } from '../services/service';
import type { ShelfPort } from '../shelf';
import type { StudioContext } from '../studio-context';
import { applyCueToControls, buildCues, cueOverlays } from './cue-builder';
import { CueStore, type StoredState } from './cue-store';
import { formatFen } from '@shared/format/money';

export const STUDIO_ACTOR = 'studio';

/** See OnAirConsole.onAirNow. */
export interface ShowOnAirNow {
  /** The console's show once it started (its figures count from then), else null. */
  showId: number | null;
  product: { id: number; code: string; name: string } | null;
  since: number | null;
}

/** Sets a show's on-air window through the order ledger (lines re-attributed, figures recounted). */
export type SetShowWindow = (
  showId: number,
  window: { from: number; to: number | null } | null,
  closeOpenAt?: number,
) => WindowChange;

const noShow = () =>
  new ApiFailure('conflict', 'No show is chosen for the console', { key: 'showday:errors.noShow' });
const slotMissing = (slotId: number) =>
  new ApiFailure('not_found', `Slot ${slotId} is not in the show`, {
    key: 'showday:errors.slotMissing',
    params: { slotId },
  });

/**
 * The on-air console: which show runs, the standby cue, GO, and the on-air log. Every on-air change
 * (from GO, the Live page or a Stream Deck) is logged with its time; the report is built from that.
 */
export class OnAirConsole implements StudioService {
  readonly name = 'showday';
  private storeRef: CueStore | undefined;
  private figures: SalesFigures | null = null;
  /** Between start() and stop(): the studio's wiring reaches the reactions only then. */
  private running = false;

  constructor(
    private readonly ctx: StudioContext,
    private readonly shelf: ShelfPort,
    private readonly overlays: OverlaysPort,
    private readonly obs: ObsPort,
    private readonly log: Logger,
    private readonly setWindow: SetShowWindow,
    private readonly now: () => number = Date.now,
  ) {}

  get store(): CueStore {
    if (!this.storeRef) throw new ApiFailure('unavailable', 'the studio is not running');
    return this.storeRef;
  }

  private get reader() {
    return this.shelf.reader;
  }

  async start(): Promise<void> {
    this.storeRef = new CueStore(this.ctx.db());
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  /** What the studio wires to the other areas' announcements (see Studio's wiring), while running. */
  readonly reactions = {
    onAirChanged: (showId: number, slotId: number | null) => {
      if (this.running) this.inBackground(() => this.onAirChanged(showId, slotId));
    },
    rundownChanged: (showId: number) => {
      if (this.running) this.ctx.events.emit('cues.changed', { showId });
    },
    // Stock moves as orders commit: the sold-out check writes from the ledger's commit, not a request.
    shelfChanged: (productIds: number[]) => {
      if (this.running) this.inBackground(() => this.checkSoldOut(productIds));
    },
    // OBS came back, or its program changed: the console says whether the cue on air is still on program.
    obsChanged: (instanceId: number, reconnected: boolean) => {
      if (this.running) this.obsChanged(instanceId, reconnected);
    },
    figuresChanged: (f: SalesFigures) => {
      if (this.running && (f.showId === null || f.showId === this.store.state().showId)) this.figures = f;
    },
  };

  /** A write no request waits for: a full disk becomes the studio's disk state, anything else is logged. */
  private inBackground(write: () => void): void {
    try {
      write();
    } catch (err) {
      if (!this.ctx.disk.report(err, 'showday')) this.log.error('on-air log write failed', { err });
    }
  }

  state(): ShowState {
    const s = this.store.state();
    const show = s.showId !== null ? this.reader.getShow(s.showId) : undefined;
    const onAirSlotId = show?.onAirSlotId ?? null;
    return {
      ...s,
      onAirSlotId,
      onAirFrom: show?.onAirFrom ?? null,
      onAirTo: show?.onAirTo ?? null,
      obsMismatch: this.mismatch(s.obsInstanceId, s.showId, onAirSlotId),
    };
  }

  /**
   * What this studio has on air now (an event booth's live state): the console's show once its
   * on-air window opened, the product of its on-air slot (merchant code and name) and since when it
   * is on air (the on-air log's move, else the last GO). Nothing while the console is stopped.
   */
  onAirNow(): ShowOnAirNow {
    const none: ShowOnAirNow = { showId: null, product: null, since: null };
    if (!this.running) return none;
    const s = this.store.state();
    const show = s.showId !== null ? this.reader.getShow(s.showId) : undefined;
    if (!show || show.onAirFrom === null) return none;
    const onAir = show.onAirTo === null ? this.reader.onAir(show.id) : undefined;
    if (!onAir) return { showId: show.id, product: null, since: null };
    const moved = this.store.lastOnAir(show.id);
    return {
      showId: show.id,
      product: {
        id: onAir.product.id,
        code: onAir.product.outerSku ?? '',
        name: onAir.product.nameZh,
      },
      since: moved?.slotId === onAir.slot.id ? moved.at : s.lastGoAt,
    };
  }

  /** The show's OBS is connected, but its program is not the on-air cue's camera scene. */
  private mismatch(obsInstanceId: number | null, showId: number | null, onAirSlotId: number | null) {
    if (showId === null || onAirSlotId === null) return null;
    const program = this.obs.program(obsInstanceId);
    if (program === undefined) return null;
    const cue = this.cues(showId).find((c) => c.slotId === onAirSlotId);
    const expected = cue ? this.obs.programScene(obsInstanceId, cue.cameraPreset) : null;
    return expected !== null && program !== expected ? { program, expected } : null;
  }

  private reapplying = false;

  /**
   * Only a reconnect re-applies by itself (OBS resynced before it says connected): a camera the
   * operator switched by hand while OBS stayed up is shown as a mismatch, never undone.
   */
  private obsChanged(instanceId: number, reconnected: boolean): void {
    const s = this.store.state();
    if (s.showId === null || s.obsInstanceId !== instanceId) return;
    const state = this.state();
    this.emitState();
    if (reconnected && state.obsMismatch && s.autoReapply && !this.reapplying) {
      this.reapplying = true;
      void this.reapply(STUDIO_ACTOR)
        .catch((err: unknown) => this.log.warn('automatic re-apply failed', { err }))
        .finally(() => (this.reapplying = false));
    }
  }

  /**
   * Puts the cue on air back on OBS: its camera scene and its overlay sources, in one batch (the
   * overlay pages still show it: they never left). Logged, so the report shows the recovery.
   */
  async reapply(actor: string): Promise<ObsOutcome> {
    const showId = this.requireShow();
    const onAir = this.reader.getShow(showId)?.onAirSlotId ?? null;
    const cue = onAir !== null ? this.cues(showId).find((c) => c.slotId === onAir) : undefined;
    if (!cue) throw new ApiFailure('conflict', 'No cue is on air', { key: 'showday:onAir.nothingOnAir' });
    const shown = cueOverlays(cue)
      .filter((o) => o.visible)
      .map((o) => o.overlay);
    const obs = await this.obs.applyAll(this.store.state(), cue.cameraPreset, shown);
    this.record('reapply', actor, { camera: cue.cameraPreset, obs: obs.state }, cue);
    this.emitState();
    return obs;
  }

  setAutoReapply(enabled: boolean): ShowState {
    this.save({ ...this.store.state(), autoReapply: enabled });
    return this.state();
  }

  select(
    showId: number,
    obsInstanceId: number | null | undefined,
    actor: string,
    alsoObsInstanceIds?: number[],
  ): ShowState {
    if (!this.reader.getShow(showId)) throw showMissing(showId);
    const s = this.store.state();
    const changedShow = s.showId !== showId;
    const main = obsInstanceId === undefined ? s.obsInstanceId : obsInstanceId;
    for (const id of alsoObsInstanceIds ?? []) this.obs.requireConnection(id);
    // The other OBS follow the main one: none without it, never the main one twice.
    const also =
      main === null ? [] : (alsoObsInstanceIds ?? s.alsoObsInstanceIds).filter((id) => id !== main);
    this.save({
      ...s,
      showId,
      obsInstanceId: main,
      alsoObsInstanceIds: [...new Set(also)],
      standbySlotId: changedShow ? null : s.standbySlotId,
      soldOut: changedShow ? null : s.soldOut,
    });
    this.record('select', actor, {}, null);
    return this.state();
  }

  cues(showId: number): Cue[] {
    if (!this.reader.getShow(showId)) throw showMissing(showId);
    const slotIds = this.reader.rundown(showId).map((s) => s.id);
    return buildCues(this.reader, showId, this.store.settingsOfSlots(slotIds));
  }

  /** Changes a cue's settings (overlays, countdown, talking points). */
  updateCue(slotId: number, patch: Partial<CueSettings>): Cue {
    const showId = this.reader.showOfSlot(slotId);
    if (showId === undefined) throw slotMissing(slotId);
    this.store.saveSettings(slotId, { ...this.store.settings(slotId), ...patch });
    this.ctx.events.emit('cues.changed', { showId });
    return this.cues(showId).find((c) => c.slotId === slotId)!;
  }

  private requireShow(): number {
    const showId = this.store.state().showId;
    if (showId === null || !this.reader.getShow(showId)) throw noShow();
    return showId;
  }

  private cueOf(slotId: number): Cue {
    const cue = this.cues(this.requireShow()).find((c) => c.slotId === slotId);
    if (!cue) throw slotMissing(slotId);
    return cue;
  }

  /** The standby cue: the chosen one, else the one after on air, else the first. */
  private standbyCue(): Cue | null {
    const cues = this.cues(this.requireShow());
    const s = this.state();
    const chosen = cues.find((c) => c.slotId === s.standbySlotId);
    if (chosen) return chosen;
    const onAir = cues.findIndex((c) => c.slotId === s.onAirSlotId);
    return cues[onAir + 1] ?? (onAir < 0 ? (cues[0] ?? null) : null);
  }

  /** What GO would do now, or null at the end of the rundown. */
  plan(): CuePlan | null {
    const cue = this.standbyCue();
    return cue && this.planFor(cue, { state: 'skipped', key: null, params: {} });
  }

  private planFor(cue: Cue, obs: CuePlan['obs']): CuePlan {
    const controls = this.overlays.controls();
    applyCueToControls(controls, cue, this.now());
    const current = this.overlays.shown();
    const sections = this.overlays.preview(controls, this.figures);
    return {
      cue,
      programScene: this.obs.programScene(this.store.state().obsInstanceId, cue.cameraPreset),
      overlays: cueOverlays(cue),
      overlayPreview: {
        ...sections,
        salesCounter: current.salesCounter,
        leaderboard: current.leaderboard,
        rev: current.rev,
      },
      obs,
      warnings: [
        ...stockWarnings(cue),
        ...this.priceWarnings(cue),
        ...this.obs.warnings(this.store.state().obsInstanceId, cue.cameraPreset),
        ...this.obs.otherWarnings(this.store.state(), cue.cameraPreset),
      ],
    };
  }

  /** The cue's price changed since the rundown was made or the operator last confirmed it. */
  private priceWarnings(cue: Cue): CueWarning[] {
    const change = this.shelf.prices.unacknowledged(cue.slotId);
    if (!change) return [];
    const yuan = (fen: number | null) => (fen === null ? '' : formatFen(fen));
    return [
      {
        code: 'price_changed',
        key: 'showday:warn.priceChanged',
        params: {
          name: cue.product.nameZh,
          slotId: cue.slotId,
          old: yuan(change.oldFen),
          new: yuan(change.newFen),
          actor: change.actor,
          at: change.at,
        },
      },
    ];
  }

  /** The operator confirms the cue's current price; its `price_changed` warning goes away. */
  ackPrice(slotId: number): void {
    const showId = this.requireShow();
    this.cueOf(slotId);
    this.shelf.prices.acknowledge(slotId);
    this.ctx.events.emit('cues.changed', { showId });
  }

  async standby(slotId: number, actor: string): Promise<CuePlan> {
    const cue = this.cueOf(slotId);
    this.save({ ...this.store.state(), standbySlotId: slotId });
    const obs = await this.obs.preview(this.store.state().obsInstanceId, cue.cameraPreset);
    this.record('preview', actor, { obs: obs.state }, cue);
    return this.planFor(cue, obs);
  }

  async step(delta: 1 | -1, actor: string): Promise<CuePlan | null> {
    const cues = this.cues(this.requireShow());
    if (cues.length === 0) return null;
    const current = this.standbyCue();
    const at = current ? cues.findIndex((c) => c.slotId === current.slotId) : cues.length;
    const next = cues[Math.min(cues.length - 1, Math.max(0, at + delta))]!;
    return this.standby(next.slotId, actor);
  }

  /**
   * Fires a cue: the OBS batch goes out, and while it is in flight the overlays change in one
   * update and the rundown moves on air (the card already shows the product, so that move changes
   * nothing on screen). An OBS failure does not stop the show: it is returned and logged.
   */
  async go(slotId: number | undefined, actor: string) {
    const showId = this.requireShow();
    const cue = slotId !== undefined ? this.cueOf(slotId) : this.standbyCue();
    if (!cue)
      throw new ApiFailure('conflict', 'The rundown has no cue after the one on air', {
        key: 'showday:errors.endOfRundown',
      });
    const now = this.now();
    // The first GO of a show that never started opens its on-air window.
    if (this.reader.getShow(showId)?.onAirFrom === null) this.openWindow(showId, now, actor);
    const shown = cueOverlays(cue)
      .filter((o) => o.visible)
      .map((o) => o.overlay);
    const obsDone = this.obs.applyAll(this.store.state(), cue.cameraPreset, shown);
    this.overlays.applyCue((c) => applyCueToControls(c, cue, now));
    // No await until the standby has moved on: a second GO pressed meanwhile fires the next cue.
    this.shelf.setOnAir(showId, cue.slotId);
    const cues = this.cues(showId);
    const after = cues[cues.findIndex((c) => c.slotId === cue.slotId) + 1];
    this.save({ ...this.store.state(), standbySlotId: after?.slotId ?? null, soldOut: null, lastGoAt: now });
    const obs = await obsDone;
    const chapter = await this.obs.chapter(
      this.store.state().obsInstanceId,
      `${cue.position + 1} ${cue.product.nameZh}`,
    );
    this.record(
      'go',
      actor,
      { camera: cue.cameraPreset, countdown: cue.settings.countdownSeconds, obs: obs.state, chapter },
      cue,
    );
    if (obs.state === 'failed') this.log.warn('GO: OBS did not switch', { key: obs.key });
    return { state: this.state(), cue, obs };
  }

  /**
   * Every other way to put a product on air (the Live page's N/P, the Rundown's PageUp/PageDown and
   * 上播 buttons, a Stream Deck's `rundown.next/previous/setOnAir`) comes through here: the same cue
   * path as GO (camera, overlays, standby, log), so the console never disagrees with the card.
   * Taking the product off air (null) only moves the card. A show other than the console's is
   * chosen first, unless the console's show still has a product on air.
   */
  async putOnAir(showId: number, target: number | null | 'next' | 'previous', actor: string) {
    const show = this.reader.getShow(showId);
    if (!show) throw showMissing(showId);
    const result = () => ({ show: this.reader.getShow(showId)!, onAirSlotId: this.state().onAirSlotId });
    if (target === null) {
      this.shelf.setOnAir(showId, null);
      return { show: this.reader.getShow(showId)!, onAirSlotId: null };
    }
    const s = this.store.state();
    if (s.showId !== showId) {
      const other = s.showId !== null ? this.reader.getShow(s.showId) : undefined;
      if (other && other.onAirSlotId !== null)
        throw new ApiFailure('conflict', `show ${other.id} is on air in the console`, {
          key: 'showday:onAir.otherShowOnAir',
          params: { title: other.title },
        });
      this.select(showId, undefined, actor);
    }
    const cues = this.cues(showId);
    if (cues.length === 0) return result();
    let slotId: number;
    if (typeof target === 'number') {
      if (!cues.some((c) => c.slotId === target)) throw slotMissing(target);
      slotId = target;
    } else {
      const at = cues.findIndex((c) => c.slotId === show.onAirSlotId);
      const to = at < 0 ? 0 : Math.max(0, Math.min(cues.length - 1, at + (target === 'next' ? 1 : -1)));
      slotId = cues[to]!.slotId;
    }
    // Already on air (N at the last cue): nothing to fire again, the countdown keeps running.
    if (slotId === show.onAirSlotId && s.showId === showId) return result();
    await this.go(slotId, actor);
    return result();
  }

  clearOverlays(actor: string): void {
    this.overlays.hideAll();
    this.recordIfShow('clear_overlays', actor, {});
  }

  setOverlay(overlay: OverlayId, visible: boolean, actor: string): void {
    this.overlays.setVisible(overlay, visible);
    this.recordIfShow('overlay', actor, { overlay, visible });
  }

  async camera(key: number, actor: string): Promise<void> {
    await this.obs.camera(this.store.state().obsInstanceId, key);
    this.recordIfShow('camera', actor, { key });
  }

  countdown(action: 'start' | 'stop', seconds: number | undefined, actor: string): void {
    const showId = this.requireShow();
    const onAir = this.reader.onAir(showId);
    const cue = onAir ? this.cues(showId).find((c) => c.slotId === onAir.slot.id) : undefined;
    const length = seconds ?? cue?.settings.countdownSeconds ?? 60;
    const command =
      action === 'start'
        ? ({
            action: 'start',
            seconds: length,
            productId: onAir?.product.id ?? null,
            endOnSoldOut: true,
          } as const)
        : ({ action: 'end' } as const);
    this.overlays.countdown(command);
    this.record('countdown', actor, { action, seconds: action === 'start' ? length : null }, cue ?? null);
  }

  /**
   * Starts the show: its on-air window opens now, and a show on air until now ends. A show that
   * already started and ended is reopened from its old start (an end pressed by mistake); one on
   * air stays as it is.
   */
  startShow(actor: string): ShowState {
    const showId = this.requireShow();
    const show = this.reader.getShow(showId)!;
    if (show.onAirFrom !== null && show.onAirTo === null) return this.state();
    if (show.onAirFrom === null) this.openWindow(showId, this.now(), actor);
    else this.changeWindow(showId, { from: show.onAirFrom, to: null }, actor, 'start');
    return this.state();
  }

  /** Changes a show's on-air window (operator edit): its orders move with it. */
  editWindow(
    showId: number,
    window: { from: number; to: number | null } | null,
    actor: string,
  ): ShowWindowResult {
    if (!this.reader.getShow(showId)) throw showMissing(showId);
    return this.changeWindow(showId, window, actor, 'window');
  }

  private openWindow(showId: number, now: number, actor: string): void {
    this.changeWindow(showId, { from: now, to: null }, actor, 'start', now);
  }

  private changeWindow(
    showId: number,
    window: { from: number; to: number | null } | null,
    actor: string,
    action: 'start' | 'window' | 'end',
    closeOpenAt?: number,
  ): ShowWindowResult {
    const change = this.setWindow(showId, window, closeOpenAt);
    const at = this.now();
    for (const c of change.closed) {
      this.write({
        showId: c.showId,
        at,
        action: 'window',
        slotId: null,
        productId: null,
        actor,
        detail: { from: c.from, to: c.to, moved: 0, closedBy: showId },
      });
      this.ctx.events.emit('rundown.changed', { showId: c.showId });
    }
    this.write({
      showId,
      at,
      action,
      slotId: null,
      productId: null,
      actor,
      detail: { from: window?.from ?? null, to: window?.to ?? null, moved: change.moved },
    });
    this.ctx.events.emit('rundown.changed', { showId });
    if (
      showId === this.store.state().showId ||
      change.closed.some((c) => c.showId === this.store.state().showId)
    )
      this.emitState();
    this.log.info('on-air window changed', { showId, ...window, moved: change.moved });
    return {
      show: this.reader.getShow(showId)!,
      moved: change.moved,
      closed: change.closed.map((c) => ({ showId: c.showId, to: c.to! })),
    };
  }

  async end(actor: string): Promise<ShowState> {
    const showId = this.requireShow();
    const show = this.reader.getShow(showId)!;
    // The on-air window closes now (never before it opened: a window lasts at least a millisecond).
    if (show.onAirFrom !== null && show.onAirTo === null)
      this.changeWindow(
        showId,
        { from: show.onAirFrom, to: Math.max(this.now(), show.onAirFrom + 1) },
        actor,
        'window',
      );
    this.clearOverlays(actor);
    this.shelf.setOnAir(showId, null);
    this.save({ ...this.store.state(), standbySlotId: null, soldOut: null });
    this.record('end', actor, {}, null);
    return this.state();
  }

  private onAirChanged(showId: number, slotId: number | null): void {
    const slot = slotId !== null ? this.reader.rundown(showId).find((s) => s.id === slotId) : undefined;
    this.write({
      showId,
      at: this.now(),
      action: 'on_air',
      slotId: slot?.id ?? null,
      productId: slot?.productId ?? null,
      actor: STUDIO_ACTOR,
      detail: { presenter: slot?.presenterName ?? '' },
    });
    if (showId === this.store.state().showId) this.emitState();
  }

  /** The on-air product reached zero stock: flag it and stand by the next cue for the operator. */
  private checkSoldOut(productIds: number[]): void {
    const s = this.store.state();
    if (s.showId === null) return;
    const onAir = this.reader.onAir(s.showId);
    if (!onAir || onAir.product.stock > 0 || !productIds.includes(onAir.product.id)) return;
    if (s.soldOut?.slotId === onAir.slot.id) return;
    const cues = this.cues(s.showId);
    const next = cues[cues.findIndex((c) => c.slotId === onAir.slot.id) + 1];
    this.save({
      ...s,
      standbySlotId: next?.slotId ?? s.standbySlotId,
      soldOut: { slotId: onAir.slot.id, productId: onAir.product.id, at: this.now() },
    });
    this.write({
      showId: s.showId,
      at: this.now(),
      action: 'sold_out',
      slotId: onAir.slot.id,
      productId: onAir.product.id,
      actor: STUDIO_ACTOR,
      detail: {},
    });
    this.log.info('on-air product sold out', { productId: onAir.product.id });
  }

  private save(s: StoredState): void {
    this.store.saveState(s);
    this.emitState();
  }

  private emitState(): void {
    this.ctx.events.emit('show.stateChanged', this.state());
  }

  private record(action: LogAction, actor: string, detail: LogEntry['detail'], cue: Cue | null): void {
    this.write({
      showId: this.requireShow(),
      at: this.now(),
      action,
      slotId: cue?.slotId ?? null,
      productId: cue?.product.id ?? null,
      actor,
      detail,
    });
  }

  private recordIfShow(action: LogAction, actor: string, detail: LogEntry['detail']): void {
    if (this.store.state().showId !== null) this.record(action, actor, detail, null);
  }

  private write(e: Omit<LogEntry, 'id'>): void {
    this.ctx.events.emit('show.logged', this.store.log(e));
  }
}

export const showMissing = (showId: number) =>
  new ApiFailure('not_found', `Show ${showId} does not exist`, {
    key: 'showday:errors.showMissing',
    params: { showId },
  });

/** At or below this many left, the standby cue warns that the product is running out. */
export const LOW_STOCK = 10;

function stockWarnings(cue: Cue): CueWarning[] {
  const stock = cue.product.stock;
  if (stock === 0)
    return [{ code: 'sold_out', key: 'showday:warn.soldOut', params: { name: cue.product.nameZh } }];
  if (stock <= LOW_STOCK)
    return [{ code: 'low_stock', key: 'showday:warn.lowStock', params: { name: cue.product.nameZh, stock } }];
  return [];
}
