import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObsError } from './obs-errors';
import { EventSubscription } from 'obs-websocket-js/json';
import { ObsSession, STUDIO_EVENTS } from './obs-session';
import { FakeObsServer } from '../../../../test-support/obs/fake-obs-server';

describe('ObsSession (what obs-websocket-js leaves to us)', () => {
  let fake: FakeObsServer;

  beforeEach(async () => {
    fake = new FakeObsServer('pw-' + Math.random().toString(36).slice(2));
    await fake.start();
  });
  afterEach(() => fake.stop());

  const open = (password = fake.password, callTimeoutMs = 300) =>
    ObsSession.open({ url: fake.url, password, connectTimeoutMs: 1000, callTimeoutMs });

  it('times out a call OBS never answers, with a typed error', async () => {
    const s = await open();
    fake.silent = true;
    const t0 = Date.now();
    const err = await s.call('GetSceneList').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ObsError);
    expect((err as ObsError).code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(1000);
    s.close();
  });

  it('rejects every call in flight when the socket closes, and later calls at once', async () => {
    const s = await open(fake.password, 10_000);
    fake.silent = true;
    const calls = [s.call('GetSceneList'), s.call('GetStats'), s.batch([{ requestType: 'GetVersion' }])];
    const settled = Promise.allSettled(calls);
    await new Promise((r) => setTimeout(r, 50));
    await fake.stop();
    const results = await settled;
    expect(results.map((r) => r.status === 'rejected' && (r.reason as ObsError).code)).toEqual([
      'disconnected',
      'disconnected',
      'disconnected',
    ]);
    const late = await s.call('GetStats').catch((e: unknown) => e);
    expect((late as ObsError).code).toBe('not_connected');
    await fake.start(fake.port);
  });

  it('tells a wrong password (permanent) from a refused connection (retryable)', async () => {
    const wrong = await open('nope').catch((e: unknown) => e);
    expect(wrong).toMatchObject({
      code: 'connect_failed',
      detail: { reason: 'auth_failed', permanent: true },
    });
    const port = fake.port;
    await fake.stop();
    const refused = await ObsSession.open({
      url: `ws://127.0.0.1:${port}`,
      password: 'x',
      connectTimeoutMs: 1000,
      callTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'connect_failed', detail: { reason: 'refused' } });
    expect((refused as ObsError).detail.permanent).toBeFalsy();
    await fake.start(port);
  });

  it('subscribes only to the low-volume event categories and removes its listeners on close', async () => {
    const s = await open();
    const highVolume =
      EventSubscription.InputVolumeMeters |
      EventSubscription.InputActiveStateChanged |
      EventSubscription.InputShowStateChanged |
      EventSubscription.SceneItemTransformChanged;
    expect(fake.lastSubscriptions).toBe(STUDIO_EVENTS);
    expect(STUDIO_EVENTS & highVolume).toBe(0);
    expect(STUDIO_EVENTS & EventSubscription.Scenes).toBe(EventSubscription.Scenes);
    let seen = 0;
    s.on('CurrentProgramSceneChanged', () => seen++);
    fake.emit('CurrentProgramSceneChanged', { sceneName: 'Scene' });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toBe(1);
    s.close();
    fake.emit('CurrentProgramSceneChanged', { sceneName: 'Scene' });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toBe(1);
  });
});
