import { z } from 'zod';
import { event } from '../define';
import { SyncedPlatformSchema } from './shelf';

const count = z.number().int().nonnegative();
const money = z.number().int();

/** Live sales figures: what overlays (sales counter, leaderboard) and the dashboard show. */
export const SalesFiguresSchema = z.object({
  at: z.number().int(),
  /** The show these figures belong to, or null for all orders. */
  showId: z.number().int().positive().nullable(),
  totals: z.object({ orders: count, units: count, gmvFen: money, refundedFen: money }),
  byPlatform: z.array(
    z.object({ platform: SyncedPlatformSchema, orders: count, units: count, gmvFen: money }),
  ),
  byProduct: z.array(
    z.object({ productId: z.number().int().positive(), orders: count, units: count, gmvFen: money }),
  ),
  byCounty: z.array(z.object({ city: z.string(), county: z.string(), units: count, gmvFen: money })),
});
export type SalesFigures = z.infer<typeof SalesFiguresSchema>;

export const ordersOperations = {};

export const ordersEvents = {
  'orders.figuresChanged': event({
    summary: 'Sales figures changed (new, updated, refunded or cancelled orders).',
    payload: SalesFiguresSchema,
  }),
};
