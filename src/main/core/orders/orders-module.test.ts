import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '@shared/api/client';
import { beijingStartOfDay } from '@shared/time/beijing';
import { Studio } from '../studio';
import {
  KUAISHOU_SIMULATOR_CREDENTIALS,
  startKuaishouSimulator,
  type KuaishouSimulator,
} from './demo/gateways';
import { OrderGenerator } from './demo/order-generator';
import { generatorItemsFromShelf } from './demo/shelf-items';
import { SimulatedShop } from './demo/simulated-shop';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function studioWithShelf() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-orders-'));
  const studio = new Studio({ dataDir, mode: 'headless' });
  await studio.start();
  cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  cleanup.push(() => studio.stop());
  const db = studio.database.db;
  const now = Date.now();
  for (let i = 1; i <= 3; i++) {
    const { id } = db
      .prepare(
        `INSERT INTO product (name_zh, origin_city, origin_county, list_price_fen, live_price_fen, stock, status, outer_sku, created_at, updated_at)
         VALUES (?, '天水市', '秦安县', 1990, 1990, 50, 'ready', ?, ?, ?) RETURNING id`,
      )
      .get(`花牛苹果 ${i}`, `GS-${i}`, now, now) as { id: number };
    const listing = db
      .prepare(
        `INSERT INTO platform_listing (product_id, platform, item_id, outer_sku) VALUES (?, 'kuaishou', ?, ?) RETURNING id`,
      )
      .get(id, `22000000000000000${i}0`, `GS-${i}`) as { id: number };
    db.prepare('INSERT INTO listing_sku (listing_id, sku_id) VALUES (?, ?)').run(
      listing.id,
      `22000000000000000${i}1`,
    );
  }
  return studio;
}

async function kuaishouSim(studio: Studio): Promise<KuaishouSimulator> {
  const shop = new SimulatedShop('ks-shop-9');
  const gen = new OrderGenerator(shop, {
    items: generatorItemsFromShelf(studio.shelf.reader, 'kuaishou'),
    ratePerSecond: 1,
    cancelShare: 0,
    refundShare: 0,
  });
  gen.createOrders(40, Date.now() - 120_000);
  gen.settle();
  const sim = await startKuaishouSimulator(shop, {});
  cleanup.push(() => sim.stop());
  return sim;
}

describe('orders module', () => {
  it('stores a shop with sealed secrets, syncs it, and reports figures and status', async () => {
    const studio = await studioWithShelf();
    const sim = await kuaishouSim(studio);
    const figures: number[] = [];
    studio.events.on('orders.figuresChanged', (f) => figures.push(f.totals.orders));
    const shop = await studio.call('shops.save', {
      platform: 'kuaishou',
      shopId: 'ks-shop-9',
      label: '和田旗舰店',
      appKey: KUAISHOU_SIMULATOR_CREDENTIALS.appKey,
      signMethod: 'hmac-sha256',
      gateway: sim.url,
      appSecret: KUAISHOU_SIMULATOR_CREDENTIALS.appSecret,
      signSecret: KUAISHOU_SIMULATOR_CREDENTIALS.signSecret,
      accessToken: KUAISHOU_SIMULATOR_CREDENTIALS.accessToken,
      refreshToken: KUAISHOU_SIMULATOR_CREDENTIALS.refreshToken,
      // The orders are two minutes old: start an hour back (today's Beijing midnight may be later).
      syncFrom: Date.now() - 3_600_000,
    });
    expect(shop.secrets).toEqual({
      appSecret: true,
      signSecret: true,
      accessToken: true,
      refreshToken: true,
      pushKey: false,
    });
    // Secrets are sealed: the plain values appear nowhere in the database file's tables.
    const sealed = studio.database.db.prepare('SELECT name, sealed FROM secret').all() as {
      sealed: Buffer;
    }[];
    expect(sealed.length).toBe(4);
    for (const s of sealed) expect(s.sealed.toString('latin1')).not.toContain('ks-sim');
    expect(JSON.stringify(studio.database.db.prepare('SELECT * FROM shop').all())).not.toContain(
      'ks-sim-sign',
    );

    await expect
      .poll(async () => (await studio.call('orders.figures', {})).totals.orders, { timeout: 10_000 })
      .toBe(40);
    // The figures event goes out after the commit, in a turn of its own (at most every 100 ms).
    await expect.poll(() => figures.at(-1), { timeout: 10_000 }).toBe(40);
    const { shops } = await studio.call('shops.list', {});
    expect(shops[0]!.status).toMatchObject({ state: 'ok', errorKind: null });
    expect(shops[0]!.status.lastSuccessAt).not.toBeNull();
    const status = (await studio.call('system.status', {})).services.find((s) => s.name === 'orders');
    expect(status).toMatchObject({ state: 'ok', detailKey: 'orders:pill.ok', params: { shops: 1 } });
    const { lines } = await studio.call('orders.list', { platform: 'kuaishou', limit: 500 });
    expect(lines).toHaveLength(40);
    expect(lines.every((l) => /^\d{19}$/.test(l.orderId) && l.productId !== null)).toBe(true);
    expect(await studio.call('shops.test', { id: shop.id })).toMatchObject({ ok: true });
    // The log never carries a secret.
    const logged = JSON.stringify(studio.logs.recent(1000));
    expect(logged).not.toContain(KUAISHOU_SIMULATOR_CREDENTIALS.signSecret);
  });

  it('a new shop starts where the operator chose (default: Beijing midnight), within the lookback; a range is re-read later', async () => {
    const studio = await studioWithShelf();
    const sim = await kuaishouSim(studio);
    const base = {
      platform: 'kuaishou' as const,
      label: '和田旗舰店',
      signMethod: 'hmac-sha256' as const,
      gateway: sim.url,
      ...KUAISHOU_SIMULATOR_CREDENTIALS,
    };
    const watermark = (id: number) =>
      studio.database.db
        .prepare<[number], number>(`SELECT watermark FROM sync_cursor WHERE shop = ? AND mode = 'update'`)
        .pluck()
        .get(id);
    // Further back than Kuaishou keeps orders: refused, with the reason, and no shop is saved.
    const tooOld = await studio
      .call('shops.save', { ...base, shopId: 'ks-old', syncFrom: Date.now() - 100 * 86_400_000 })
      .catch((e: unknown) => e);
    expect(tooOld).toBeInstanceOf(ApiCallError);
    expect((tooOld as ApiCallError).error).toMatchObject({
      code: 'bad_request',
      key: 'orders:showWindow.errors.syncFromTooOld',
    });
    expect((await studio.call('shops.list', {})).shops).toHaveLength(0);
    // No start given: the start of the Beijing day the shop was added on.
    const plain = await studio.call('shops.save', { ...base, shopId: 'ks-shop-9' });
    const w = watermark(plain.id)!;
    expect(w).toBe(beijingStartOfDay(w));
    expect(w % 86_400_000).toBe(16 * 3_600_000);
    await studio.call('shops.setEnabled', { id: plain.id, enabled: false });
    // A chosen start is kept as given.
    const chosen = Date.now() - 5 * 86_400_000;
    const other = await studio.call('shops.save', { ...base, shopId: 'ks-other', syncFrom: chosen });
    expect(watermark(other.id)).toBeGreaterThanOrEqual(chosen);
    // Re-reading a range of a shop that is not syncing says so.
    const notSyncing = await studio
      .call('shops.backfill', { id: plain.id, from: Date.now() - 86_400_000, to: Date.now() })
      .catch((e: unknown) => e);
    expect((notSyncing as ApiCallError).error).toMatchObject({
      key: 'orders:showWindow.errors.notSyncing',
    });
  });

  it.each([
    ['bad signature', { signSecret: 'wrong' }, 'unauthorized', 'orders:reason.bad_signature'],
    [
      'expired token',
      { accessToken: 'stale-token', refreshToken: 'dead' },
      'unauthorized',
      'orders:reason.token_expired',
    ],
    ['unreachable', { gateway: 'http://127.0.0.1:9' }, 'unavailable', 'orders:reason.unreachable'],
  ] as const)('test connection reports %s with a translated reason', async (_name, patch, code, key) => {
    const studio = await studioWithShelf();
    const sim = await kuaishouSim(studio);
    const shop = await studio.call('shops.save', {
      platform: 'kuaishou',
      shopId: 'ks-shop-9',
      label: 'x',
      appKey: KUAISHOU_SIMULATOR_CREDENTIALS.appKey,
      gateway: sim.url,
      appSecret: KUAISHOU_SIMULATOR_CREDENTIALS.appSecret,
      signSecret: KUAISHOU_SIMULATOR_CREDENTIALS.signSecret,
      accessToken: KUAISHOU_SIMULATOR_CREDENTIALS.accessToken,
      ...patch,
    });
    const err = await studio.call('shops.test', { id: shop.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).error).toMatchObject({ code, key });
  });

  it('sync now: a paused shop is refused with the reason; a sync stopped by a permanent error starts again', async () => {
    const studio = await studioWithShelf();
    const sim = await kuaishouSim(studio);
    const shop = await studio.call('shops.save', {
      platform: 'kuaishou',
      shopId: 'ks-shop-9',
      label: '和田旗舰店',
      appKey: KUAISHOU_SIMULATOR_CREDENTIALS.appKey,
      gateway: sim.url,
      appSecret: KUAISHOU_SIMULATOR_CREDENTIALS.appSecret,
      // Wrong: every call is refused for its signature, and the sync stops until something changes.
      signSecret: 'not-the-sign-secret',
      accessToken: KUAISHOU_SIMULATOR_CREDENTIALS.accessToken,
    });
    const stops = () =>
      studio.logs.recent(1000).filter((e) => e.message === 'sync stopped until the shop settings change')
        .length;
    await expect.poll(stops, { timeout: 10_000 }).toBe(1);
    const status = async () => (await studio.call('shops.list', {})).shops[0]!.status;
    expect(await status()).toMatchObject({ state: 'error', errorKind: 'bad_signature', retryAt: null });
    // The operator asks again (they may have fixed the app on the platform's side): it really tries.
    await studio.call('shops.syncNow', { id: shop.id });
    await expect.poll(stops, { timeout: 10_000 }).toBe(2);

    await studio.call('shops.setEnabled', { id: shop.id, enabled: false });
    const err = (await studio
      .call('shops.syncNow', { id: shop.id })
      .catch((e: unknown) => e)) as ApiCallError;
    expect(err.error).toMatchObject({
      code: 'conflict',
      key: 'orders:errors.syncPaused',
      params: { shop: '和田旗舰店' },
    });
  });

  it('reports throttling as its own reason', async () => {
    const studio = await studioWithShelf();
    const sim = await kuaishouSim(studio);
    sim.faults.plan = { throttleEvery: 1 };
    const shop = await studio.call('shops.save', {
      platform: 'kuaishou',
      shopId: 'ks-shop-9',
      label: 'x',
      appKey: KUAISHOU_SIMULATOR_CREDENTIALS.appKey,
      gateway: sim.url,
      appSecret: KUAISHOU_SIMULATOR_CREDENTIALS.appSecret,
      signSecret: KUAISHOU_SIMULATOR_CREDENTIALS.signSecret,
      accessToken: KUAISHOU_SIMULATOR_CREDENTIALS.accessToken,
    });
    await studio.call('shops.setEnabled', { id: shop.id, enabled: false });
    const err = (await studio.call('shops.test', { id: shop.id }).catch((e: unknown) => e)) as ApiCallError;
    expect(err.error).toMatchObject({ code: 'unavailable', key: 'orders:testReason.throttled' });
  });
});
