import type { Orientation } from '@shared/api/domains/obs';
import type { CueWarning, ObsOutcome } from '@shared/api/domains/showday';
import { ApiFailure } from '@shared/api/errors';
import type { OverlayId } from '@shared/overlays/overlay-state';
import type { Logger } from '../logging/log-hub';
import type { OverlayPage } from '../overlays';
import type { ObsService } from './obs-service';
import { OVERLAY_SCENE } from './overlay-provisioning';

const skipped = (key: string, params: ObsOutcome['params'] = {}): ObsOutcome => ({
  state: 'skipped',
  key,
  params,
});

const failure = (err: unknown): ObsOutcome => ({
  state: 'failed',
  key: err instanceof ApiFailure ? (err.extra.key ?? `common:errors.${err.code}`) : 'common:errors.internal',
  params: err instanceof ApiFailure ? (err.extra.params ?? {}) : {},
});

/** Show day's side of OBS: the cue batch, the studio-mode preview and camera N, on one chosen OBS. */
export class CueObs {
  constructor(
    private readonly obs: { service: ObsService },
    private readonly pages: () => OverlayPage[],
    private readonly log: Logger,
  ) {}

  /** The connected OBS, or why there is none (as a skipped outcome). */
  private connected(instanceId: number | null) {
    if (instanceId === null) return { outcome: skipped('showday:obs.none') };
    try {
      const entry = this.obs.service.entry(instanceId);
      if (entry.conn.status.state !== 'connected')
        return { outcome: skipped('showday:obs.notConnected', { name: entry.conn.name }) };
      return { entry };
    } catch {
      return { outcome: skipped('showday:obs.missing', { id: instanceId }) };
    }
  }

  /**
   * What stands between GO and the picture the cue wants, known before GO: OBS away, a camera
   * preset that OBS has no mapping for, a mapped scene that OBS no longer has (renamed or deleted),
   * the overlay scene not provisioned.
   */
  warnings(instanceId: number | null, preset: string): CueWarning[] {
    if (instanceId === null) return [];
    const c = this.connected(instanceId);
    if (!c.entry) return [{ code: 'obs_down', key: 'showday:warn.obsDown', params: c.outcome.params }];
    const state = c.entry.conn.tracker.current;
    const out: CueWarning[] = [];
    if (preset !== '') {
      const camera = state.cameras.find((x) => x.preset === preset);
      if (!camera)
        out.push({ code: 'camera_unmapped', key: 'showday:warn.cameraUnmapped', params: { preset } });
      else if (!camera.found)
        out.push({
          code: 'scene_missing',
          key: 'showday:warn.sceneMissing',
          params: { preset, scene: camera.sceneName },
        });
    }
    if (this.pages().length > 0 && !state.scenes.includes(OVERLAY_SCENE))
      out.push({
        code: 'overlays_missing',
        key: 'showday:warn.overlaysMissing',
        params: { scene: OVERLAY_SCENE },
      });
    return out;
  }

  /**
   * The same warnings for the other OBS a GO drives (the portrait one maps presets to its own
   * scenes), each naming its OBS.
   */
  otherWarnings(
    drives: { obsInstanceId: number | null; alsoObsInstanceIds: readonly number[] },
    preset: string,
  ): CueWarning[] {
    if (drives.obsInstanceId === null) return [];
    return drives.alsoObsInstanceIds
      .filter((id) => id !== drives.obsInstanceId)
      .flatMap((id) =>
        this.warnings(id, preset).map((w) => ({
          ...w,
          key: w.key.replace('showday:warn.', 'obs:obsOrient.warn.'),
          params: { ...w.params, name: this.about(id).name },
        })),
      );
  }

  /** The program scene of a connected OBS; undefined when it is not chosen or not connected. */
  program(instanceId: number | null): string | null | undefined {
    const c = this.connected(instanceId);
    return c.entry ? c.entry.conn.tracker.current.program : undefined;
  }

  /** The scene a camera preset puts on program, when that OBS has the preset. */
  programScene(instanceId: number | null, preset: string): string | null {
    if (instanceId === null || preset === '') return null;
    try {
      return this.obs.service.cameras(instanceId).find((c) => c.preset === preset)?.sceneName ?? null;
    } catch {
      return null;
    }
  }

  /**
   * One RequestBatch: the camera and the overlay browser sources the cue shows. Sources the cue
   * hides stay enabled in OBS: the pages animate out by themselves, and disabling the source would
   * cut the exit animation. When the overlay scene is not provisioned, the camera still switches.
   */
  async apply(instanceId: number | null, cameraPreset: string, show: OverlayId[]): Promise<ObsOutcome> {
    const c = this.connected(instanceId);
    if (!c.entry) return c.outcome;
    const camera = cameraPreset !== '' ? { cameraPreset } : {};
    const sources = new Map(this.pages().map((p) => [p.id, p.sourceName]));
    const itemVisibility = show
      .map((id) => sources.get(id))
      .filter((s): s is string => s !== undefined)
      .map((sourceName) => ({ sceneName: OVERLAY_SCENE, sourceName, visible: true }));
    try {
      const done = await this.obs.service.applyCue({ instanceId: instanceId!, ...camera, itemVisibility });
      if (done.missingSources.length === 0)
        return { state: 'applied', key: null, params: {}, program: done.program };
      this.log.warn('GO: the camera switched; overlay sources missing in OBS were skipped', {
        missing: done.missingSources,
      });
      return {
        state: 'applied',
        key: 'showday:obs.overlaysMissing',
        params: { sources: done.missingSources.join('、') },
        program: done.program,
      };
    } catch (err) {
      // One batch ran every request: the overlay items that exist are shown even when the camera failed.
      this.log.warn('GO: OBS did not switch the camera; the overlays that exist were shown', { err });
      return { ...failure(err), program: c.entry.conn.tracker.current.program };
    }
  }

  /**
   * GO on every OBS the show drives at once: the main one and the others (a landscape and a
   * portrait instance), each mapping the cue's camera preset to its own scene, all batches in
   * flight together. The answer is the main OBS's outcome, as with one OBS; with others it also
   * lists each OBS's outcome and resulting program. One OBS failing never stops the others.
   */
  async applyAll(
    drives: { obsInstanceId: number | null; alsoObsInstanceIds: readonly number[] },
    cameraPreset: string,
    show: OverlayId[],
  ): Promise<ObsOutcome> {
    const others = drives.obsInstanceId === null ? [] : drives.alsoObsInstanceIds;
    const ids = [drives.obsInstanceId, ...others.filter((id) => id !== drives.obsInstanceId)];
    const outcomes = await Promise.all(ids.map((id) => this.apply(id, cameraPreset, show)));
    const main = outcomes[0]!;
    if (ids.length === 1) return main;
    return {
      ...main,
      instances: ids.map((id, i) => {
        const o = outcomes[i]!;
        const about = this.about(id!);
        return {
          instanceId: id!,
          ...about,
          state: o.state,
          key: o.key,
          params: o.params,
          program: o.program ?? this.program(id) ?? null,
        };
      }),
    };
  }

  /** Name and orientation of an OBS connection (a removed one keeps its id as its name). */
  private about(instanceId: number): { name: string; orientation: Orientation } {
    try {
      const e = this.obs.service.entry(instanceId);
      return { name: e.conn.name, orientation: e.conn.settings.orientation };
    } catch {
      return { name: `#${instanceId}`, orientation: 'landscape' };
    }
  }

  /** Throws the translated not_found when an OBS connection does not exist. */
  requireConnection(instanceId: number): void {
    this.obs.service.entry(instanceId);
  }

  /**
   * While OBS records, marks a chapter for the cue (so replay clips are easy to cut). Only OBS 30.2+
   * has chapter markers (and only for the Hybrid MP4 format); older ones answer `unsupported`.
   */
  async chapter(
    instanceId: number | null,
    name: string,
  ): Promise<'added' | 'not_recording' | 'unsupported' | 'failed'> {
    const c = this.connected(instanceId);
    if (!c.entry) return 'not_recording';
    if (!c.entry.conn.tracker.current.outputs.record.active) return 'not_recording';
    if (!supportsChapters(c.entry.conn.status.obsVersion)) return 'unsupported';
    try {
      await this.obs.service.run(c.entry, () =>
        c.entry.conn.require().call('CreateRecordChapter', { chapterName: name }),
      );
      return 'added';
    } catch (err) {
      this.log.warn('chapter marker not added', { err });
      return 'failed';
    }
  }

  /** Studio mode: put the camera's scene on preview so the operator sees the shot before GO. */
  async preview(instanceId: number | null, cameraPreset: string): Promise<ObsOutcome> {
    const c = this.connected(instanceId);
    if (!c.entry) return c.outcome;
    if (!c.entry.conn.tracker.current.studioMode) return skipped('showday:obs.noStudioMode');
    const scene = this.programScene(instanceId, cameraPreset);
    if (!scene) return skipped('showday:obs.noCamera', { preset: cameraPreset });
    try {
      await this.obs.service.run(c.entry, () => c.entry.control.setPreview(scene));
      return { state: 'applied', key: null, params: {} };
    } catch (err) {
      return failure(err);
    }
  }

  /** Camera N (1–9) in the order of the OBS page. */
  async camera(instanceId: number | null, key: number): Promise<void> {
    const c = this.connected(instanceId);
    if (!c.entry)
      // The same code as every other operation that needs OBS (obs.camera, obs.setProgram …).
      throw new ApiFailure('unavailable', 'No connected OBS for the show', {
        key: c.outcome.key!,
        params: c.outcome.params as Record<string, string | number>,
      });
    const cam = this.obs.service.cameras(instanceId!)[key - 1];
    if (!cam)
      throw new ApiFailure('not_found', `No camera ${key}`, {
        key: 'showday:errors.noCamera',
        params: { key },
      });
    await this.obs.service.run(c.entry, () => c.entry.control.camera(cam.preset));
  }
}

/** OBS added CreateRecordChapter in 30.2. */
export function supportsChapters(obsVersion: string | null): boolean {
  const [major = 0, minor = 0] = (obsVersion ?? '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  return major > 30 || (major === 30 && minor >= 2);
}
