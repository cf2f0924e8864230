import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { StudioService } from './services/service';
import { Studio } from './studio';

describe('Studio lifecycle', () => {
  it('starts every service, reports their status, and stops cleanly', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-studio-'));
    const studio = new Studio({ dataDir, mode: 'headless' });
    await studio.start();
    expect(studio.running).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'shelfcast.db'))).toBe(true);
    const { services } = await studio.call('system.status', {});
    const states = Object.fromEntries(services.map((s) => [s.name, s.state]));
    // Every area reports a status; none is left starting or in error on an empty studio.
    expect(Object.keys(states).sort()).toEqual(['database', 'obs', 'orders', 'overlays', 'secrets']);
    expect(states.database).toBe('ok');
    for (const state of Object.values(states)) expect(['ok', 'idle']).toContain(state);
    const info = await studio.call('system.info', {});
    expect(info).toMatchObject({ mode: 'headless', dataDir, versions: { node: process.versions.node } });
    await studio.stop();
    await studio.stop();
    expect(studio.running).toBe(false);
  });

  it('keeps settings across restarts of the same data directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-studio-'));
    const a = new Studio({ dataDir, mode: 'headless' });
    await a.start();
    await a.call('settings.update', { studioName: '和田味道', server: { lanAccess: true } });
    await a.stop();
    const b = new Studio({ dataDir, mode: 'headless' });
    await b.start();
    expect(await b.call('settings.get', {})).toMatchObject({
      studioName: '和田味道',
      server: { lanAccess: true, port: 4790 },
    });
    await b.stop();
  });

  it('stops what already started when a later service fails', async () => {
    const studio = new Studio({ dataDir: null, mode: 'headless' });
    const stopped: string[] = [];
    const failing: StudioService = {
      name: 'server',
      start: () => Promise.reject(new Error('port busy')),
      stop: async () => void stopped.push('server'),
    };
    studio.addService(failing);
    await expect(studio.start()).rejects.toThrow('port busy');
    expect(studio.running).toBe(false);
    expect(studio.status.get('database')?.state).toBe('stopped');
    expect(stopped).toEqual([]);
  });

  it('emits a log.line event for every log line', async () => {
    const studio = new Studio({ dataDir: null, mode: 'headless' });
    const seen: string[] = [];
    studio.events.on('log.line', (l) => seen.push(`${l.logger}: ${l.message}`));
    await studio.start();
    expect(seen).toContain('studio: studio core running');
    await studio.stop();
  });
});

describe('cross-area wiring', () => {
  it('runs each reaction in its stated order, only while running, and logs a failing one by area', async () => {
    const studio = new Studio({ dataDir: null, mode: 'headless', log: { sink: () => undefined } });
    const order: string[] = [];
    vi.spyOn(studio.orders.service, 'shelfChanged').mockImplementation(() => void order.push('orders'));
    vi.spyOn(studio.overlays.state, 'shelfChanged').mockImplementation(() => {
      order.push('overlays');
      throw new Error('overlay page gone');
    });
    const soldOut = vi.spyOn(studio.showday.console.reactions, 'shelfChanged');
    soldOut.mockImplementation(() => void order.push('showday'));
    await studio.start();
    studio.events.emit('shelf.changed', { productIds: [1] });
    expect(order).toEqual(['orders', 'overlays', 'showday']);
    expect(studio.logs.recent(10, 'error', 'events')[0]?.fields).toMatchObject({
      event: 'shelf.changed',
      area: 'overlays',
    });
    await studio.stop();
    vi.restoreAllMocks();
    // Stopped: the reactions reach no service (the on-air log is not written after stop).
    expect(() => studio.events.emit('rundown.onAirChanged', { showId: 1, slotId: null })).not.toThrow();
    expect(studio.logs.recent(50, 'error').map((l) => l.logger)).toEqual(['events']);
  });
});

describe('shelf.changed from the ledger', () => {
  it("hands the ledger's own stock moves (origin 'ledger') to overlays and show day, not back to the ledger", async () => {
    const studio = new Studio({ dataDir: null, mode: 'headless', log: { sink: () => undefined } });
    const ledger = vi.spyOn(studio.orders.service, 'shelfChanged');
    const overlays = vi.spyOn(studio.overlays.state, 'shelfChanged').mockImplementation(() => undefined);
    const showday = vi
      .spyOn(studio.showday.console.reactions, 'shelfChanged')
      .mockImplementation(() => undefined);
    await studio.start();
    try {
      studio.events.emit('shelf.changed', { productIds: [1], origin: 'ledger' });
      expect(ledger).not.toHaveBeenCalled();
      expect(overlays).toHaveBeenCalledWith([1]);
      expect(showday).toHaveBeenCalledWith([1]);
      // Any other change (an edit, an import, an event booth) still reaches the ledger.
      studio.events.emit('shelf.changed', { productIds: [2] });
      expect(ledger).toHaveBeenCalledWith([2]);
    } finally {
      await studio.stop();
      vi.restoreAllMocks();
    }
  });
});

describe('demo mode', () => {
  it('loads the demo workspace only on an empty shelf', async () => {
    const studio = new Studio({ dataDir: null, mode: 'headless' });
    await studio.start();
    expect(await studio.loadDemoIfEmpty()).toBe(true);
    const { total } = await studio.call('shelf.facets', {});
    expect(total).toBeGreaterThan(80);
    expect(await studio.loadDemoIfEmpty()).toBe(false);
    expect((await studio.call('shelf.facets', {})).total).toBe(total);
    await studio.stop();
  });

  it('puts the demo show on air, so orders sold while the demo runs count in its figures', async () => {
    const studio = new Studio({ dataDir: null, mode: 'headless' });
    await studio.start();
    await studio.loadDemoIfEmpty();
    const [show] = await studio.call('shows.list', {});
    const state = await studio.call('show.state', {});
    expect(state).toMatchObject({ showId: show!.id, onAirTo: null });
    expect(state.onAirFrom).not.toBeNull();
    // An order paid now on a demo listing, as the simulated shops sell them.
    const { slots } = await studio.call('rundown.get', { showId: show!.id });
    const listing = slots[0]!.listings.find((l) => l.platform === 'kuaishou')!;
    const paidAt = state.onAirFrom! + 1000;
    studio.orders.service.ledger.ingest([
      {
        platform: 'kuaishou',
        shopId: 'demo-kuaishou',
        orderId: '2100000000000000001',
        lineId: '2100000000000000001',
        status: 'paid',
        refundState: 'none',
        itemId: listing.itemId,
        skuId: listing.skuIds[0]!,
        outerSku: listing.outerSku,
        title: 'demo',
        quantity: 3,
        paidFen: 3000,
        createdAt: paidAt - 5000,
        paidAt,
        updatedAt: paidAt,
        raw: '{}',
      },
    ]);
    const dash = await studio.call('show.dashboard', { showId: show!.id });
    expect(dash.totals).toMatchObject({ orders: 1, units: 3, gmvFen: 3000 });
    expect((await studio.call('report.get', { showId: show!.id })).totals.orders).toBe(1);
    await studio.stop();
  });
});
