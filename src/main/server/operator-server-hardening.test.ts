import http from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LogHub } from '../core/logging/log-hub';
import { PushEventStore } from '../core/orders/push/push-event-store';
import { PushReceiver } from '../core/orders/push/push-receiver';
import type { Studio } from '../core/studio';
import { dbFingerprint } from '../../../test-support/core/db-fingerprint';
import { rawRequest, rawWebSocket } from '../../../test-support/core/raw-http';
import type { OperatorServer } from './operator-server';
import {
  operatorServerPerTest,
  type OperatorServerFixture,
} from '../../../test-support/core/operator-server-fixture';

let fx: OperatorServerFixture;
let studio: Studio;
let server: OperatorServer;

operatorServerPerTest(
  'shelfcast-harden-',
  async (started) => {
    fx = started;
    ({ studio, server } = started);
    // The primary grant is made (written) on first use: use it once, so later fingerprints compare like with like.
    await fetch(`http://${host()}/api/v1/system.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
  },
  { overlays: { port: 0 } },
);

const token = () => fx.token();
const host = () => `127.0.0.1:${server.port}`;
const changes = () => dbFingerprint(studio.database.db);

function post(op: string, body: string | Buffer, auth = token()): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/v1/${op}`,
        method: 'POST',
        headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function stillServing(): Promise<void> {
  const r = await post('system.info', '{}');
  expect(r.status).toBe(200);
}

describe('console: malformed requests', () => {
  it('answers bad request lines, paths and cookies with 400 and a body, and keeps serving', async () => {
    const cases = [
      `GET // HTTP/1.1\r\nHost: ${host()}\r\n\r\n`,
      `POST //[ HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: 0\r\n\r\n`,
      `GET /// HTTP/1.1\r\nHost: ${host()}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${host()}\r\nCookie: shelfcast_token_${server.port}=%ff\r\n\r\n`,
      `POST /api/v1/%ff HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${token()}\r\nContent-Length: 2\r\n\r\n{}`,
      `GET /\x01 HTTP/1.1\r\nHost: ${host()}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${host()}\r\nBad Header\r\n\r\n`,
    ];
    for (const raw of cases) {
      const r = await rawRequest(server.port, raw);
      expect(r.status, raw).toBe(400);
      expect(r.body.length, raw).toBeGreaterThan(0);
    }
    const api = await rawRequest(server.port, cases[4]!);
    expect(JSON.parse(api.body)).toMatchObject({
      ok: false,
      error: { code: 'bad_request', key: 'hardening.errors.malformedRequest' },
    });
    await stillServing();
  });

  it('refuses malformed WebSocket upgrades with 400 and a body (a crash before)', async () => {
    for (const [target, headers] of [
      ['//', {}],
      ['//[', {}],
      ['/api/ws', { Cookie: `shelfcast_token_${server.port}=%ff` }],
    ] as const) {
      const ws = await rawWebSocket(server.port, target, headers);
      await ws.closed;
      expect(ws.response.status, target).toBe(400);
      expect(ws.response.body, target).toMatch(/malformed/);
    }
    await stillServing();
  });

  it('never redirects to another host (open redirect)', async () => {
    for (const target of [`/.//evil.example?token=${token()}`, `//evil.example/?token=${token()}`]) {
      const r = await rawRequest(server.port, `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
      expect(r.status, target).toBe(400);
      expect(r.head, target).not.toMatch(/\r\nLocation:/i);
    }
    const r = await rawRequest(
      server.port,
      `GET /shelf?token=${token()}&a=1 HTTP/1.1\r\nHost: ${host()}\r\n\r\n`,
    );
    expect(r.status).toBe(303);
    expect(/\r\nLocation: ([^\r]*)/i.exec(r.head)?.[1]).toBe('/shelf?a=1');
  });
});

describe('console: bounded input', () => {
  it('answers a body over 16 MiB with 413 and a clear JSON error, not a reset', async () => {
    const before = changes();
    const r = await post('orders.resolveUnmapped', Buffer.alloc(17 * 1024 * 1024, 0x20));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({
      ok: false,
      error: { code: 'bad_request', key: 'hardening.errors.bodyTooLarge', params: { limitMiB: 16 } },
    });
    expect(changes()).toBe(before);
    await stillServing();
  });

  it('answers a WebSocket frame over 16 MiB with an error frame', async () => {
    const ws = new WebSocket(`ws://${host()}/api/ws?token=${token()}`);
    await new Promise((r) => ws.once('open', r));
    const error = new Promise<Record<string, unknown>>((resolve) =>
      ws.on('message', (d: WebSocket.RawData) => {
        const f = JSON.parse(d.toString()) as Record<string, unknown>;
        if (f.type === 'error') resolve(f);
      }),
    );
    ws.send(' '.repeat(16 * 1024 * 1024 + 1));
    expect(await error).toMatchObject({ error: { key: 'hardening.errors.bodyTooLarge' } });
    ws.close();
  });

  it('refuses a long SKU id, a lone surrogate and a blank secret, and writes nothing', async () => {
    const before = changes();
    const sku = await post(
      'orders.resolveUnmapped',
      JSON.stringify({ platform: 'kuaishou', skuId: 'x'.repeat(1024 * 1024), productId: 1 }),
    );
    expect(sku.status).toBe(400);
    expect(JSON.parse(sku.body).error.issues).toEqual([
      expect.objectContaining({ path: 'skuId', reason: 'too_big_string', params: { limit: 256 } }),
    ]);
    const lone = await post('settings.update', '{"studioName":"Studio \\ud800"}');
    expect(lone.status).toBe(400);
    expect(JSON.parse(lone.body).error.issues).toEqual([
      expect.objectContaining({ path: 'studioName', reason: 'hardening.loneSurrogate' }),
    ]);
    const blank = await post(
      'shops.save',
      JSON.stringify({ platform: 'kuaishou', shopId: 's1', label: 'S', appKey: 'k', appSecret: ' \t ' }),
    );
    expect(blank.status).toBe(400);
    expect(JSON.parse(blank.body).error.issues).toEqual([
      expect.objectContaining({ path: 'appSecret', reason: 'hardening.blankSecret' }),
    ]);
    expect(changes()).toBe(before);
  });
});

describe('console: revocation is immediate', () => {
  it('a socket that ignores the close frame can do nothing after access.rotateToken', async () => {
    const old = token();
    const ws = await rawWebSocket(server.port, `/api/ws?token=${old}`);
    expect(ws.response.status).toBe(101);
    await ws.nextText((t) => t.includes('"hello"'));
    const rotated = await post('access.rotateToken', '{}', old);
    expect(rotated.status).toBe(200);
    const studioName = studio.settings.get().studioName;
    // The old operator keeps sending as if nothing happened.
    ws.sendText(
      JSON.stringify({ type: 'call', id: 1, op: 'access.createRoleLink', input: { role: 'operator' } }),
    );
    ws.sendText(
      JSON.stringify({ type: 'call', id: 2, op: 'settings.update', input: { studioName: 'Taken' } }),
    );
    await ws.closed;
    expect(server.roleLinks()).toEqual([]);
    expect(studio.settings.get().studioName).toBe(studioName);
    expect(ws.frames.some((f) => f.opcode === 1 && f.data.toString().includes('"result"'))).toBe(false);
    expect(ws.frames.some((f) => f.opcode === 8)).toBe(true);
  });

  it('a socket of a revoked role link can do nothing after the revocation', async () => {
    const link = server.createRoleLink('operator', 'tablet');
    const linkToken = new URL(link.url).searchParams.get('token')!;
    const ws = await rawWebSocket(server.port, `/api/ws?token=${linkToken}`);
    await ws.nextText((t) => t.includes('"hello"'));
    ws.sendText(JSON.stringify({ type: 'call', id: 1, op: 'access.whoami', input: {} }));
    await ws.nextText((t) => t.includes('"result"'));
    const revoked = await post('access.revokeRoleLink', JSON.stringify({ id: link.id }));
    expect(revoked.status).toBe(200);
    ws.sendText(
      JSON.stringify({ type: 'call', id: 2, op: 'access.createRoleLink', input: { role: 'operator' } }),
    );
    await ws.closed;
    expect(server.roleLinks()).toEqual([]);
    expect(ws.frames.filter((f) => f.opcode === 1 && f.data.toString().includes('"result"'))).toHaveLength(1);
  });
});

describe('overlay server and push receiver: malformed requests', () => {
  const cases = (port: number) => [
    `GET // HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    `POST //[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\n\r\n`,
    `GET /// HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    `GET / HTTP/1.1\r\n\r\n`,
  ];

  it('the overlay server answers 400 with a body and keeps serving (a crash before)', async () => {
    const port = studio.overlays.server.port;
    for (const raw of cases(port)) {
      const r = await rawRequest(port, raw);
      expect(r.status, raw).toBe(400);
      expect(r.body.length, raw).toBeGreaterThan(0);
    }
    const ws = await rawWebSocket(port, '//');
    await ws.closed;
    expect(ws.response.status).toBe(400);
    expect(ws.response.body).toMatch(/malformed/);
    const ok = await rawRequest(port, `GET /assets/none.js HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(ok.status).toBe(404);
  });

  it('the push receiver answers 400 with a body and keeps serving (a crash before)', async () => {
    const push = new PushReceiver({
      settings: { host: '127.0.0.1', port: 0 },
      shops: [{ platform: 'douyin', shopId: 'dy-1', appKey: 'k', appSecret: 's' }],
      store: new PushEventStore(studio.database.db),
      onRefetch: () => undefined,
      log: new LogHub().logger('push'),
    });
    await push.start();
    try {
      const port = Number(new URL(push.origin).port);
      for (const raw of cases(port)) {
        const r = await rawRequest(port, raw);
        expect(r.status, raw).toBe(400);
        expect(r.body.length, raw).toBeGreaterThan(0);
      }
      const ok = await rawRequest(
        port,
        `POST /push/douyin/dy-1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`,
      );
      expect(ok.status).toBe(401);
    } finally {
      await push.stop();
    }
  });
});
