import type { SalesFigures } from '@shared/api/domains/orders';
import type { Product } from '@shared/api/domains/shelf';
import { describe, expect, it } from 'vitest';
import type { ShelfStore } from '../shelf/shelf-store';
import { defaultControls } from './overlay-controls';
import { buildSections } from './overlay-state-builder';

/** A shelf of `n` products that counts its product reads. */
function countingShelf(n: number) {
  const reads: number[] = [];
  const shelf = {
    getProduct: (id: number) => {
      reads.push(id);
      return id <= n
        ? ({ id, nameZh: `商品${id}`, nameEn: null, nameUg: null } as unknown as Product)
        : undefined;
    },
    listingsOf: () => [],
    rundown: () => [],
  } as unknown as ShelfStore;
  return { shelf, reads };
}

const figures = (n: number): SalesFigures => ({
  at: 0,
  showId: null,
  totals: { orders: 0, units: 0, gmvFen: 0, refundedFen: 0 },
  byPlatform: [],
  // Units: product 7 sells most, then 8, 9, …; ties broken by key.
  byProduct: Array.from({ length: n }, (_, i) => ({
    productId: i + 1,
    orders: 1,
    units: (i + 7 - 1) % n === 0 ? 1_000 : n - ((i + n - 6) % n),
    gmvFen: 100 * (i + 1),
  })),
  byCounty: [],
});

describe('buildSections: leaderboard', () => {
  it('reads the names of the rows it shows only, not of every product sold', () => {
    const { shelf, reads } = countingShelf(263);
    const c = defaultControls();
    const sections = buildSections(c, shelf, figures(263), () => null);
    const rows = sections.leaderboard.rows;
    expect(rows).toHaveLength(c.leaderboard.size);
    // The same rows, in the same order, as ranking every product first.
    const ranked = figures(263)
      .byProduct.map((r) => ({ key: `p${r.productId}`, units: r.units }))
      .sort((a, b) => b.units - a.units || a.key.localeCompare(b.key))
      .slice(0, c.leaderboard.size);
    expect(rows.map((r) => ({ key: r.key, units: r.units }))).toEqual(ranked);
    expect(rows.map((r) => r.label.zh)).toEqual(ranked.map((r) => `商品${r.key.slice(1)}`));
    expect(reads).toHaveLength(c.leaderboard.size);
  });

  it('labels a product no longer on the shelf by its id', () => {
    const { shelf } = countingShelf(0);
    const rows = buildSections(defaultControls(), shelf, figures(3), () => null).leaderboard.rows;
    expect(rows.map((r) => r.label.zh).sort()).toEqual(['#1', '#2', '#3']);
  });
});
