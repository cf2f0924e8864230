import { describe, expect, it } from 'vitest';
import { ObsError } from './obs-errors';
import type { ObsSession } from './obs-session';
import { SceneShotCache } from './obs-thumbnails';

/** A session that answers GetSourceScreenshot and counts the calls. */
function fakeSession(missing: string[] = []) {
  const calls: string[] = [];
  const session = {
    call: (_type: string, data: { sourceName: string }) => {
      calls.push(data.sourceName);
      if (missing.includes(data.sourceName))
        return Promise.reject(new ObsError('request_failed', 'no source', { status: 600 }));
      return Promise.resolve({ imageData: `shot-of-${data.sourceName}` });
    },
  } as unknown as ObsSession;
  return { session, calls };
}

describe('SceneShotCache (composite preview screenshots)', () => {
  it('shares one GetSourceScreenshot per scene and width within the interval, then takes a new one', async () => {
    let now = 1_000;
    const cache = new SceneShotCache(200, () => now);
    const { session, calls } = fakeSession();
    const [a, b] = await Promise.all([cache.get(session, 'Wide', 640), cache.get(session, 'Wide', 640)]);
    expect(a).toEqual({ sceneName: 'Wide', imageData: 'shot-of-Wide', at: 1_000 });
    expect(b).toBe(a);
    now += 199;
    expect(await cache.get(session, 'Wide', 640)).toBe(a);
    await cache.get(session, 'Close', 640);
    await cache.get(session, 'Wide', 320);
    expect(calls).toEqual(['Wide', 'Close', 'Wide']);
    now += 1;
    expect((await cache.get(session, 'Wide', 640)).at).toBe(1_200);
    expect(calls).toHaveLength(4);
  });

  it('answers a scene OBS no longer has with no image (the neutral stage), other failures throw', async () => {
    const cache = new SceneShotCache(200, () => 0);
    const { session } = fakeSession(['Gone']);
    expect(await cache.get(session, 'Gone', 640)).toEqual({ sceneName: 'Gone', imageData: null, at: 0 });
    const broken = {
      call: () => Promise.reject(new ObsError('disconnected', 'socket closed')),
    } as unknown as ObsSession;
    await expect(cache.get(broken, 'Wide', 640)).rejects.toMatchObject({ code: 'disconnected' });
  });
});
