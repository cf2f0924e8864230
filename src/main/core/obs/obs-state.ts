import type { Camera, ObsState } from '@shared/api/domains/obs';
import { ObsError } from './obs-errors';
import type { ObsSession } from './obs-session';

export interface ItemRef {
  /** The scene or group that holds the item (SetSceneItemEnabled needs the group's name). */
  containerName: string;
  sceneItemId: number;
}

/**
 * What the studio knows about one OBS, re-read after every (re)connect and kept current from
 * OBS events. Scene item ids are resolved by name per session and dropped whenever the scene
 * graph may have changed; they are never kept across a reconnect.
 */
export class ObsStateTracker {
  private state: ObsState;
  private items = new Map<string, Promise<ItemRef | null>>();

  constructor(
    private readonly instanceId: number,
    private readonly deps: {
      cameras(): Camera[];
      audioInputs(): string[];
      changed(state: ObsState): void;
    },
  ) {
    this.state = emptyState(instanceId);
  }

  get current(): ObsState {
    return this.state;
  }

  /** Reads everything the studio depends on; replaces the whole state at once. */
  async resync(session: ObsSession): Promise<void> {
    this.items.clear();
    const [sceneList, studio, transitions, transition, stream, record] = await Promise.all([
      session.call('GetSceneList'),
      session.call('GetStudioModeEnabled'),
      session.call('GetSceneTransitionList'),
      session.call('GetCurrentSceneTransition'),
      session.call('GetStreamStatus'),
      session.call('GetRecordStatus'),
    ]);
    const scenes = sceneList.scenes
      .map((s) => ({ name: String(s.sceneName), index: Number(s.sceneIndex) }))
      .sort((a, b) => b.index - a.index)
      .map((s) => s.name);
    const mutes = await Promise.all(
      this.deps
        .audioInputs()
        .map(async (inputName) => ({ inputName, muted: await readMute(session, inputName) })),
    );
    const next: ObsState = {
      instanceId: this.instanceId,
      scenes,
      program: sceneList.currentProgramSceneName ?? null,
      preview: studio.studioModeEnabled ? (sceneList.currentPreviewSceneName ?? null) : null,
      studioMode: studio.studioModeEnabled,
      transitions: transitions.transitions.map((t) => ({
        name: String(t.transitionName),
        kind: String(t.transitionKind),
      })),
      transition: {
        name: transition.transitionName ?? null,
        durationMs: transition.transitionDuration ?? null,
      },
      outputs: {
        stream: { active: stream.outputActive, reconnecting: stream.outputReconnecting },
        record: {
          active: record.outputActive,
          paused: record.outputPaused,
          lastPath: this.state.outputs.record.lastPath,
        },
      },
      mutes,
      cameras: [],
      syncedAt: Date.now(),
    };
    next.cameras = await this.resolveCameras(session, scenes);
    this.state = next;
    this.deps.changed(this.state);
  }

  /** Wires OBS events into the state; the session removes these listeners when it closes. */
  attach(session: ObsSession): void {
    const graphChanged = () => {
      this.items.clear();
    };
    session.on('CurrentProgramSceneChanged', (e) => this.patch({ program: e.sceneName }));
    session.on('CurrentPreviewSceneChanged', (e) => this.patch({ preview: e.sceneName }));
    session.on('StudioModeStateChanged', (e) =>
      this.patch({
        studioMode: e.studioModeEnabled,
        preview: e.studioModeEnabled ? this.state.preview : null,
      }),
    );
    session.on('SceneListChanged', (e) => {
      graphChanged();
      const scenes = (e.scenes as Array<{ sceneName: string; sceneIndex: number }>)
        .slice()
        .sort((a, b) => b.sceneIndex - a.sceneIndex)
        .map((s) => String(s.sceneName));
      this.patch({ scenes });
      void this.refreshCameras(session);
    });
    // OBS 29 announces a created, removed or renamed scene by these alone (no SceneListChanged):
    // keep the list, program and preview names right, or a renamed camera scene looks missing and
    // a renamed-back one stays "not found".
    session.on('SceneCreated', (e) => {
      if (!e.isGroup && !this.state.scenes.includes(e.sceneName))
        this.patch({ scenes: [e.sceneName, ...this.state.scenes] });
    });
    session.on('SceneRemoved', (e) => {
      if (!e.isGroup) this.patch({ scenes: this.state.scenes.filter((n) => n !== e.sceneName) });
      graphChanged();
      void this.refreshCameras(session);
    });
    session.on('SceneNameChanged', (e) => {
      const rename = (n: string | null) => (n === e.oldSceneName ? e.sceneName : n);
      this.patch({
        scenes: this.state.scenes.map((n) => rename(n)!),
        program: rename(this.state.program),
        preview: rename(this.state.preview),
      });
    });
    for (const ev of [
      'SceneCreated',
      'SceneItemCreated',
      'SceneItemRemoved',
      'SceneNameChanged',
      'InputNameChanged',
    ] as const) {
      session.on(ev, () => {
        graphChanged();
        void this.refreshCameras(session);
      });
    }
    // A new scene collection replaces every scene, item and id: read it all again.
    session.on('CurrentSceneCollectionChanged', () => void this.resync(session).catch(() => undefined));
    session.on('CurrentSceneTransitionChanged', (e) =>
      this.patch({ transition: { ...this.state.transition, name: e.transitionName } }),
    );
    session.on('CurrentSceneTransitionDurationChanged', (e) =>
      this.patch({ transition: { ...this.state.transition, durationMs: e.transitionDuration } }),
    );
    // STARTING/STOPPING are transitions: the output is active until STOPPED (as GetRecordStatus says).
    session.on('StreamStateChanged', (e) => {
      const active = outputActive(e.outputState, this.state.outputs.stream.active);
      this.patchOutputs({ stream: { ...this.state.outputs.stream, active } });
    });
    session.on('RecordStateChanged', (e) => {
      const prev = this.state.outputs.record;
      const active = outputActive(e.outputState, prev.active);
      const paused =
        e.outputState === 'OBS_WEBSOCKET_OUTPUT_PAUSED'
          ? true
          : e.outputState === 'OBS_WEBSOCKET_OUTPUT_RESUMED' || !active
            ? false
            : prev.paused;
      const lastPath = (e.outputPath as string | null | undefined) ?? prev.lastPath;
      this.patchOutputs({ record: { active, paused, lastPath } });
    });
    session.on('InputMuteStateChanged', (e) => {
      if (!this.state.mutes.some((m) => m.inputName === e.inputName)) return;
      this.patch({
        mutes: this.state.mutes.map((m) => (m.inputName === e.inputName ? { ...m, muted: e.inputMuted } : m)),
      });
    });
  }

  /** Applies a change the studio itself just made and confirmed (OBS sends the event too). */
  patch(part: Partial<ObsState>): void {
    this.state = { ...this.state, ...part };
    this.deps.changed(this.state);
  }

  patchOutputs(part: Partial<ObsState['outputs']>): void {
    this.patch({ outputs: { ...this.state.outputs, ...part } });
  }

  /**
   * Re-reads program and preview a moment after a studio-mode transition: OBS runs it on its
   * UI thread after answering, and a forced cut does not always announce the scene change.
   */
  settleScenes(session: ObsSession, delaysMs: number[]): void {
    for (const ms of delaysMs) {
      setTimeout(() => {
        if (session.closed) return;
        session.call('GetSceneList').then(
          (l) =>
            this.patch({
              program: l.currentProgramSceneName ?? null,
              preview: this.state.studioMode ? (l.currentPreviewSceneName ?? null) : null,
            }),
          () => undefined,
        );
      }, ms);
    }
  }

  /** Forgets every resolved scene item id (after a disconnect, or when OBS no longer knows one). */
  forgetItems(): void {
    this.items.clear();
  }

  /**
   * Finds a source in a scene by name, looking inside groups too. Cached for this session
   * until the scene graph changes; a missing item resolves to null (not cached as an error).
   */
  resolveItem(session: ObsSession, sceneName: string, sourceName: string): Promise<ItemRef | null> {
    const key = `${sceneName}\u0000${sourceName}`;
    let found = this.items.get(key);
    if (!found) {
      found = findItem(session, sceneName, sourceName);
      this.items.set(key, found);
      found.catch(() => this.items.delete(key));
    }
    return found;
  }

  /** Like resolveItem, but a missing item is a typed not_found error. */
  async requireItem(session: ObsSession, sceneName: string, sourceName: string): Promise<ItemRef> {
    const ref = await this.resolveItem(session, sceneName, sourceName);
    if (!ref) throw new ObsError('not_found', `${sourceName} is not in scene ${sceneName}`);
    return ref;
  }

  /** Re-resolves the cameras (after the operator changed them or OBS changed its scenes). */
  async refreshCameras(session: ObsSession): Promise<void> {
    try {
      this.patch({ cameras: await this.resolveCameras(session, this.state.scenes) });
    } catch {
      // The session closed meanwhile; the next resync reads everything again.
    }
  }

  async refreshMutes(session: ObsSession): Promise<void> {
    const mutes = await Promise.all(
      this.deps
        .audioInputs()
        .map(async (inputName) => ({ inputName, muted: await readMute(session, inputName) })),
    );
    this.patch({ mutes });
  }

  private async resolveCameras(session: ObsSession, scenes: string[]): Promise<ObsState['cameras']> {
    return Promise.all(
      this.deps.cameras().map(async (c, i) => {
        let found = scenes.includes(c.sceneName);
        if (found && c.kind === 'source' && c.sourceName)
          found = (await this.resolveItem(session, c.sceneName, c.sourceName)) !== null;
        return { ...c, key: i + 1, found };
      }),
    );
  }
}

function outputActive(state: string, prev: boolean): boolean {
  if (state === 'OBS_WEBSOCKET_OUTPUT_STOPPED') return false;
  if (state === 'OBS_WEBSOCKET_OUTPUT_STARTING' || state === 'OBS_WEBSOCKET_OUTPUT_STOPPING') return prev;
  return true;
}

async function readMute(session: ObsSession, inputName: string): Promise<boolean | null> {
  try {
    return (await session.call('GetInputMute', { inputName })).inputMuted;
  } catch (err) {
    if (err instanceof ObsError && err.code === 'request_failed') return null; // input gone or renamed
    throw err;
  }
}

async function findItem(session: ObsSession, sceneName: string, sourceName: string): Promise<ItemRef | null> {
  let list: Array<Record<string, unknown>>;
  try {
    list = (await session.call('GetSceneItemList', { sceneName })).sceneItems;
  } catch (err) {
    if (err instanceof ObsError && err.code === 'request_failed') return null;
    throw err;
  }
  const direct = list.find((i) => i.sourceName === sourceName);
  if (direct) return { containerName: sceneName, sceneItemId: Number(direct.sceneItemId) };
  for (const group of list.filter((i) => i.isGroup === true)) {
    const groupName = String(group.sourceName);
    const inner = (await session.call('GetGroupSceneItemList', { sceneName: groupName })).sceneItems;
    const hit = inner.find((i) => i.sourceName === sourceName);
    if (hit) return { containerName: groupName, sceneItemId: Number(hit.sceneItemId) };
  }
  return null;
}

export function emptyState(instanceId: number): ObsState {
  return {
    instanceId,
    scenes: [],
    program: null,
    preview: null,
    studioMode: false,
    transitions: [],
    transition: { name: null, durationMs: null },
    outputs: {
      stream: { active: false, reconnecting: false },
      record: { active: false, paused: false, lastPath: null },
    },
    mutes: [],
    cameras: [],
    syncedAt: 0,
  };
}
