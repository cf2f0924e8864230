import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { OverlayFrame } from '@shared/overlays/overlay-delta';
import type { OverlayState } from '@shared/overlays/overlay-state';
import { Studio } from '../studio';
import { insertProduct, insertShow } from '../../../../test-support/overlays/overlay-test-rows';

const studios: Studio[] = [];
afterEach(async () => {
  for (const s of studios.splice(0)) await s.stop();
});

async function startStudio(dataDir: string | null = null): Promise<Studio> {
  // Any free port: tests run in parallel with other studios.
  const studio = new Studio({ dataDir, mode: 'headless', overlays: { port: 0 } });
  studios.push(studio);
  await studio.start();
  return studio;
}

/** Opens an overlay page's socket and collects its frames. */
function connect(url: string, headers: Record<string, string> = {}) {
  const frames: OverlayFrame[] = [];
  const ws = new WebSocket(url, { headers });
  ws.on('message', (d) => frames.push(JSON.parse(d.toString()) as OverlayFrame));
  const next = async (n: number) => {
    for (let i = 0; i < 200 && frames.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    return frames[n - 1];
  };
  return { ws, frames, next };
}

function wsUrl(studio: Studio, token?: string): string {
  const page = studio.overlays.pages()[0]!;
  const u = new URL(page.url);
  return `ws://${u.host}/ws?overlay=product-card&token=${encodeURIComponent(token ?? u.searchParams.get('token')!)}`;
}

describe('overlays in the studio core', () => {
  it('puts a product on the card with its cart link, and pushes full state then deltas', async () => {
    const studio = await startStudio();
    const db = studio.database.db;
    const id = insertProduct(db, { nameZh: '于田玫瑰花茶', cartLinkNo: 3, stock: 40 });
    const page = connect(wsUrl(studio));
    const first = await page.next(1);
    expect(first?.type).toBe('full');

    const state = await studio.call('overlays.showProduct', { productId: id });
    expect(state.productCard).toMatchObject({
      visible: true,
      product: { name: { zh: '于田玫瑰花茶' }, cartLinkNo: 3, stock: 40 },
    });
    const delta = await page.next(2);
    expect(delta).toMatchObject({ type: 'delta', rev: (first as { state: OverlayState }).state.rev + 1 });
    expect(Object.keys((delta as { sections: object }).sections)).toEqual(['productCard']);

    await expect(studio.call('overlays.showProduct', { productId: 999 })).rejects.toMatchObject({
      error: { code: 'not_found', key: 'overlays:errors.productMissing' },
    });
    page.ws.close();
  });

  it('refuses a wrong token and a foreign Host or Origin, on pages and sockets', async () => {
    const studio = await startStudio();
    const url = new URL(studio.overlays.pages()[0]!.url);
    expect(url.searchParams.get('token')).toBeTruthy();
    const noToken = await fetch(`http://${url.host}${url.pathname}`);
    expect(noToken.status).toBe(401);
    const rebound = await fetch(url, { headers: { Host: `evil.example:${url.port}` } }).catch(
      () => undefined,
    );
    // fetch may not allow overriding Host; the socket check below covers it either way.
    if (rebound) expect([403, 503]).toContain(rebound.status === 503 ? 403 : rebound.status);
    const codes: number[] = [];
    for (const [u, headers] of [
      [wsUrl(studio, 'wrong'), {}],
      [wsUrl(studio), { Origin: 'http://evil.example' }],
      [wsUrl(studio), { Host: `evil.example:${url.port}` }],
    ] as const) {
      codes.push(
        await new Promise<number>((resolve) => {
          const ws = new WebSocket(u, { headers });
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => resolve(101));
          ws.on('error', () => undefined);
        }),
      );
    }
    expect(codes).toEqual([401, 403, 403]);
  });

  it('follows the on-air slot and ends a flash sale early when the product sells out', async () => {
    const studio = await startStudio();
    const db = studio.database.db;
    const a = insertProduct(db, { nameZh: '和田大枣', stock: 2 });
    const b = insertProduct(db, { nameZh: '策勒红枣', stock: 10 });
    const { showId, slotIds } = insertShow(db, [a, b]);
    db.prepare('UPDATE show SET on_air_slot_id = ? WHERE id = ?').run(slotIds[0], showId);
    let state = await studio.call('overlays.followOnAir', { showId });
    expect(state.productCard.product?.id).toBe(a);
    expect(state.ticker.items.map((i) => i.id)).toEqual([a, b]);

    db.prepare('UPDATE show SET on_air_slot_id = ? WHERE id = ?').run(slotIds[1], showId);
    studio.events.emit('rundown.onAirChanged', { showId, slotId: slotIds[1]! });
    expect((await studio.call('overlays.state', {})).productCard.product?.id).toBe(b);
    // Choosing another show: the following card takes that show's on-air product (none here).
    const other = insertShow(db, [b]);
    state = await studio.call('overlays.setLook', { showId: other.showId });
    expect(state.productCard).toMatchObject({ product: null, visible: false, followOnAir: true });
    state = await studio.call('overlays.setLook', { showId });
    expect(state.productCard.product?.id).toBe(b);

    await studio.call('overlays.countdown', { action: 'start', seconds: 300, productId: a });
    const shelf = studio.shelf.reader;
    shelf.adjustStocks(new Map([[a, -2]]));
    shelf.announceChanged([a]);
    state = await studio.call('overlays.state', {});
    expect(state.countdown).toMatchObject({ status: 'ended', endedReason: 'soldOut' });
    expect(state.ticker.items.find((i) => i.id === a)?.soldOut).toBe(true);
  });

  it('keeps a theme per show, a default theme, and the logo text', async () => {
    const studio = await startStudio();
    const db = studio.database.db;
    const { showId } = insertShow(db, [insertProduct(db, { nameZh: '和田大枣' })]);
    await studio.call('overlays.setLook', { theme: { showId, themeId: 'neutral' } });
    let state = await studio.call('overlays.state', {});
    expect(state.look.theme.id).toBe('festive');
    state = await studio.call('overlays.setLook', { showId, logoText: '和田之窗' });
    expect(state.look.theme).toMatchObject({ id: 'neutral', logoText: '和田之窗' });
    state = await studio.call('overlays.setLook', { showId: null });
    expect(state.look.theme.id).toBe('festive');
    await expect(
      studio.call('overlays.setLook', { theme: { showId, themeId: 'disco' } }),
    ).rejects.toMatchObject({
      error: { code: 'not_found', key: 'overlays:errors.themeMissing' },
    });
  });

  it('keeps a safe area per show and orientation, refuses one out of range, and gives portrait page URLs', async () => {
    const studio = await startStudio();
    const db = studio.database.db;
    const { showId } = insertShow(db, [insertProduct(db, { nameZh: '和田大枣' })]);
    let state = await studio.call('overlays.setLook', { showId });
    expect(state.look.safeArea.portrait.preset).toBe('none');
    state = await studio.call('overlays.setSafeArea', { showId, orientation: 'portrait', preset: 'douyin' });
    expect(state.look.safeArea.portrait).toMatchObject({
      preset: 'douyin',
      insets: { top: 0.12, bottom: 0.42 },
    });
    expect(state.look.safeArea.landscape.preset).toBe('none');
    // Edited figures are kept as edited; the anchor keep-out only exists in landscape.
    state = await studio.call('overlays.setSafeArea', {
      showId,
      orientation: 'landscape',
      preset: 'taobao',
      insets: { top: 0.1, right: 0.06, bottom: 0.08, left: 0.06 },
    });
    expect(state.look.safeArea.landscape).toMatchObject({
      preset: 'taobao',
      insets: { top: 0.1, right: 0.06 },
      anchor: { width: 0.3 },
    });
    // Another show (or none) has its own: the default.
    state = await studio.call('overlays.setLook', { showId: null });
    expect(state.look.safeArea.portrait.preset).toBe('none');
    state = await studio.call('overlays.setLook', { showId });
    expect(state.look.safeArea.portrait.preset).toBe('douyin');
    await expect(
      studio.call('overlays.setSafeArea', {
        showId,
        orientation: 'portrait',
        preset: 'douyin',
        insets: { top: 0.4, right: 0, bottom: 0.4, left: 0 },
      }),
    ).rejects.toMatchObject({
      error: {
        code: 'bad_request',
        key: 'overlays:overlayLayout.errors.safeAreaRange',
        params: { field: 'topBottom', orientation: 'portrait', limit: 70 },
      },
    });
    await expect(
      studio.call('overlays.setSafeArea', { showId, orientation: 'portrait', preset: 'taobao' }),
    ).rejects.toMatchObject({
      error: { code: 'not_found', key: 'overlays:overlayLayout.errors.presetMissing' },
    });
    // Nothing was lost by the refusals.
    expect((await studio.call('overlays.state', {})).look.safeArea.portrait.preset).toBe('douyin');

    const portrait = await studio.call('overlays.pages', { orientation: 'portrait' });
    expect(portrait[0]).toMatchObject({ width: 1080, height: 1920, orientation: 'portrait' });
    expect(new URL(portrait[0]!.url).searchParams.get('orientation')).toBe('portrait');
    const landscape = await studio.call('overlays.pages', {});
    expect(landscape[0]).toMatchObject({ width: 1920, height: 1080, orientation: 'landscape' });
    expect(new URL(landscape[0]!.url).searchParams.has('orientation')).toBe(false);
  });

  it('feeds the sales counter and leaderboard from order figures', async () => {
    const studio = await startStudio();
    const db = studio.database.db;
    const a = insertProduct(db, { nameZh: '和田大枣' });
    const b = insertProduct(db, { nameZh: '策勒红枣' });
    await studio.call('overlays.setLeaderboard', { by: 'product', metric: 'gmv', size: 3 });
    studio.events.emit('orders.figuresChanged', {
      at: Date.now(),
      showId: null,
      totals: { orders: 7, units: 9, gmvFen: 50_000, refundedFen: 0 },
      byPlatform: [{ platform: 'douyin', orders: 7, units: 9, gmvFen: 50_000 }],
      byProduct: [
        { productId: a, orders: 5, units: 6, gmvFen: 20_000 },
        { productId: b, orders: 2, units: 3, gmvFen: 30_000 },
      ],
      byCounty: [],
    });
    const state = await studio.call('overlays.state', {});
    expect(state.salesCounter).toMatchObject({ orders: 7, gmvFen: 50_000 });
    expect(state.leaderboard.rows.map((r) => r.label.zh)).toEqual(['策勒红枣', '和田大枣']);
  });

  it('rebuilds the overlays once for all the changes one task announces, and a read sees them at once', async () => {
    const studio = await startStudio();
    const revs: number[] = [];
    studio.events.on('overlays.stateChanged', (s) => revs.push(s.rev));
    const figures = (orders: number) => ({
      at: Date.now(),
      showId: null,
      totals: { orders, units: orders, gmvFen: orders * 100, refundedFen: 0 },
      byPlatform: [],
      byProduct: [],
      byCounty: [],
    });
    const before = (await studio.call('overlays.state', {})).rev;
    // As the ledger's publish does: several announcements in one turn of the loop.
    studio.events.emit('orders.figuresChanged', figures(3));
    studio.events.emit('orders.figuresChanged', figures(4));
    studio.events.emit('orders.figuresChanged', figures(5));
    const state = await studio.call('overlays.state', {});
    expect(state.salesCounter).toMatchObject({ orders: 5 });
    await new Promise((r) => setImmediate(r));
    expect(revs).toEqual([before + 1]);
  });

  it('keeps the overlay state and the overlay token across a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-overlays-'));
    const a = await startStudio(dataDir);
    await a.call('overlays.setLowerThird', { name: '阿依古丽', title: '副县长', county: '于田县' });
    await a.call('overlays.countdown', { action: 'start', seconds: 1 });
    const running = await a.call('overlays.countdown', { action: 'addTime', seconds: 600 });
    const endsAt = running.countdown.endsAt;
    const tokenA = new URL(a.overlays.pages()[0]!.url).searchParams.get('token');
    a.events.emit('orders.figuresChanged', {
      at: Date.now(),
      showId: null,
      totals: { orders: 3, units: 4, gmvFen: 1_200, refundedFen: 0 },
      byPlatform: [],
      byProduct: [],
      byCounty: [],
    });
    await a.stop();
    const b = await startStudio(dataDir);
    const state = await b.call('overlays.state', {});
    expect(state.lowerThird).toMatchObject({ visible: true, name: '阿依古丽', county: '于田县' });
    expect(state.countdown).toMatchObject({ status: 'running', endsAt });
    // The last figures were saved on the way down (saves are coalesced to one a second).
    expect(state.salesCounter).toMatchObject({ orders: 3, gmvFen: 1_200 });
    // Same token and URL after the restart, so OBS keeps its browser sources.
    expect(new URL(b.overlays.pages()[0]!.url).searchParams.get('token')).toBe(tokenA);
  });

  it('ends a running countdown by itself at its end time', async () => {
    const studio = await startStudio();
    const ended = new Promise<OverlayState>((resolve) =>
      studio.events.on('overlays.stateChanged', (s) => s.countdown.status === 'ended' && resolve(s)),
    );
    await studio.call('overlays.countdown', { action: 'start', seconds: 1 });
    expect((await ended).countdown.endedReason).toBe('time');
  });

  it('shows an ended countdown for a few seconds, then hides it; ending again is not an error', async () => {
    const studio = await startStudio();
    const hidden = new Promise<OverlayState>((resolve) =>
      studio.events.on(
        'overlays.stateChanged',
        (s) => s.countdown.status === 'ended' && !s.countdown.visible && resolve(s),
      ),
    );
    await studio.call('overlays.countdown', { action: 'start', seconds: 30 });
    const ended = await studio.call('overlays.countdown', { action: 'end' });
    expect(ended.countdown).toMatchObject({ status: 'ended', visible: true, endedReason: 'operator' });
    // A second stop (a Stream Deck button pressed again) answers the same state, not a failure.
    expect((await studio.call('overlays.countdown', { action: 'end' })).countdown).toMatchObject({
      status: 'ended',
    });
    expect((await hidden).countdown).toMatchObject({ status: 'ended', visible: false });
  });
});

describe('overlay server files', () => {
  it('serves product images from <dataDir>/images with the token, and nothing outside it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-overlays-'));
    const studio = await startStudio(dataDir);
    fs.mkdirSync(path.join(dataDir, 'images'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'images', 'tea.png'), 'png bytes');
    const page = new URL(studio.overlays.pages()[0]!.url);
    const token = page.searchParams.get('token')!;
    const get = (p: string) => fetch(`http://${page.host}${p}`);
    expect((await get(`/images/tea.png?token=${token}`)).status).toBe(200);
    expect(await (await get(`/images/tea.png?token=${token}`)).text()).toBe('png bytes');
    expect((await get('/images/tea.png')).status).toBe(401);
    expect((await get(`/images/..%2Fshelfcast.db?token=${token}`)).status).toBe(404);
    expect((await get(`/images/%2e%2e/%2e%2e/etc/passwd?token=${token}`)).status).toBe(404);
    expect((await get(`/assets/..%2F..%2Fshelfcast.db`)).status).toBe(404);
  });
});
