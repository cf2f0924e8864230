import { ApiFailure } from '@shared/api/errors';
import type { Handlers } from '../api/dispatcher';
import type { OverlayPage } from '../overlays';
import type { ObsOperationName } from './obs-module';
import type { ObsService } from './obs-service';
import { provisionOverlays, refreshOverlaySource, reloadOverlays } from './overlay-provisioning';

/** API handlers of the OBS area: thin; every OBS failure becomes a typed, translated error. */
export function obsHandlers(
  obs: ObsService,
  overlayPages: () => OverlayPage[],
): Pick<Handlers, ObsOperationName> {
  const on = <T>(instanceId: number, action: (e: ReturnType<ObsService['entry']>) => Promise<T>) => {
    const e = obs.entry(instanceId);
    return obs.run(e, () => action(e));
  };
  return {
    'obs.connections': () => ({ connections: obs.list() }),
    'obs.addConnection': (input) => obs.add(input),
    'obs.updateConnection': ({ id, ...patch }) => obs.update(id, patch),
    'obs.removeConnection': ({ id }) => (obs.remove(id), {}),
    'obs.testConnection': (input) => obs.test(input),
    'obs.retryNow': ({ id }) => obs.retryNow(id),
    'obs.state': ({ instanceId }) => obs.entry(instanceId).conn.tracker.current,
    'obs.setProgram': ({ instanceId, sceneName }) =>
      on(instanceId, (e) => e.control.setProgram(sceneName)).then(done),
    'obs.setPreview': ({ instanceId, sceneName }) =>
      on(instanceId, (e) => e.control.setPreview(sceneName)).then(done),
    'obs.studioMode': ({ instanceId, enabled }) =>
      on(instanceId, (e) => e.control.studioMode(enabled)).then(done),
    'obs.transition': ({ instanceId, name, durationMs }) =>
      on(instanceId, (e) => e.control.transition(name, durationMs)).then(done),
    'obs.take': ({ instanceId }) => on(instanceId, (e) => e.control.take()).then(done),
    'obs.cut': ({ instanceId, sceneName }) => on(instanceId, (e) => e.control.cut(sceneName)).then(done),
    'obs.cameras': ({ instanceId }) => ({ cameras: obs.cameras(instanceId) }),
    'obs.setCameras': async ({ instanceId, cameras }) => ({
      cameras: await obs.setCameras(instanceId, cameras),
    }),
    'obs.camera': ({ instanceId, preset }) => on(instanceId, (e) => e.control.camera(preset)).then(done),
    'obs.thumbnails': ({ instanceId, width }) =>
      on(instanceId, async (e) => ({
        thumbnails: await e.thumbnails.get(e.conn.require(), obs.cameras(instanceId), width),
      })),
    'obs.stream': ({ instanceId, action }) => on(instanceId, (e) => e.control.stream(action)),
    'obs.record': ({ instanceId, action }) => on(instanceId, (e) => e.control.record(action)),
    'obs.health': ({ instanceId }) => obs.entry(instanceId).conn.health,
    'obs.inputs': ({ instanceId }) =>
      on(instanceId, async (e) => ({ inputs: await e.control.audioInputNames() })),
    'obs.setAudioInputs': ({ instanceId, inputs }) => obs.setAudioInputs(instanceId, inputs).then(done),
    'obs.mute': ({ instanceId, inputName, muted }) =>
      on(instanceId, (e) => e.control.mute(inputName, muted)).then(done),
    'obs.applyCue': async (cue) => {
      const applied = await obs.applyCue(cue);
      // The rest of the cue has been applied; still tell the caller what OBS did not have.
      if (applied.missingSources.length > 0)
        throw new ApiFailure('not_found', `not in OBS: ${applied.missingSources.join(', ')}`, {
          key: 'obs:errors.notFoundInObs',
          params: { name: obs.entry(cue.instanceId).conn.name, detail: applied.missingSources.join('、') },
        });
      return {};
    },
    'obs.provisionOverlays': ({ instanceId, scenes, setCanvas }) =>
      on(instanceId, (e) =>
        provisionOverlays(e.conn.require(), overlayPages(), scenes, {
          orientation: obs.orientation(instanceId),
          setCanvas,
        }),
      ),
    'obs.refreshOverlay': ({ instanceId, overlay }) => {
      const page = overlayPages().find((p) => p.id === overlay);
      if (!page)
        throw new ApiFailure('unavailable', 'the overlay server is not running', {
          key: 'obs:obsOrient.errors.noOverlayServer',
        });
      return on(instanceId, async (e) => {
        await refreshOverlaySource(e.conn.require(), page.sourceName);
        return { sourceName: page.sourceName };
      });
    },
    'obs.screenshot': ({ instanceId, sceneName, width }) =>
      on(instanceId, async (e) => {
        const scene = sceneName ?? e.conn.tracker.current.program;
        if (!scene) return { sceneName: '', imageData: null, at: Date.now() };
        return e.shots.get(e.conn.require(), scene, width);
      }),
    'obs.reloadOverlays': ({ instanceId }) =>
      on(instanceId, async (e) => ({ reloaded: await reloadOverlays(e.conn.require()) })),
  };
}

const done = () => ({});
