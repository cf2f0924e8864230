import { describe, expect, it } from 'vitest';
import { checkHostAndOrigin, isAllowedHost, presentedToken } from './request-guard';

const loopback = { port: 4790, lanAccess: false };
const lan = { port: 4790, lanAccess: true };
const req = (headers: Record<string, string>) => ({ headers });

describe('host and origin checks', () => {
  it('accepts loopback names on our port only', () => {
    expect(isAllowedHost('127.0.0.1:4790', loopback)).toBe(true);
    expect(isAllowedHost('localhost:4790', loopback)).toBe(true);
    expect(isAllowedHost('[::1]:4790', loopback)).toBe(true);
    expect(isAllowedHost('127.0.0.1:4791', loopback)).toBe(false);
    expect(isAllowedHost('127.0.0.1', loopback)).toBe(false);
  });

  it('refuses DNS names (rebinding), and LAN IPs unless LAN access is on', () => {
    expect(isAllowedHost('attacker.example:4790', loopback)).toBe(false);
    expect(isAllowedHost('attacker.example:4790', lan)).toBe(false);
    expect(isAllowedHost('192.168.1.20:4790', loopback)).toBe(false);
    expect(isAllowedHost('192.168.1.20:4790', lan)).toBe(true);
    expect(isAllowedHost('localhost.attacker.example:4790', lan)).toBe(false);
  });

  it('requires a present Origin to be the same host', () => {
    expect(checkHostAndOrigin(req({ host: '127.0.0.1:4790' }), loopback)).toEqual({ ok: true });
    expect(
      checkHostAndOrigin(req({ host: '127.0.0.1:4790', origin: 'http://127.0.0.1:4790' }), loopback),
    ).toEqual({
      ok: true,
    });
    expect(
      checkHostAndOrigin(req({ host: '127.0.0.1:4790', origin: 'http://evil.example' }), loopback),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(checkHostAndOrigin(req({ host: '127.0.0.1:4790', origin: 'null' }), loopback)).toMatchObject({
      ok: false,
    });
    expect(checkHostAndOrigin(req({}), loopback)).toMatchObject({ ok: false, status: 400 });
  });

  it('reads the token from the bearer header, the query, or the cookie', () => {
    expect(presentedToken({ headers: { authorization: 'Bearer abc' }, url: '/' }, 'c')).toBe('abc');
    expect(presentedToken({ headers: {}, url: '/x?token=q1' }, 'c')).toBe('q1');
    expect(presentedToken({ headers: { cookie: 'a=1; c=k%2F2' }, url: '/' }, 'c')).toBe('k/2');
    expect(presentedToken({ headers: {}, url: '/' }, 'c')).toBeUndefined();
  });
});
