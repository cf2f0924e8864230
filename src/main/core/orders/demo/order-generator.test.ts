import { describe, expect, it } from 'vitest';
import { OrderGenerator } from './order-generator';
import { SimulatedShop } from './simulated-shop';
import { syntheticItems } from './shelf-items';

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('OrderGenerator', () => {
  it('creates orders with 19-digit ids above 2^53, unique and increasing', () => {
    const shop = new SimulatedShop('s1');
    const gen = new OrderGenerator(shop, { items: syntheticItems(10), ratePerSecond: 50 });
    const orders = gen.createOrders(100, T0);
    const ids = orders.map((o) => o.orderId);
    expect(new Set(ids).size).toBe(100);
    for (const id of ids) {
      expect(id).toMatch(/^\d{19}$/);
      expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    }
    expect(shop.all()).toHaveLength(100);
  });

  it('arrives at about the configured rate, with bursts above it', () => {
    const shop = new SimulatedShop('s1');
    const gen = new OrderGenerator(shop, {
      items: syntheticItems(20),
      ratePerSecond: 100,
      bursts: { chancePerSecond: 0, factor: 1, durationMs: 0, hotShare: 0 },
    });
    for (let t = 0; t <= 60_000; t += 250) gen.tick(T0 + t);
    const n = shop.all().length;
    expect(n).toBeGreaterThan(5_400);
    expect(n).toBeLessThan(6_600);

    const burstShop = new SimulatedShop('s2');
    const bursty = new OrderGenerator(burstShop, {
      items: syntheticItems(20),
      ratePerSecond: 100,
      bursts: { chancePerSecond: 1, factor: 5, durationMs: 10_000, hotShare: 0.9 },
    });
    for (let t = 0; t <= 60_000; t += 250) bursty.tick(T0 + t);
    expect(burstShop.all().length).toBeGreaterThan(n * 3);
  });

  it('pays, cancels and refunds later, each as a newer version', () => {
    const shop = new SimulatedShop('s1');
    const gen = new OrderGenerator(shop, {
      items: syntheticItems(5),
      ratePerSecond: 10,
      cancelShare: 0.2,
      refundShare: 0.3,
      seed: 7,
    });
    const orders = gen.createOrders(500, T0);
    expect(orders.every((o) => o.status === 'unpaid')).toBe(true);
    gen.settle();
    const all = shop.all();
    const paid = all.filter((o) => o.status === 'paid');
    const cancelled = all.filter((o) => o.status === 'cancelled' && o.refundState === 'none');
    const refunded = all.filter((o) => o.refundState === 'refunded');
    expect(paid.length).toBeGreaterThan(200);
    expect(cancelled.length).toBeGreaterThan(50);
    expect(refunded.length).toBeGreaterThan(30);
    for (const o of refunded) {
      expect(o.paidAt).not.toBeNull();
      expect(o.updatedAt).toBeGreaterThan(o.paidAt!);
      expect(shop.previousVersion(o.orderId)!.updatedAt).toBeLessThan(o.updatedAt);
    }
    expect(all.every((o) => o.status !== 'unpaid')).toBe(true);
  });

  it('gives lines their own ids, the order id or the sku id by platform', () => {
    const items = syntheticItems(8);
    const own = new OrderGenerator(new SimulatedShop('d'), {
      items,
      ratePerSecond: 1,
      lineIds: 'own',
      maxLinesPerOrder: 3,
    });
    const o = own.createOrders(50, T0);
    const lineIds = o.flatMap((x) => x.lines.map((l) => l.lineId));
    expect(new Set(lineIds).size).toBe(lineIds.length);
    expect(o.some((x) => x.lines.length > 1)).toBe(true);
    const ks = new OrderGenerator(new SimulatedShop('k'), { items, ratePerSecond: 1 }).createOrders(5, T0);
    expect(ks.every((x) => x.lines.length === 1 && x.lines[0]!.lineId === x.orderId)).toBe(true);
    const jd = new OrderGenerator(new SimulatedShop('j'), {
      items,
      ratePerSecond: 1,
      lineIds: 'sku',
    }).createOrders(5, T0);
    expect(jd.every((x) => x.lines[0]!.lineId === x.lines[0]!.skuId)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = new OrderGenerator(new SimulatedShop('a'), {
      items: syntheticItems(30),
      ratePerSecond: 20,
      seed: 3,
    });
    const b = new OrderGenerator(new SimulatedShop('a'), {
      items: syntheticItems(30),
      ratePerSecond: 20,
      seed: 3,
    });
    for (let t = 0; t < 5_000; t += 100) expect(a.tick(T0 + t)).toBe(b.tick(T0 + t));
  });
});
