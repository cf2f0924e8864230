import type { HeadlessObs } from '../../test-support/obs/obs-harness';
import type { Studio } from '../../src/main/core/studio';

/**
 * Adds a headless OBS to the studio with two camera presets, `one` and `two`, on the scenes
 * `Cam 1` and `Cam 2` (which the bench creates in OBS itself); returns the connection's id.
 */
export async function addTwoCameraObs(studio: Studio, obs: HeadlessObs, name: string): Promise<number> {
  const { id } = await studio.call('obs.addConnection', {
    name,
    host: '127.0.0.1',
    port: obs.port,
    password: obs.password,
  });
  await studio.call('obs.setCameras', {
    instanceId: id,
    cameras: [
      { preset: 'one', kind: 'scene', sceneName: 'Cam 1', sourceName: null },
      { preset: 'two', kind: 'scene', sceneName: 'Cam 2', sourceName: null },
    ],
  });
  return id;
}
