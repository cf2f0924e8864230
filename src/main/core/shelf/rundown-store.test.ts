import { afterEach, describe, expect, it } from 'vitest';
import { productInput, shelfHarness, type ShelfHarness } from '../../../../test-support/shelf/memory-studio';

let h: ShelfHarness;
afterEach(() => h?.close());

/** A show with `n` slots, one product each. */
async function showWith(n: number) {
  const show = await h.call('shows.create', {
    title: '甘肃好物节',
    showDate: '2026-11-22',
    platforms: ['kuaishou'],
  });
  const slotIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = (await h.call('shelf.create', { product: productInput({ nameZh: `商品${i}` }) })).product;
    slotIds.push((await h.call('rundown.addSlot', { showId: show.id, productId: p.id })).id);
  }
  return { show, slotIds };
}

const order = async (showId: number) => (await h.call('rundown.get', { showId })).slots.map((s) => s.id);

/** Positions are exactly 0..n-1 in the database, whatever happened before. */
function assertContiguous(showId: number) {
  const positions = h.db
    .prepare<[number], { position: number }>(
      'SELECT position FROM rundown_slot WHERE show_id = ? ORDER BY position',
    )
    .all(showId)
    .map((r) => r.position);
  expect(positions).toEqual(positions.map((_, i) => i));
}

describe('rundown', () => {
  it('adds at the end or at a position, with product and listings on every slot', async () => {
    h = shelfHarness();
    const { show, slotIds } = await showWith(3);
    const p = (
      await h.call('shelf.create', {
        product: productInput({ nameZh: '和田大枣' }),
        listings: [{ platform: 'kuaishou', itemId: '77', cartLinkNo: 5 }],
      })
    ).product;
    const added = await h.call('rundown.addSlot', {
      showId: show.id,
      productId: p.id,
      position: 1,
      presenterName: '王明',
      presenterTitle: '副县长',
      presenterCounty: '和田县',
    });
    expect(added).toMatchObject({ position: 1, presenterTitle: '副县长', product: { nameZh: '和田大枣' } });
    expect(added.listings[0]?.cartLinkNo).toBe(5);
    expect(await order(show.id)).toEqual([slotIds[0], added.id, slotIds[1], slotIds[2]]);
    assertContiguous(show.id);
  });

  it('keeps positions contiguous and unique through random moves, removals and undos', async () => {
    h = shelfHarness();
    const { show, slotIds } = await showWith(8);
    const model = [...slotIds];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const undos: { token: string; id: number; at: number }[] = [];
    for (let step = 0; step < 60; step++) {
      const op = rnd(3);
      if (op < 2 || model.length < 2) {
        const id = model[rnd(model.length)]!;
        const to = rnd(model.length + 2); // past the end clamps to the end
        model.splice(model.indexOf(id), 1);
        model.splice(Math.min(to, model.length), 0, id);
        await h.call('rundown.moveSlot', { slotId: id, toPosition: to });
      } else if (undos.length > 0 && rnd(2) === 0) {
        const u = undos.pop()!;
        await h.call('shelf.undo', { undoToken: u.token });
        model.splice(Math.min(u.at, model.length), 0, u.id);
      } else {
        const at = rnd(model.length);
        const id = model[at]!;
        const { undoToken } = await h.call('rundown.removeSlot', { slotId: id });
        model.splice(at, 1);
        undos.push({ token: undoToken, id, at });
      }
      expect(await order(show.id)).toEqual(model);
      assertContiguous(show.id);
    }
  });

  it('moves on air with next/previous, stays put at the ends, and emits each change', async () => {
    h = shelfHarness();
    const { show, slotIds } = await showWith(3);
    expect((await h.call('rundown.next', { showId: show.id })).onAirSlotId).toBe(slotIds[0]);
    expect((await h.call('rundown.previous', { showId: show.id })).onAirSlotId).toBe(slotIds[0]);
    await h.call('rundown.next', { showId: show.id });
    await h.call('rundown.next', { showId: show.id });
    const last = await h.call('rundown.next', { showId: show.id });
    expect(last.onAirSlotId).toBe(slotIds[2]);
    expect(last.show.onAirSlotId).toBe(slotIds[2]);
    await h.call('rundown.setOnAir', { showId: show.id, slotId: slotIds[1]! });
    await h.call('rundown.setOnAir', { showId: show.id, slotId: null });
    expect(h.eventsOf('rundown.onAirChanged').map((e) => e.slotId)).toEqual([
      slotIds[0],
      slotIds[1],
      slotIds[2],
      slotIds[1],
      null,
    ]);
    expect(h.shelf.reader.onAir(show.id)).toBeUndefined();
  });

  it('refuses to put another show’s slot on air', async () => {
    h = shelfHarness();
    const a = await showWith(1);
    const b = await showWith(1);
    await expect(h.call('rundown.setOnAir', { showId: a.show.id, slotId: b.slotIds[0]! })).rejects.toThrow(
      /not_found/,
    );
  });

  it('removing the on-air slot clears on air; undo puts it back on air', async () => {
    h = shelfHarness();
    const { show, slotIds } = await showWith(2);
    await h.call('rundown.setOnAir', { showId: show.id, slotId: slotIds[1]! });
    const { undoToken } = await h.call('rundown.removeSlot', { slotId: slotIds[1]! });
    expect((await h.call('rundown.get', { showId: show.id })).show.onAirSlotId).toBeNull();
    await h.call('shelf.undo', { undoToken });
    expect(h.shelf.reader.onAir(show.id)?.slot.id).toBe(slotIds[1]);
  });

  it('refuses to delete the show on air, and deletes it once nothing is on air', async () => {
    h = shelfHarness();
    const { show, slotIds } = await showWith(2);
    await h.call('rundown.setOnAir', { showId: show.id, slotId: slotIds[0]! });
    await expect(h.call('shows.delete', { id: show.id })).rejects.toMatchObject({
      error: { code: 'conflict', key: 'shelf:errors.showOnAir' },
    });
    expect(await h.call('shows.list', {})).toHaveLength(1);
    await h.call('rundown.setOnAir', { showId: show.id, slotId: null });
    await h.call('shows.delete', { id: show.id });
    expect(await h.call('shows.list', {})).toEqual([]);
  });

  it('deletes a show with its slots and brings both back on undo', async () => {
    h = shelfHarness();
    const { show, slotIds } = await showWith(2);
    await h.call('rundown.updateSlot', { slotId: slotIds[0]!, patch: { plannedSeconds: 120 } });
    const before = await h.call('rundown.get', { showId: show.id });
    const { undoToken } = await h.call('shows.delete', { id: show.id });
    expect(await h.call('shows.list', {})).toEqual([]);
    await h.call('shelf.undo', { undoToken });
    expect(await h.call('rundown.get', { showId: show.id })).toEqual(before);
  });

  it('updates a slot and a show', async () => {
    h = shelfHarness();
    const { show, slotIds } = await showWith(1);
    const s = await h.call('rundown.updateSlot', {
      slotId: slotIds[0]!,
      patch: { cameraPreset: '近景', livePriceOverrideFen: 1990, plannedSeconds: 240 },
    });
    expect(s).toMatchObject({ cameraPreset: '近景', livePriceOverrideFen: 1990, plannedSeconds: 240 });
    const renamed = await h.call('shows.update', { id: show.id, title: '和田专场' });
    expect(renamed).toMatchObject({ title: '和田专场', showDate: '2026-11-22', platforms: ['kuaishou'] });
  });
});
