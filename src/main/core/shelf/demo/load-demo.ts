import { z } from 'zod';
import {
  ListingInputSchema,
  ProductInputSchema,
  ShowInputSchema,
  SlotInputSchema,
} from '@shared/api/domains/shelf';
import { ApiFailure } from '@shared/api/errors';
import { beijingDate } from '@shared/time/beijing';
import demoFile from '../../../../../resources/demo/shelf.json';
import type { ShelfContext } from '../shelf-context';

/** resources/demo/shelf.json: products with listings, and one show whose slots name products by outer SKU. */
const DemoSchema = z.object({
  version: z.literal(1),
  products: z.array(ProductInputSchema.extend({ listings: z.array(ListingInputSchema) })),
  show: ShowInputSchema.extend({
    slots: z.array(SlotInputSchema.omit({ productId: true }).extend({ outerSku: z.string() })),
  }),
});

/**
 * Fills an empty shelf with the demo workspace: Gansu's 14 prefecture-level divisions and 86
 * county-level divisions, Hotan's walnuts, jujubes and walnut milk, and one prepared show.
 * Refuses when the shelf already has products, so it never mixes into real data. The show is
 * dated the day it is loaded (Beijing time), whatever date the file carries.
 */
export function loadDemoWorkspace(s: ShelfContext): { products: number; shows: number; showId: number } {
  const demo = DemoSchema.parse(demoFile);
  const { ids, showId } = s.db().transaction(() => {
    if (s.products.count() > 0) {
      throw new ApiFailure('conflict', 'the shelf is not empty', { key: 'shelf:errors.demoNeedsEmptyShelf' });
    }
    const created = new Map<string, number>();
    for (const { listings, ...product } of demo.products) {
      created.set(product.outerSku!, s.products.create(product, listings));
    }
    const { slots, ...show } = demo.show;
    const showId = s.rundowns.createShow({ ...show, showDate: beijingDate(s.now()) });
    for (const { outerSku, ...slot } of slots) {
      const productId = created.get(outerSku);
      if (productId === undefined) throw new Error(`demo slot names unknown product ${outerSku}`);
      s.rundowns.addSlot(showId, { ...slot, productId });
    }
    return { ids: [...created.values()], showId };
  })();
  s.shelf.announceChanged(ids);
  return { products: ids.length, shows: 1, showId };
}
