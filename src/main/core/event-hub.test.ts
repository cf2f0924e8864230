import { describe, expect, it } from 'vitest';
import { EventHub } from './event-hub';
import { LogHub } from './logging/log-hub';
import { Studio } from './studio';

describe('EventHub', () => {
  it('logs what a listener throws, with the event and the area, and still calls the others', () => {
    const logs = new LogHub();
    const hub = new EventHub(logs.logger('events'));
    const seen: string[] = [];
    hub.on(
      'rundown.changed',
      () => {
        throw new Error('cue table locked');
      },
      'showday',
    );
    hub.on('rundown.changed', () => seen.push('overlays'), 'overlays');
    hub.onAny((event) => seen.push(`any:${event}`), 'console');
    hub.emit('rundown.changed', { showId: 7 });
    expect(seen).toEqual(['overlays', 'any:rundown.changed']);
    const [line] = logs.recent(10, 'error');
    expect(line).toMatchObject({ logger: 'events', message: 'event listener failed' });
    expect(line!.fields).toMatchObject({ event: 'rundown.changed', area: 'showday' });
    expect(JSON.stringify(line!.fields)).toContain('cue table locked');
  });

  it('does not loop when a listener of the log line itself throws', () => {
    const logs = new LogHub();
    const hub = new EventHub(logs.logger('events'));
    logs.onLine((line) => hub.emit('log.line', line));
    hub.on('log.line', () => {
      throw new Error('window gone');
    });
    hub.emit('rundown.changed', { showId: 1 });
    hub.on('rundown.changed', () => {
      throw new Error('boom');
    });
    hub.emit('rundown.changed', { showId: 1 });
    expect(logs.recent(10, 'error').map((l) => l.fields?.event)).toEqual(['rundown.changed']);
  });

  it("is the studio's hub: a failing listener shows in the studio log", () => {
    const studio = new Studio({ dataDir: null, mode: 'headless', log: { sink: () => undefined } });
    studio.events.on(
      'settings.changed',
      () => {
        throw new Error('stale window');
      },
      'ipc',
    );
    studio.events.emit('settings.changed', {} as never);
    expect(studio.logs.recent(10, 'error', 'events')[0]?.fields).toMatchObject({
      event: 'settings.changed',
      area: 'ipc',
    });
  });
});
