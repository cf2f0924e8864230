import { describe, expect, it } from 'vitest';
import { LogHub, redact } from './log-hub';

describe('LogHub', () => {
  it('keeps a bounded ring of named lines, oldest first', () => {
    const hub = new LogHub({ ringSize: 3 });
    const obs = hub.logger('obs');
    for (let i = 0; i < 5; i++) obs.info(`line ${i}`);
    expect(hub.recent(10).map((l) => l.message)).toEqual(['line 2', 'line 3', 'line 4']);
  });

  it('filters by level and by logger including children', () => {
    const hub = new LogHub();
    hub.logger('orders').child('kuaishou').warn('throttled');
    hub.logger('orders').debug('tick');
    hub.logger('obs').error('down');
    expect(hub.recent(10, 'warn').map((l) => l.logger)).toEqual(['orders:kuaishou', 'obs']);
    expect(hub.recent(10, 'debug', 'orders').map((l) => l.message)).toEqual(['throttled', 'tick']);
  });

  it('never writes secrets', () => {
    const hub = new LogHub();
    hub
      .logger('orders')
      .info('auth', { appKey: 'k1', appSecret: 's3cret', nested: { access_token: 't0k' }, shop: 'A' });
    const text = JSON.stringify(hub.recent(1));
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('t0k');
    expect(text).toContain('"shop":"A"');
    expect(redact({ password: 'x' })).toEqual({ password: '[redacted]' });
  });

  it('redacts known secret fields by name, at any depth, and keeps ordinary fields ending in key', () => {
    const secrets = {
      password: 'p1',
      appSecret: 'p2',
      sign_secret: 'p3',
      accessToken: 'p4',
      refresh_token: 'p5',
      pushKey: 'p6',
      messageKey: 'p7',
      Cookie: 'p8',
      authorization: 'p9',
      'event-sign': 'p10',
      obsPassword: 'p11',
      list: [{ token: 'p12' }],
    };
    const text = JSON.stringify(redact({ outer: secrets, ...secrets }));
    for (let i = 1; i <= 12; i++) expect(text).not.toContain(`"p${i}"`);
    // "GO: OBS did not switch" keeps its reason key; neither is an app key, a design or a signal a secret.
    const plain = { reasonKey: 'obs.goFailed', appKey: 'app-1', design: 'd', signal: 's', sortKey: 3 };
    expect(redact({ ...plain, nested: plain })).toEqual({ ...plain, nested: plain });
  });

  it('warns about slow operations', () => {
    const hub = new LogHub();
    hub.logger('db').timed('slow query', -1, () => 1);
    expect(hub.recent(1)[0]).toMatchObject({ level: 'warn', message: 'slow: slow query' });
  });

  it('keeps logging when a listener throws', () => {
    const hub = new LogHub();
    const seen: string[] = [];
    hub.onLine(() => {
      throw new Error('broken listener');
    });
    hub.onLine((l) => seen.push(l.message));
    hub.logger('x').info('still here');
    expect(seen).toEqual(['still here']);
  });
});
