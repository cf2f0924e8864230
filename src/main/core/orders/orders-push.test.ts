import { createCipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperationInput, OperationName, OperationOutput } from '@shared/api/contract';
import type { PushStatus } from '@shared/api/domains/orders';
import { ApiCallError } from '@shared/api/client';
import { Dispatcher, type Handlers } from '../api/dispatcher';
import { DiskGuard } from '../db/disk-guard';
import { LogHub } from '../logging/log-hub';
import { KeyFileSecretBox } from '../secrets/secret-box';
import { SecretStore } from '../secrets/secret-store';
import { StatusBoard } from '../services/service';
import { SettingsStore } from '../settings/settings-store';
import type { StudioContext } from '../studio-context';
import { ordersHandlers } from './orders-handlers';
import { OrdersService } from './orders-service';
import { DOUYIN_SIMULATOR_CREDENTIALS, startDouyinSimulator } from './demo/gateways';
import { KUAISHOU_SIMULATOR_CREDENTIALS, startKuaishouSimulator } from './demo/gateways';
import { douyinPushSign } from './push/douyin-push';
import { OrderGenerator } from './demo/order-generator';
import { SimulatedShop } from './demo/simulated-shop';
import { shelfFixture } from '../../../../test-support/orders/shelf-fixture';
import { freePort } from '../../../../test-support/core/free-port';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/**
 * The orders service over a real SQLite file, settings and sealed secrets, called through the real
 * dispatcher. Polling is slowed to 10 minutes so that only a push can make a new order appear.
 */
async function pushHarness(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-push-')), products = 4) {
  const fx = shelfFixture(products, ['kuaishou', 'douyin'], { file: path.join(dir, 'studio.db') });
  const logs = new LogHub({ sink: () => undefined });
  const settings = new SettingsStore(fx.db);
  const secrets = new SecretStore(fx.db, new KeyFileSecretBox(dir));
  const status = new StatusBoard(fx.events);
  const ctx: StudioContext = {
    logs,
    events: fx.events,
    status,
    dataDir: dir,
    mode: 'headless',
    disk: new DiskGuard({ dir, status, log: logs.logger('db') }),
    db: () => fx.db,
    settings: () => settings,
    secrets: () => secrets,
  };
  const service = new OrdersService(ctx, fx.shelf, {
    demo: false,
    timing: { pollMs: 600_000, settleLagMs: 0, initialLookbackMs: 3_600_000 },
  });
  const dispatcher = new Dispatcher(ordersHandlers(ctx, service, fx.shelf) as Handlers, logs.logger('api'));
  await service.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await service.stop();
    fx.db.close();
  };
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanup.push(stop);
  const statuses: PushStatus[] = [];
  fx.events.on('orders.pushStatusChanged', (s) => statuses.push(s));
  return {
    dir,
    fx,
    logs,
    service,
    statuses,
    stop,
    async call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
      const r = await dispatcher.dispatch(name, input, { role: 'operator', transport: 'internal' });
      if (!r.ok) throw new ApiCallError(r.error);
      return r.value as OperationOutput<K>;
    },
  };
}

type Harness = Awaited<ReturnType<typeof pushHarness>>;

/** A simulated platform shop with `n` settled orders an hour ago, and a generator to add more. */
function simShop(h: Harness, shopId: string, douyin = false) {
  const shop = new SimulatedShop(shopId);
  const gen = new OrderGenerator(shop, {
    items: h.fx.items,
    ratePerSecond: 1,
    cancelShare: 0,
    refundShare: 0,
    payDelayMs: [0, 1],
    ...(douyin ? { lineIds: 'own' as const, maxLinesPerOrder: 2 } : {}),
  });
  gen.createOrders(5, Date.now() - 30 * 60_000);
  gen.settle();
  return { shop, gen };
}

async function linesOf(h: Harness, orderId: string) {
  return (await h.call('orders.list', { text: orderId, limit: 50 })).lines.filter(
    (l) => l.orderId === orderId,
  );
}

async function firstSyncDone(h: Harness, id: number, lines: number) {
  await expect
    .poll(async () => (await h.call('shops.list', {})).shops.find((s) => s.id === id)?.status, {
      timeout: 10_000,
    })
    .toMatchObject({ state: 'ok', linesSynced: lines });
}

/** One POST on a fresh connection (the receiver restarts when shops change; no stale keep-alive). */
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

const ksEncrypt = (key: Buffer, msg: object) => {
  const c = createCipheriv(`aes-${key.length * 8}-cbc`, key, Buffer.alloc(16));
  return Buffer.concat([c.update(JSON.stringify(msg), 'utf8'), c.final()]).toString('base64');
};

describe('optional order push, wired into the orders service', () => {
  it('is off by default: nothing listens, settings default to 127.0.0.1:18480', async () => {
    const h = await pushHarness();
    expect(await h.call('orders.pushSettings', {})).toEqual({
      enabled: false,
      host: '127.0.0.1',
      port: 18480,
    });
    expect(await h.call('orders.pushStatus', {})).toMatchObject({ state: 'off', origin: null, error: null });
  });

  it('Kuaishou: a decrypted push syncs the shop at once, the order lands in the ledger, redelivery and forgeries change nothing', async () => {
    const h = await pushHarness();
    const { shop, gen } = simShop(h, 'ks-push-1');
    const sim = await startKuaishouSimulator(shop, {});
    cleanup.push(() => sim.stop());
    const key = randomBytes(16);
    const saved = await h.call('shops.save', {
      platform: 'kuaishou',
      shopId: 'ks-push-1',
      label: '快手推送店',
      appKey: KUAISHOU_SIMULATOR_CREDENTIALS.appKey,
      gateway: sim.url,
      appSecret: KUAISHOU_SIMULATOR_CREDENTIALS.appSecret,
      signSecret: KUAISHOU_SIMULATOR_CREDENTIALS.signSecret,
      accessToken: KUAISHOU_SIMULATOR_CREDENTIALS.accessToken,
      refreshToken: KUAISHOU_SIMULATOR_CREDENTIALS.refreshToken,
      pushKey: key.toString('base64'),
      // From an hour ago: the default (Beijing midnight) would miss the shop's orders of half an
      // hour ago whenever the test runs in the first half hour of a Beijing day.
      syncFrom: Date.now() - 3_600_000,
    });
    expect(saved.secrets.pushKey).toBe(true);
    await firstSyncDone(h, saved.id, 5);

    const port = await freePort();
    const on = await h.call('orders.setPushSettings', { enabled: true, port });
    expect(on).toMatchObject({ state: 'listening', origin: `http://127.0.0.1:${port}`, error: null });
    expect(on.shops).toEqual([
      {
        id: saved.id,
        platform: 'kuaishou',
        shopId: 'ks-push-1',
        label: '快手推送店',
        path: '/push/kuaishou/ks-push-1',
        ready: true,
      },
    ]);
    const url = on.origin! + on.shops[0]!.path;

    // A new order on the platform: polling is 10 minutes away, so only the push can bring it in.
    const [order] = gen.createOrders(1, Date.now());
    gen.settle();
    const syncNow = vi.spyOn(h.service, 'syncNow');
    const push = ksEncrypt(key, {
      eventId: 'ks-evt-1',
      bizId: order!.orderId,
      event: 'kwaishop_order_paySuccess',
    });
    expect(await post(url, push)).toEqual({ status: 200, body: '{"result":1}' });
    expect(syncNow).toHaveBeenCalledWith(saved.id);
    await expect.poll(() => linesOf(h, order!.orderId), { timeout: 10_000 }).toHaveLength(1);
    expect((await linesOf(h, order!.orderId))[0]).toMatchObject({ status: 'paid', platform: 'kuaishou' });

    // Kuaishou redelivers: acknowledged, no second sync.
    expect(await post(url, push)).toEqual({ status: 200, body: '{"result":1}' });
    expect(syncNow).toHaveBeenCalledTimes(1);
    // A body under another key is not from Kuaishou.
    const forged = await post(url, ksEncrypt(randomBytes(16), { eventId: 'x', bizId: '1' }));
    expect(forged.status).toBe(401);
    expect(syncNow).toHaveBeenCalledTimes(1);
    const status = await h.call('orders.pushStatus', {});
    expect(status).toMatchObject({ received: 1, duplicates: 1, rejected: 1 });
    expect(status.lastEventAt).not.toBeNull();
    expect(status.lastRejected?.reason).toBe('bad_ciphertext');
    expect(h.statuses.at(-1)).toMatchObject({ received: 1, duplicates: 1, rejected: 1 });
    // The push key never reaches the log.
    expect(JSON.stringify(h.logs.recent(2000))).not.toContain(key.toString('base64'));

    // Turned off: the listener is gone, counters are kept.
    const off = await h.call('orders.setPushSettings', { enabled: false });
    expect(off).toMatchObject({ state: 'off', origin: null, received: 1 });
    await expect(post(url, push)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('Douyin: a signed push syncs the shop, a bad event-sign is refused; the receiver follows shop changes', async () => {
    const h = await pushHarness();
    const { shop, gen } = simShop(h, 'dy-push-1', true);
    const sim = await startDouyinSimulator(shop, {});
    cleanup.push(() => sim.stop());
    const port = await freePort();
    await h.call('orders.setPushSettings', { enabled: true, port });
    expect((await h.call('orders.pushStatus', {})).shops).toEqual([]);
    const saved = await h.call('shops.save', {
      platform: 'douyin',
      shopId: 'dy-push-1',
      label: '抖店推送',
      appKey: DOUYIN_SIMULATOR_CREDENTIALS.appKey,
      gateway: sim.url,
      appSecret: DOUYIN_SIMULATOR_CREDENTIALS.appSecret,
      accessToken: DOUYIN_SIMULATOR_CREDENTIALS.accessToken,
      refreshToken: DOUYIN_SIMULATOR_CREDENTIALS.refreshToken,
      syncFrom: Date.now() - 3_600_000,
    });
    const expected = shop.all().reduce((n, o) => n + o.lines.length, 0);
    await firstSyncDone(h, saved.id, expected);
    const status = await h.call('orders.pushStatus', {});
    expect(status.shops).toMatchObject([{ id: saved.id, path: '/push/douyin/dy-push-1', ready: true }]);
    const url = status.origin! + status.shops[0]!.path;

    const [order] = gen.createOrders(1, Date.now());
    gen.settle();
    const syncNow = vi.spyOn(h.service, 'syncNow');
    const body = JSON.stringify([
      { tag: '101', msg_id: 'dy-msg-1', data: JSON.stringify({ p_id: order!.orderId, order_status: 2 }) },
    ]);
    const sign = douyinPushSign(
      DOUYIN_SIMULATOR_CREDENTIALS.appKey,
      Buffer.from(body),
      DOUYIN_SIMULATOR_CREDENTIALS.appSecret,
    );
    const headers = { 'app-id': DOUYIN_SIMULATOR_CREDENTIALS.appKey, 'event-sign': sign };
    const bad = await post(url, body, { ...headers, 'event-sign': '0'.repeat(32) });
    expect(bad.status).toBe(401);
    expect(syncNow).not.toHaveBeenCalled();
    expect(await post(url, body, headers)).toEqual({ status: 200, body: '{"code":0,"msg":"success"}' });
    expect(syncNow).toHaveBeenCalledWith(saved.id);
    await expect
      .poll(async () => (await linesOf(h, order!.orderId)).length, { timeout: 10_000 })
      .toBe(order!.lines.length);
    expect(await post(url, body, headers)).toMatchObject({ status: 200 });
    expect(syncNow).toHaveBeenCalledTimes(1);
    expect(await h.call('orders.pushStatus', {})).toMatchObject({
      received: 1,
      duplicates: 1,
      rejected: 1,
      lastRejected: { reason: 'bad_signature' },
    });

    // A paused shop is no longer served.
    await h.call('shops.setEnabled', { id: saved.id, enabled: false });
    expect((await h.call('orders.pushStatus', {})).shops).toEqual([]);
    expect((await post(url, body, headers)).status).toBe(404);
  });

  it('a busy port is reported in the status, not thrown; settings are validated and persist', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-push-'));
    const h = await pushHarness(dir);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const busy = (blocker.address() as net.AddressInfo).port;
    const status = await h.call('orders.setPushSettings', { enabled: true, port: busy });
    expect(status).toMatchObject({ state: 'error', error: 'port_busy', origin: null });
    expect(status.settings).toEqual({ enabled: true, host: '127.0.0.1', port: busy });

    for (const bad of [{ port: 0 }, { port: 70_000 }, { host: 'not a host!' }, { host: '' }]) {
      const err = await h.call('orders.setPushSettings', bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiCallError);
      expect((err as ApiCallError).error.code).toBe('bad_request');
    }
    expect(await h.call('orders.pushSettings', {})).toEqual({ enabled: true, host: '127.0.0.1', port: busy });

    // The port frees up; after a restart the saved settings start the receiver.
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    await h.stop();
    const again = await pushHarness(dir, 0);
    expect(await again.call('orders.pushStatus', {})).toMatchObject({
      state: 'listening',
      origin: `http://127.0.0.1:${busy}`,
    });
  });

  it('the Kuaishou push key is sealed, checked, and only for Kuaishou shops', async () => {
    const h = await pushHarness();
    const base = {
      platform: 'kuaishou' as const,
      shopId: 'ks-key',
      label: 'k',
      appKey: 'app',
      appSecret: 'secret',
    };
    const short = await h.call('shops.save', { ...base, pushKey: 'c2hvcnQ=' }).catch((e: unknown) => e);
    expect((short as ApiCallError).error).toMatchObject({
      code: 'bad_request',
      key: 'orders:errors.pushKeyInvalid',
    });
    const douyin = await h
      .call('shops.save', { ...base, platform: 'douyin', pushKey: randomBytes(16).toString('base64') })
      .catch((e: unknown) => e);
    expect((douyin as ApiCallError).error).toMatchObject({ key: 'orders:errors.pushKeyKuaishouOnly' });
    expect((await h.call('shops.list', {})).shops).toEqual([]);

    const key = randomBytes(32).toString('base64');
    const saved = await h.call('shops.save', { ...base, pushKey: key });
    expect(saved.secrets).toMatchObject({ pushKey: true, appSecret: true, accessToken: false });
    const sealed = h.fx.db.prepare('SELECT sealed FROM secret').all() as { sealed: Buffer }[];
    for (const s of sealed) expect(s.sealed.toString('latin1')).not.toContain(key);
    // Push on: the shop is listed as ready (its endpoint exists even though its sync lacks a token).
    const on = await h.call('orders.setPushSettings', { enabled: true, port: await freePort() });
    expect(on.shops).toMatchObject([{ id: saved.id, ready: true }]);
    // A push for it is acknowledged and harmless, even though its sync cannot run.
    const push = ksEncrypt(Buffer.from(key, 'base64'), { eventId: 'e-1', bizId: '2100000000000000001' });
    expect(await post(on.origin! + on.shops[0]!.path, push)).toEqual({ status: 200, body: '{"result":1}' });
    await h.call('shops.remove', { id: saved.id });
    expect((await h.call('orders.pushStatus', {})).shops).toEqual([]);
  });
});
