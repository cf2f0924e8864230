import { z } from 'zod';

/**
 * The price guard's rules (see src/main/core/shelf/price-guard.ts):
 * - `digits`: the new price has a different number of digits than the previous one and is at
 *   least 5× or at most ⅕ of it (a dropped or added zero; 9.99 → 10.00 is not flagged);
 * - `drop`: more than 50 % below the previous price;
 * - `below_list`: under 10 % of the list price.
 */
export const PriceRiskSchema = z.enum(['digits', 'drop', 'below_list']);
export type PriceRisk = z.infer<typeof PriceRiskSchema>;

/** Where a price change came from. `edit`: the studio's own window; `api`: a remote console or script. */
export const PriceSourceSchema = z.enum(['edit', 'api', 'import', 'undo', 'other']);
export type PriceSource = z.infer<typeof PriceSourceSchema>;

export const PriceFieldSchema = z.enum(['live', 'list', 'override']);

/** One row of the price audit log. Prices in fen; null is "no override". */
export const PriceChangeSchema = z.object({
  id: z.number().int().positive(),
  at: z.number().int(),
  productId: z.number().int().positive(),
  productName: z.string(),
  slotId: z.number().int().positive().nullable(),
  showId: z.number().int().positive().nullable(),
  field: PriceFieldSchema,
  oldFen: z.number().int().nullable(),
  newFen: z.number().int().nullable(),
  source: PriceSourceSchema,
  /** The caller: its role, and its access link's label when it has one ("operator", "guest:小王"). */
  actor: z.string(),
  reasons: z.array(PriceRiskSchema),
  /** The operator typed the new price a second time. */
  confirmed: z.boolean(),
});
export type PriceChange = z.infer<typeof PriceChangeSchema>;

export const PriceLogInputSchema = z.strictObject({
  /** Only this product's changes. */
  productId: z.number().int().positive().optional(),
  /** Only changes at or after / before these instants (ms). */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

/** The second confirmation of a suspicious price: the new price in fen, typed again. */
export const confirmPriceFen = z.number().int().nonnegative().max(1_000_000_000).optional();
