import { describe, expect, it } from 'vitest';
import { SalesDelta } from './sales-delta';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 22, 8, 0);

describe('SalesDelta', () => {
  it('sums each (show, platform, product, minute) cell once, and keeps the others apart', () => {
    const d = new SalesDelta();
    d.addLine({ showId: 1, platform: 'kuaishou', productId: 7, minute: T }, 1, 2, 1000);
    d.addLine({ showId: 1, platform: 'kuaishou', productId: 7, minute: T }, 1, 1, 500);
    d.addLine({ showId: 1, platform: 'kuaishou', productId: 7, minute: T }, -1, 1, 500);
    d.addRefund({ showId: 1, platform: 'kuaishou', productId: 7, minute: T }, 300);
    // Each differs from the first in one part of the key.
    d.addLine({ showId: 2, platform: 'kuaishou', productId: 7, minute: T }, 1, 1, 1);
    d.addLine({ showId: 1, platform: 'douyin', productId: 7, minute: T }, 1, 1, 2);
    d.addLine({ showId: 1, platform: 'kuaishou', productId: 8, minute: T }, 1, 1, 3);
    d.addLine({ showId: 1, platform: 'kuaishou', productId: 7, minute: T + MIN }, 1, 1, 4);
    expect(d.cells).toEqual([
      {
        showId: 1,
        platform: 'kuaishou',
        productId: 7,
        minute: T,
        lines: 1,
        units: 2,
        gmvFen: 1000,
        refundedFen: 300,
      },
      {
        showId: 2,
        platform: 'kuaishou',
        productId: 7,
        minute: T,
        lines: 1,
        units: 1,
        gmvFen: 1,
        refundedFen: 0,
      },
      {
        showId: 1,
        platform: 'douyin',
        productId: 7,
        minute: T,
        lines: 1,
        units: 1,
        gmvFen: 2,
        refundedFen: 0,
      },
      {
        showId: 1,
        platform: 'kuaishou',
        productId: 8,
        minute: T,
        lines: 1,
        units: 1,
        gmvFen: 3,
        refundedFen: 0,
      },
      {
        showId: 1,
        platform: 'kuaishou',
        productId: 7,
        minute: T + MIN,
        lines: 1,
        units: 1,
        gmvFen: 4,
        refundedFen: 0,
      },
    ]);
  });

  it('keys cells whose product id or minute is out of the numeric range by string, without mixing them up', () => {
    const d = new SalesDelta();
    const huge = 2 ** 40;
    d.addLine({ showId: 1, platform: 'jd', productId: huge, minute: T }, 1, 1, 10);
    d.addLine({ showId: 1, platform: 'jd', productId: huge, minute: T }, 1, 1, 10);
    d.addLine({ showId: 1, platform: 'jd', productId: huge + 1, minute: T }, 1, 1, 10);
    d.addLine({ showId: 1, platform: 'jd', productId: 0, minute: -MIN }, 1, 1, 10);
    d.addLine({ showId: 1, platform: 'jd', productId: 0, minute: -MIN }, 1, 1, 10);
    expect(d.cells.map((c) => [c.productId, c.minute, c.lines])).toEqual([
      [huge, T, 2],
      [huge + 1, T, 1],
      [0, -MIN, 2],
    ]);
  });

  it('counts orders per (show, platform, minute), and is empty until something is added', () => {
    const d = new SalesDelta();
    expect(d.empty).toBe(true);
    d.addOrder({ showId: 1, platform: 'taobao', minute: T }, 1);
    d.addOrder({ showId: 1, platform: 'taobao', minute: T }, 1);
    d.addOrder({ showId: 1, platform: 'taobao', minute: T }, -1);
    d.addOrder({ showId: 1, platform: 'jd', minute: T }, 1);
    expect(d.empty).toBe(false);
    expect(d.orderCounts).toEqual([
      { showId: 1, platform: 'taobao', minute: T, orders: 1 },
      { showId: 1, platform: 'jd', minute: T, orders: 1 },
    ]);
  });
});
