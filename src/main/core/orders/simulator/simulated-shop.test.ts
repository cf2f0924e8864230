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
