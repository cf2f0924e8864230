import { afterEach, describe, expect, it } from 'vitest';
import { shelfHarness, type ShelfHarness } from '../../../../../test-support/shelf/memory-studio';

let h: ShelfHarness;
afterEach(() => h?.close());

describe('demo workspace', () => {
  it('covers Gansu’s 14 prefecture-level and 86 county-level divisions, and Hotan', async () => {
    h = shelfHarness();
    expect(await h.call('shelf.loadDemo', {})).toMatchObject({ products: 97, shows: 1 });
    const { items } = await h.call('shelf.search', { limit: 1000 });
    const gansu = items.filter((p) => p.originProvince === '甘肃省');
    expect(new Set(gansu.map((p) => p.originCity)).size).toBe(14);
    expect(
      new Set(gansu.filter((p) => p.originCounty).map((p) => `${p.originCity}/${p.originCounty}`)).size,
    ).toBe(86);
    const hotan = items.filter((p) => p.originCity === '和田地区');
    expect(hotan.map((p) => p.nameZh).join()).toMatch(/核桃.*枣.*核桃乳/);
    expect(hotan.every((p) => p.nameUg && /[\u0600-\u06ff]/.test(p.nameUg))).toBe(true);
    expect(items.every((p) => p.livePriceFen <= p.listPriceFen && Number.isInteger(p.livePriceFen))).toBe(
      true,
    );
  });

  it('prepares one show, dated the day it is loaded in Beijing, with guest officials and cart link numbers', async () => {
    // 2027-03-01 17:30 UTC is already 2027-03-02 in Beijing.
    h = shelfHarness({ now: () => Date.UTC(2027, 2, 1, 17, 30) });
    await h.call('shelf.loadDemo', {});
    const [show] = await h.call('shows.list', {});
    expect(show!.showDate).toBe('2027-03-02');
    const rundown = await h.call('rundown.get', { showId: show!.id });
    expect(rundown.slots.length).toBeGreaterThanOrEqual(14);
    expect(rundown.slots.some((s) => s.presenterTitle === '副县长' && s.presenterCounty !== '')).toBe(true);
    const links = rundown.slots.flatMap((s) =>
      s.listings.filter((l) => l.platform === 'kuaishou').map((l) => l.cartLinkNo),
    );
    expect(links).toEqual(links.map((_, i) => i + 1));
    expect(rundown.slots.every((s) => s.listings.every((l) => l.skuIds.length > 0))).toBe(true);
  });

  it('refuses to load into a shelf that has products', async () => {
    h = shelfHarness();
    await h.call('shelf.loadDemo', {});
    await expect(h.call('shelf.loadDemo', {})).rejects.toMatchObject({
      error: { code: 'conflict', key: 'shelf:errors.demoNeedsEmptyShelf' },
    });
    expect((await h.call('shelf.search', {})).total).toBe(97);
  });
});
