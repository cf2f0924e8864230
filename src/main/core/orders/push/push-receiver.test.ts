import { createCipheriv } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/open-database';
import { migrations } from '../../db/migrations';
import { LogHub } from '../../logging/log-hub';
import { douyinPushSign } from './douyin-push';
import type { RefetchRequest } from './push-event';
import { PushEventStore } from './push-event-store';
import {
  DEFAULT_PUSH_SETTINGS,
  PushReceiver,
  pushPath,
  startPushReceiver,
  type PushShop,
} from './push-receiver';

const log = new LogHub().logger('orders').child('push');
const KS_KEY = Buffer.from('0123456789abcdef');
const SHOPS: PushShop[] = [
  { platform: 'kuaishou', shopId: 'ks-1', messageKey: KS_KEY.toString('base64') },
  { platform: 'douyin', shopId: 'dy-1', appKey: 'dyappkey', appSecret: 'dysecret' },
];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDbFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-push-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'studio.db');
}

async function startReceiver(file: string, onRefetch: (r: RefetchRequest) => void) {
  const { db } = openDatabase(file, migrations, log);
  const receiver = new PushReceiver({
    settings: { host: DEFAULT_PUSH_SETTINGS.host, port: 0 },
    shops: SHOPS,
    store: new PushEventStore(db),
    onRefetch,
    log,
  });
  await receiver.start();
  const stop = async () => {
    await receiver.stop();
    closeDatabase(db);
  };
  cleanups.push(stop);
  return { receiver, stop };
}

const ksBody = (msg: object) => {
  const c = createCipheriv('aes-128-cbc', KS_KEY, Buffer.alloc(16));
  return Buffer.concat([c.update(JSON.stringify(msg), 'utf8'), c.final()]).toString('base64');
};

async function post(origin: string, p: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(origin + p, { method: 'POST', body, headers });
  return { status: res.status, body: await res.text() };
}

describe('push receiver', () => {
  it('is off by default (nothing listens) and binds loopback when enabled', async () => {
    expect(DEFAULT_PUSH_SETTINGS).toMatchObject({ enabled: false, host: '127.0.0.1' });
    const { db } = openDatabase(':memory:', migrations, log);
    cleanups.push(() => closeDatabase(db));
    const deps = { shops: SHOPS, store: new PushEventStore(db), onRefetch: () => {}, log };
    expect(await startPushReceiver(DEFAULT_PUSH_SETTINGS, deps)).toBeNull();
    const on = await startPushReceiver({ ...DEFAULT_PUSH_SETTINGS, enabled: true, port: 0 }, deps);
    cleanups.push(() => on?.stop());
    expect(new URL(on!.origin).hostname).toBe('127.0.0.1');
  });

  it('Kuaishou: decrypts, re-fetches once, replies {"result":1}, dedupes across a restart', async () => {
    const file = tempDbFile();
    const seen: RefetchRequest[] = [];
    const first = await startReceiver(file, (r) => seen.push(r));
    const body = ksBody({
      eventId: 'evt-1',
      bizId: '2100000000000000123',
      event: 'kwaishop_order_paySuccess',
    });
    const p = pushPath(SHOPS[0]!);
    expect(await post(first.receiver.origin, p, body)).toEqual({ status: 200, body: '{"result":1}' });
    expect(await post(first.receiver.origin, p, body)).toEqual({ status: 200, body: '{"result":1}' });
    expect(seen.map((r) => [r.shopId, r.orderId, r.eventId])).toEqual([
      ['ks-1', '2100000000000000123', 'evt-1'],
    ]);
    await first.stop();

    const second = await startReceiver(file, (r) => seen.push(r));
    expect(await post(second.receiver.origin, p, body)).toEqual({ status: 200, body: '{"result":1}' });
    expect(seen).toHaveLength(1);
    const next = ksBody({
      eventId: 'evt-2',
      bizId: '2100000000000000124',
      event: 'kwaishop_order_paySuccess',
    });
    await post(second.receiver.origin, p, next);
    expect(seen.map((r) => r.eventId)).toEqual(['evt-1', 'evt-2']);
  });

  it('Kuaishou: a body that does not decrypt under the shop key is refused and triggers nothing', async () => {
    const seen: RefetchRequest[] = [];
    const { receiver } = await startReceiver(':memory:', (r) => seen.push(r));
    const p = pushPath(SHOPS[0]!);
    const forged = Buffer.alloc(64, 9).toString('base64');
    const res = await post(receiver.origin, p, forged);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ result: 0 });
    expect((await post(receiver.origin, p, 'not base64 at all!')).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('Douyin: verifies event-sign, re-fetches each order message once, replies code 0', async () => {
    const seen: RefetchRequest[] = [];
    const { receiver } = await startReceiver(tempDbFile(), (r) => seen.push(r));
    const body = JSON.stringify([
      { tag: '101', msg_id: 'm-1', data: '{"p_id":6900000000000000123}' },
      { tag: '200', msg_id: 'm-2', data: '{"p_id":6900000000000000124,"aftersale_id":5}' },
    ]);
    const sign = douyinPushSign('dyappkey', Buffer.from(body), 'dysecret');
    const p = pushPath(SHOPS[1]!);
    const ok = await post(receiver.origin, p, body, { 'app-id': 'dyappkey', 'event-sign': sign });
    expect(ok).toEqual({ status: 200, body: '{"code":0,"msg":"success"}' });
    await post(receiver.origin, p, body, { 'app-id': 'dyappkey', 'event-sign': sign });
    expect(seen.map((r) => [r.orderId, r.eventId])).toEqual([
      ['6900000000000000123', 'm-1'],
      ['6900000000000000124', 'm-2'],
    ]);
    const bad = await post(receiver.origin, p, body, { 'app-id': 'dyappkey', 'event-sign': '0'.repeat(32) });
    expect(bad.status).toBe(401);
    const other = await post(receiver.origin, p, body, { 'app-id': 'someone-else', 'event-sign': sign });
    expect(other.status).toBe(401);
    expect(seen).toHaveLength(2);
  });

  it('answers a failure (so the platform redelivers) when the re-fetch queue throws, without remembering', async () => {
    let fail = true;
    const seen: string[] = [];
    const { receiver } = await startReceiver(':memory:', (r) => {
      if (fail) throw new Error('queue full');
      seen.push(r.eventId);
    });
    const body = ksBody({ eventId: 'evt-9', bizId: '1' });
    const p = pushPath(SHOPS[0]!);
    expect((await post(receiver.origin, p, body)).status).toBe(500);
    fail = false;
    expect(await post(receiver.origin, p, body)).toEqual({ status: 200, body: '{"result":1}' });
    expect(seen).toEqual(['evt-9']);
  });

  it('refuses unknown endpoints and methods other than POST', async () => {
    const { receiver } = await startReceiver(':memory:', () => {});
    expect((await post(receiver.origin, '/push/kuaishou/nope', 'x')).status).toBe(404);
    expect((await fetch(receiver.origin + pushPath(SHOPS[0]!))).status).toBe(405);
  });
});
