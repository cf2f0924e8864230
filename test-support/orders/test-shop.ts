import { OrderGenerator, type LineIdScheme } from '../../src/main/core/orders/demo/order-generator';
import { syntheticItems } from '../../src/main/core/orders/demo/shelf-items';
import { SimulatedShop } from '../../src/main/core/orders/demo/simulated-shop';

/**
 * A settled shop for adapter tests: `count` orders created over the hour before `now − 10 min`,
 * with every pay / cancel / refund transition applied (refunds arrive minutes after payment).
 */
export function settledTestShop(opts: {
  shopId: string;
  lineIds: LineIdScheme;
  count?: number;
  now?: number;
}) {
  const now = opts.now ?? Date.now();
  const shop = new SimulatedShop(opts.shopId);
  const gen = new OrderGenerator(shop, {
    items: syntheticItems(12),
    ratePerSecond: 1,
    seed: 7,
    lineIds: opts.lineIds,
    maxLinesPerOrder: 3,
    cancelShare: 0.15,
    refundShare: 0.3,
  });
  const count = opts.count ?? 60;
  const start = now - 70 * 60_000;
  for (let i = 0; i < count; i++)
    gen.createOrders(1, start + Math.floor((i * 60 * 60_000) / count) + (i % 1000));
  gen.settle();
  return { shop, gen, window: { from: start - 60_000, to: now } };
}
