import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { LogHub } from '../logging/log-hub';
import { guarded, keepRunningOnUncaught } from './guarded';
import { MalformedRequest, decodeComponent, requestTarget, sameOriginLocation } from './http-safety';

describe('requestTarget', () => {
  it('reads every target as a path on our own origin, never as another host', () => {
    expect(requestTarget('/a//b?token=1').pathname).toBe('/a//b');
    expect(requestTarget('/a//b?token=1').searchParams.get('token')).toBe('1');
    expect(requestTarget('/%ff/[').pathname).toBe('/%ff/[');
    expect(requestTarget('/x/..').pathname).toBe('/');
    expect(requestTarget(undefined).pathname).toBe('/');
  });

  it('refuses what is not a path with MalformedRequest, not a TypeError', () => {
    const bad = ['//', '///', '//[', '//evil.example/x', '/.//evil.example?token=t', '/a/..//evil.example'];
    for (const target of [...bad, '*', 'http://evil.example/', '', 'x', `/${'a'.repeat(9000)}`]) {
      expect(() => requestTarget(target), target.slice(0, 20)).toThrow(MalformedRequest);
    }
  });

  it('reports bad percent-encoding as MalformedRequest', () => {
    expect(() => decodeComponent('%ff', 'cookie')).toThrow(MalformedRequest);
    expect(decodeComponent('a%20b', 'cookie')).toBe('a b');
  });

  it('never builds a protocol-relative Location', () => {
    expect(sameOriginLocation('//evil.example', '')).toBe('/evil.example');
    expect(sameOriginLocation('/\\\\evil.example', '?a=1')).toBe('/evil.example?a=1');
    expect(sameOriginLocation('/', '')).toBe('/');
    expect(sameOriginLocation('/shelf', '?x=1')).toBe('/shelf?x=1');
  });
});

describe('guarded handlers', () => {
  it('logs a thrown error and a rejected promise with their area, and returns normally', async () => {
    const hub = new LogHub();
    const log = hub.logger('console');
    const sync = guarded(log, 'server:request', () => {
      throw new Error('boom');
    });
    const async = guarded(log, 'overlays:ping', () => Promise.reject(new Error('later')));
    expect(() => sync()).not.toThrow();
    async();
    await new Promise((r) => setImmediate(r));
    const lines = hub.recent(10, 'error');
    expect(lines.map((l) => [l.message, l.fields?.area, l.fields?.err])).toEqual([
      ['server:request failed', 'server:request', 'boom'],
      ['overlays:ping failed', 'overlays:ping', 'later'],
    ]);
  });

  it('passes arguments through', () => {
    const seen: number[] = [];
    guarded(new LogHub().logger('x'), 'x', (a: number, b: number) => seen.push(a + b))(2, 3);
    expect(seen).toEqual([5]);
  });
});

describe('last-resort handlers of the entry points', () => {
  it('log an uncaught exception and an unhandled rejection and keep the process running', () => {
    const hub = new LogHub();
    const proc = new EventEmitter();
    const uninstall = keepRunningOnUncaught(proc, hub.logger('studio'));
    proc.emit('uncaughtException', new Error('stray'));
    proc.emit('unhandledRejection', new Error('forgotten'));
    expect(hub.recent(10, 'error').map((l) => [l.message, l.fields?.area, l.fields?.err])).toEqual([
      ['uncaught exception (kept running)', 'process', 'stray'],
      ['unhandled promise rejection (kept running)', 'process', 'forgotten'],
    ]);
    uninstall();
    expect(proc.listenerCount('uncaughtException')).toBe(0);
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
  });
});
