import { describe, expect, it } from 'vitest';
import { OrderGenerator } from './order-generator';
import { syntheticItems } from './shelf-items';
import { SimulatedShop, type TruthOrder } from './simulated-shop';

/** The query as first specified: a full scan, oldest first, ties by order id. */
function naive(all: TruthOrder[], by: 'update' | 'create', from: number, to: number) {
  const key = by === 'update' ? 'updatedAt' : 'createdAt';
  return all
    .filter((o) => o[key] >= from && o[key] < to)
    .sort((a, b) => a[key] - b[key] || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
}

describe('SimulatedShop.query', () => {
  it('answers from its time indexes exactly what a full scan answers', () => {
    const shop = new SimulatedShop('s');
    const gen = new OrderGenerator(shop, {
      items: syntheticItems(10),
      ratePerSecond: 50,
      refundShare: 0.3,
      cancelShare: 0.2,
    });
    const t0 = Date.UTC(2026, 10, 21);
    for (let t = 0; t < 60_000; t += 137) gen.tick(t0 + t);
    gen.settle();
    const all = shop.all();
    expect(all.length).toBeGreaterThan(1000);
    for (let i = 0; i < 200; i++) {
      const from = t0 + ((i * 7919) % 70_000) - 5_000;
      const to = from + ((i * 104729) % 20_000);
      for (const by of ['update', 'create'] as const)
        expect(shop.query(by, from, to).map((o) => o.orderId)).toEqual(
          naive(all, by, from, to).map((o) => o.orderId),
        );
    }
  });
});

describe('SimulatedShop.forgetBefore', () => {
  it('holds a bounded span of orders through a long show and answers recent windows as before', () => {
    const items = syntheticItems(10);
    const options = {
      items,
      ratePerSecond: 1,
      refundShare: 0.1,
      cancelShare: 0.1,
      seed: 7,
      bursts: { chancePerSecond: 0, factor: 1, durationMs: 0, hotShare: 0 },
    };
    const full = new SimulatedShop('s');
    const kept = new SimulatedShop('s');
    const fullGen = new OrderGenerator(full, options);
    const keptGen = new OrderGenerator(kept, options);
    const t0 = Date.UTC(2026, 10, 21);
    const retainMs = 20 * 60_000;
    const hours = 2;
    let peak = 0;
    for (let t = t0; t <= t0 + hours * 3_600_000; t += 1_000) {
      fullGen.tick(t);
      keptGen.tick(t);
      if ((t - t0) % 60_000 === 0) kept.forgetBefore(t - retainMs);
      peak = Math.max(peak, kept.size);
    }
    const end = t0 + hours * 3_600_000;
    // Two hours at 1 order/s: ~7,200 orders; about twenty minutes of them (~1,200) are held.
    expect(full.size).toBeGreaterThan(6_500);
    expect(peak).toBeLessThan(full.size / 4);
    const cutoff = end - retainMs + 60_000;
    for (let i = 0; i < 100; i++) {
      const from = cutoff + ((i * 7919) % (retainMs - 120_000));
      const to = from + ((i * 104729) % 300_000);
      for (const by of ['update', 'create'] as const)
        expect(kept.query(by, from, to).map((o) => o.orderId)).toEqual(
          full.query(by, from, to).map((o) => o.orderId),
        );
    }
    // What is held is exactly what was updated since the last forgetting.
    const last = end - ((end - t0) % 60_000) - retainMs;
    expect(kept.all().every((o) => o.updatedAt >= last)).toBe(true);
    expect(kept.size).toBe(full.all().filter((o) => o.updatedAt >= last).length);
  });
});
