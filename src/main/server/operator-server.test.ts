import http from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Studio } from '../core/studio';
import type { OperatorServer } from './operator-server';
import {
  operatorServerPerTest,
  type OperatorServerFixture,
} from '../../../test-support/core/operator-server-fixture';

let fx: OperatorServerFixture;
let studio: Studio;
let server: OperatorServer;
let dataDir: string;

operatorServerPerTest('shelfcast-console-', (started) => {
  fx = started;
  ({ studio, server, dataDir } = started);
});

const token = () => fx.token();

function request(
  pathname: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        method: init.method ?? 'GET',
        headers: init.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

function openWs(headers: Record<string, string> = {}, query = `?token=${token()}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextFrame(
  ws: WebSocket,
  match: (f: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const on = (data: WebSocket.RawData) => {
      const f = JSON.parse(data.toString()) as Record<string, unknown>;
      if (match(f)) {
        ws.off('message', on);
        resolve(f);
      }
    };
    ws.on('message', on);
  });
}

describe('console server', () => {
  it('refuses requests without the token, with a wrong token, or through a foreign Host/Origin', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await request('/?token=wrong')).status).toBe(401);
    expect((await request('/', { headers: { Host: `rebind.example:${server.port}` } })).status).toBe(403);
    expect((await request(`/?token=${token()}`, { headers: { Origin: 'http://evil.example' } })).status).toBe(
      403,
    );
    const api = await request('/api/v1/system.info', {
      method: 'POST',
      headers: { Authorization: 'Bearer nope' },
    });
    expect(api.status).toBe(401);
  });

  it('trades the URL token for an HttpOnly cookie and then serves the UI', async () => {
    const first = await request(`/?token=${token()}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = first.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await request('/', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('ShelfCast test');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const traversal = await request('/../../../etc/passwd', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(traversal.body).not.toContain('root:');
  });

  it('runs operations over HTTP with typed errors', async () => {
    const auth = { Authorization: `Bearer ${token()}` };
    const ok = await request('/api/v1/system.info', { method: 'POST', headers: auth, body: '{}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { app: 'ShelfCast', dataDir } });
    const bad = await request('/api/v1/log.recent', { method: 'POST', headers: auth, body: '{"limit":-1}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const notJson = await request('/api/v1/system.info', { method: 'POST', headers: auth, body: '{oops' });
    expect(notJson.status).toBe(400);
    const unknown = await request('/api/v1/nope.nope', { method: 'POST', headers: auth });
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'unknown_operation' } });
  });

  it('round-trips calls and pushes subscribed events over the WebSocket bridge', async () => {
    const ws = await openWs();
    ws.send(JSON.stringify({ type: 'call', id: 7, op: 'system.info', input: {} }));
    const result = await nextFrame(ws, (f) => f.type === 'result');
    expect(result).toMatchObject({ id: 7, result: { ok: true, value: { mode: 'headless', dataDir } } });

    ws.send(JSON.stringify({ type: 'subscribe', event: 'settings.changed' }));
    ws.send(
      JSON.stringify({ type: 'call', id: 8, op: 'settings.update', input: { studioName: '陇原好物' } }),
    );
    const event = await nextFrame(ws, (f) => f.type === 'event');
    expect(event).toMatchObject({ event: 'settings.changed', payload: { studioName: '陇原好物' } });
    ws.close();
  });

  it('answers malformed frames with an error frame and keeps the connection', async () => {
    const ws = await openWs();
    ws.send('not json');
    expect(await nextFrame(ws, (f) => f.type === 'error')).toMatchObject({ error: { code: 'bad_request' } });
    ws.send(JSON.stringify({ type: 'call', id: 'x' }));
    expect(await nextFrame(ws, (f) => f.type === 'error')).toMatchObject({ error: { code: 'bad_request' } });
    ws.send(JSON.stringify({ type: 'call', id: 1, op: 'system.status', input: {} }));
    expect(await nextFrame(ws, (f) => f.type === 'result')).toMatchObject({ result: { ok: true } });
    ws.close();
  });

  it('refuses WebSocket upgrades without the token or from a foreign Origin', async () => {
    await expect(openWs({}, '')).rejects.toThrow(/401/);
    await expect(openWs({ Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openWs({ Host: `evil.example:${server.port}` })).rejects.toThrow(/403/);
  });

  it('closes open sessions when the token is replaced', async () => {
    const ws = await openWs();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const old = token();
    const access = await studio.call('access.rotateToken', {});
    expect(await closed).toBe(4001);
    expect(access.urls[0]).not.toContain(old);
    await expect(openWs({}, `?token=${old}`)).rejects.toThrow(/401/);
  });

  it('gives each role link its own token; read-only roles cannot change anything', async () => {
    const desk = await studio.call('access.createRoleLink', { role: 'datadesk', label: '数据台' });
    const deskToken = new URL(desk.url).searchParams.get('token')!;
    expect(deskToken).not.toBe(token());
    const auth = { Authorization: `Bearer ${deskToken}` };

    const who = await request('/api/v1/access.whoami', { method: 'POST', headers: auth, body: '{}' });
    expect(JSON.parse(who.body)).toMatchObject({ ok: true, value: { role: 'datadesk', label: '数据台' } });
    const read = await request('/api/v1/system.status', { method: 'POST', headers: auth, body: '{}' });
    expect(read.status).toBe(200);

    // Every control operation of the contract is refused over HTTP and over the WebSocket.
    const { operations } = await import('@shared/api/contract');
    const control = Object.entries(operations)
      .filter(([, d]) => d.access === 'control')
      .map(([n]) => n);
    expect(control.length).toBeGreaterThan(3);
    for (const op of control) {
      const r = await request(`/api/v1/${op}`, { method: 'POST', headers: auth, body: '{}' });
      expect([op, r.status, JSON.parse(r.body).error?.code]).toEqual([op, 403, 'forbidden']);
    }
    const ws = await openWs({}, `?token=${deskToken}`);
    ws.send(JSON.stringify({ type: 'call', id: 1, op: 'settings.update', input: { studioName: 'hijack' } }));
    expect(await nextFrame(ws, (f) => f.type === 'result')).toMatchObject({
      result: { error: { code: 'forbidden' } },
    });
    expect(studio.settings.get().studioName).toBe('ShelfCast');

    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await studio.call('access.revokeRoleLink', { id: desk.id });
    expect(await closed).toBe(4001);
    expect((await request('/api/v1/settings.get', { method: 'POST', headers: auth })).status).toBe(401);
    // The operator's own link is untouched.
    expect(
      (
        await request('/api/v1/settings.get', {
          method: 'POST',
          headers: { Authorization: `Bearer ${token()}` },
        })
      ).status,
    ).toBe(200);
  });

  it('keeps a read-only link to the events of its view, narrowed like its answers', async () => {
    const guest = await studio.call('access.createRoleLink', { role: 'guest', label: '阿依古丽' });
    const ws = await openWs({}, `?token=${new URL(guest.url).searchParams.get('token')!}`);
    ws.send(JSON.stringify({ type: 'subscribe', event: 'log.line' }));
    expect(await nextFrame(ws, (f) => f.type === 'error')).toMatchObject({
      error: { code: 'forbidden', key: 'common:access.notInScope' },
    });
    ws.send(JSON.stringify({ type: 'subscribe', event: 'system.statusChanged' }));
    ws.send(JSON.stringify({ type: 'call', id: 1, op: 'access.whoami', input: {} }));
    await nextFrame(ws, (f) => f.type === 'result');
    const event = nextFrame(ws, (f) => f.type === 'event');
    studio.status.set('obs', 'error', 'status.detail.obsFailed', { host: '192.168.1.20:4455' });
    expect(await event).toMatchObject({
      event: 'system.statusChanged',
      payload: { name: 'obs', state: 'error', detailKey: 'access.statusHidden', params: {} },
    });
    ws.close();
  });

  it('refuses to revoke an unknown link with not_found', async () => {
    const r = await studio.dispatch(
      'access.revokeRoleLink',
      { id: 999 },
      { role: 'operator', transport: 'internal' },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
