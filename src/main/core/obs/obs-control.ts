import { RequestBatchExecutionType } from 'obs-websocket-js/json';
import type { Camera, Cue, OutputState } from '@shared/api/domains/obs';
import type { ObsConnection } from './obs-connection';
import { ObsError, RequestStatus } from './obs-errors';
import type { BatchRequest, ObsSession } from './obs-session';

/** Scene, transition, camera, output and audio control of one connected OBS. */
export class ObsControl {
  constructor(
    private readonly conn: ObsConnection,
    private readonly cameras: () => Camera[],
  ) {}

  private get session(): ObsSession {
    return this.conn.require();
  }

  async setProgram(sceneName: string): Promise<void> {
    await this.session.call('SetCurrentProgramScene', { sceneName });
    this.conn.tracker.patch({ program: sceneName });
  }

  async setPreview(sceneName: string): Promise<void> {
    await this.session.call('SetCurrentPreviewScene', { sceneName });
    this.conn.tracker.patch({ preview: sceneName });
  }

  async studioMode(enabled: boolean): Promise<void> {
    const s = this.session;
    await s.call('SetStudioModeEnabled', { studioModeEnabled: enabled });
    // OBS switches modes on its UI thread after answering: read the preview a moment later.
    this.conn.tracker.patch({
      studioMode: enabled,
      preview: enabled ? this.conn.tracker.current.program : null,
    });
    this.conn.tracker.settleScenes(s, [100, 400]);
  }

  async transition(name?: string, durationMs?: number): Promise<void> {
    const requests: BatchRequest[] = [];
    if (name)
      requests.push({ requestType: 'SetCurrentSceneTransition', requestData: { transitionName: name } });
    if (durationMs !== undefined)
      requests.push({
        requestType: 'SetCurrentSceneTransitionDuration',
        requestData: { transitionDuration: durationMs },
      });
    await this.runBatch(requests, RequestBatchExecutionType.SerialRealtime);
    const cur = this.conn.tracker.current.transition;
    this.conn.tracker.patch({
      transition: { name: name ?? cur.name, durationMs: durationMs ?? cur.durationMs },
    });
  }

  /** Studio mode: preview goes to program with the current transition. */
  async take(): Promise<void> {
    const s = this.session;
    await s.call('TriggerStudioModeTransition');
    const duration = this.conn.tracker.current.transition.durationMs ?? 300;
    this.conn.tracker.settleScenes(s, [100, duration + 200]);
  }

  /**
   * A cut: with the transition switched to the `cut_transition` kind for this one take and
   * back, all in one batch. Outside studio mode, cuts to `sceneName`.
   */
  async cut(sceneName?: string): Promise<void> {
    const st = this.conn.tracker.current;
    const cutName = st.transitions.find((t) => t.kind === 'cut_transition')?.name;
    const current = st.transition.name;
    if (!st.studioMode && !sceneName)
      throw new ObsError('request_failed', 'not in studio mode: name the scene to cut to', { status: 506 });
    const go: BatchRequest = st.studioMode
      ? { requestType: 'TriggerStudioModeTransition' }
      : { requestType: 'SetCurrentProgramScene', requestData: { sceneName: sceneName! } };
    if (!cutName || cutName === current) await this.runBatch([go]);
    else
      await this.runBatch([
        { requestType: 'SetCurrentSceneTransition', requestData: { transitionName: cutName } },
        go,
        { requestType: 'SetCurrentSceneTransition', requestData: { transitionName: current! } },
      ]);
    this.conn.tracker.settleScenes(this.session, [100, 400]);
  }

  /** Switches to a camera preset; a source camera shows its source and hides the other camera sources of its scene. */
  async camera(preset: string): Promise<void> {
    await this.withFreshItems(async () => {
      const requests = await this.cameraRequests(preset);
      if (requests.length === 1) {
        const [r] = requests as [BatchRequest & { requestData?: unknown }];
        await this.session.call(r.requestType, r.requestData as never);
      } else {
        await this.runBatch(requests);
      }
    });
    const cam = this.findCamera(preset);
    if (cam.kind === 'scene') this.conn.tracker.patch({ program: cam.sceneName });
  }

  /** Camera switch plus scene item visibility, as one RequestBatch executed on one frame. */
  async applyCue(cue: Omit<Cue, 'instanceId'>): Promise<CueApplied> {
    let applied: CueApplied = { program: null, missingSources: [] };
    await this.withFreshItems(async () => {
      const requests = cue.cameraPreset ? await this.cameraRequests(cue.cameraPreset) : [];
      const missingSources: string[] = [];
      for (const v of cue.itemVisibility ?? []) {
        // A source missing from OBS is reported, and never keeps the ones that exist from showing.
        const ref = await this.conn.tracker
          .requireItem(this.session, v.sceneName, v.sourceName)
          .catch((err) => {
            if (err instanceof ObsError && err.code === 'not_found') return null;
            throw err;
          });
        if (ref) requests.push(setEnabled(ref.containerName, ref.sceneItemId, v.visible));
        else missingSources.push(v.sourceName);
      }
      // Every request runs even when one fails (a missing camera scene must not leave the overlay
      // items hidden); the first failure is thrown after the whole batch has run.
      await this.runBatch(requests, RequestBatchExecutionType.SerialFrame, false);
      applied = { program: null, missingSources };
    });
    const cam = cue.cameraPreset ? this.findCamera(cue.cameraPreset) : null;
    // What OBS now has on program (outside studio mode), so obs.state agrees when GO returns.
    if (cam?.kind === 'scene' && !this.conn.tracker.current.studioMode) {
      this.conn.tracker.patch({ program: cam.sceneName });
      applied.program = cam.sceneName;
    } else applied.program = this.conn.tracker.current.program;
    return applied;
  }

  /**
   * Runs a change built from resolved scene item ids; when OBS no longer knows an id (the item
   * was re-created between our last look and now), forgets every id and runs it once more.
   * Every request in these batches sets an absolute state, so running one twice is harmless.
   */
  private async withFreshItems(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      const stale =
        err instanceof ObsError &&
        err.code === 'request_failed' &&
        err.detail.status === RequestStatus.ResourceNotFound &&
        err.detail.requestType === 'SetSceneItemEnabled';
      if (!stale) throw err;
      this.conn.tracker.forgetItems();
      await run();
    }
  }

  async stream(action: 'start' | 'stop'): Promise<OutputState> {
    const s = this.session;
    await s.call(action === 'start' ? 'StartStream' : 'StopStream');
    const st = await s.call('GetStreamStatus');
    this.conn.tracker.patchOutputs({
      stream: { active: st.outputActive, reconnecting: st.outputReconnecting },
    });
    return this.conn.tracker.current.outputs;
  }

  async record(action: 'start' | 'stop' | 'pause' | 'resume'): Promise<OutputState> {
    const s = this.session;
    let lastPath = this.conn.tracker.current.outputs.record.lastPath;
    if (action === 'start') await s.call('StartRecord');
    if (action === 'pause') await s.call('PauseRecord');
    if (action === 'resume') await s.call('ResumeRecord');
    if (action === 'stop') lastPath = (await s.call('StopRecord')).outputPath ?? lastPath;
    const st = await s.call('GetRecordStatus');
    this.conn.tracker.patchOutputs({
      record: { active: st.outputActive, paused: st.outputPaused, lastPath },
    });
    return this.conn.tracker.current.outputs;
  }

  async mute(inputName: string, muted: boolean): Promise<void> {
    await this.session.call('SetInputMute', { inputName, inputMuted: muted });
    const mutes = this.conn.tracker.current.mutes;
    if (mutes.some((m) => m.inputName === inputName))
      this.conn.tracker.patch({ mutes: mutes.map((m) => (m.inputName === inputName ? { ...m, muted } : m)) });
  }

  /** Inputs that carry audio (microphones, media), by name. */
  async audioInputNames(): Promise<string[]> {
    const s = this.session;
    const { inputs } = await s.call('GetInputList');
    const names = inputs.map((i) => String(i.inputName));
    const withAudio = await Promise.all(
      names.map(async (inputName) => {
        try {
          await s.call('GetInputMute', { inputName });
          return inputName;
        } catch (err) {
          if (err instanceof ObsError && err.code === 'request_failed') return null; // no audio
          throw err;
        }
      }),
    );
    return withAudio.filter((n): n is string => n !== null);
  }

  private findCamera(preset: string): Camera {
    const cam = this.cameras().find((c) => c.preset === preset);
    if (!cam) throw new ObsError('not_found', `no camera preset named ${preset}`);
    return cam;
  }

  private async cameraRequests(preset: string): Promise<BatchRequest[]> {
    const cam = this.findCamera(preset);
    if (cam.kind === 'scene')
      return [{ requestType: 'SetCurrentProgramScene', requestData: { sceneName: cam.sceneName } }];
    const s = this.session;
    const target = await this.conn.tracker.requireItem(s, cam.sceneName, cam.sourceName ?? '');
    const siblings = this.cameras().filter(
      (c) => c.kind === 'source' && c.sceneName === cam.sceneName && c.preset !== cam.preset && c.sourceName,
    );
    const requests: BatchRequest[] = [];
    // Show the new camera first, then hide the others, so the frame is never empty.
    requests.push(setEnabled(target.containerName, target.sceneItemId, true));
    for (const other of siblings) {
      if (other.sourceName === cam.sourceName) continue;
      const ref = await this.conn.tracker.resolveItem(s, other.sceneName, other.sourceName!);
      if (ref) requests.push(setEnabled(ref.containerName, ref.sceneItemId, false));
    }
    return requests;
  }

  private async runBatch(
    requests: BatchRequest[],
    executionType = RequestBatchExecutionType.SerialFrame,
    haltOnFailure = true,
  ): Promise<void> {
    if (requests.length === 0) return;
    const results = await this.session.batch(requests, { executionType, haltOnFailure });
    const failed = results.find((r) => !r.ok);
    if (failed)
      throw new ObsError('request_failed', `${failed.requestType}: ${failed.comment ?? failed.code}`, {
        status: failed.code,
        requestType: failed.requestType,
      });
    if (results.length < requests.length)
      throw new ObsError('request_failed', 'OBS did not run every request of the batch');
  }
}

/** What a cue did: the program scene OBS has now, and overlay sources OBS did not have. */
export interface CueApplied {
  program: string | null;
  missingSources: string[];
}

const setEnabled = (sceneName: string, sceneItemId: number, enabled: boolean): BatchRequest => ({
  requestType: 'SetSceneItemEnabled',
  requestData: { sceneName, sceneItemId, sceneItemEnabled: enabled },
});
