import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Studio } from '../studio';

beforeAll(() => {
  process.env.SHELFCAST_OVERLAY_PORT = '0';
});

/**
 * Issue 20's remaining on-air safety points in a real in-memory studio (no OBS: GO skips it):
 * the lower third's role, the undo history restoring everything, the price guard following the
 * show window, and a rundown import's prices going through the guard and the audit log.
 */
describe('on-air history, roles and guarded rundown prices', () => {
  let studio: Studio;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-onair2-'));
    studio = new Studio({ dataDir, mode: 'headless' });
    await studio.start();
  });

  afterEach(async () => {
    await studio.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function show() {
    const product = async (nameZh: string, outerSku: string, livePriceFen: number) =>
      (
        await studio.call('shelf.create', {
          product: {
            nameZh,
            outerSku,
            listPriceFen: livePriceFen * 2,
            livePriceFen,
            stock: 50,
            status: 'ready',
          },
        })
      ).product;
    const peach = await product('秦安蜜桃', 'QA-1', 2990);
    const jade = await product('和田玉吊坠', 'HT-1', 268_000_00);
    const dates = await product('和田大枣', 'HT-2', 3990);
    const s = await studio.call('shows.create', { title: '甘肃好物', showDate: '2026-11-21' });
    const add = (productId: number, presenter: { name: string; title?: string; role?: string }) =>
      studio.call('rundown.addSlot', {
        showId: s.id,
        productId,
        presenterName: presenter.name,
        presenterTitle: presenter.title ?? '',
        presenterRole: presenter.role ?? '',
      });
    const slots = [
      await add(peach.id, { name: '小李' }),
      await add(jade.id, { name: '王明', title: '副县长' }),
      await add(dates.id, { name: '张华', title: '副县长', role: '县长' }),
    ];
    return { show: s, products: [peach, jade, dates], slots };
  }

  it('the lower third says the slot’s role: 主播 by default, 嘉宾 for a titled guest, or what the rundown names', async () => {
    const { show: s, slots } = await show();
    await studio.call('show.select', { showId: s.id });
    const lowerThird = () => studio.overlays.state.state().lowerThird;
    await studio.call('show.go', { slotId: slots[0]!.id });
    expect(lowerThird()).toMatchObject({ visible: true, name: '小李', role: '', kind: 'host' });
    await studio.call('show.go', { slotId: slots[1]!.id });
    expect(lowerThird()).toMatchObject({ name: '王明', title: '副县长', role: '', kind: 'guest' });
    await studio.call('show.go', { slotId: slots[2]!.id });
    expect(lowerThird()).toMatchObject({ name: '张华', role: '县长', kind: 'guest' });
    // Edited (Rundown page or the cue editor): the cue and the next GO follow.
    await studio.call('rundown.updateSlot', {
      slotId: slots[0]!.id,
      patch: { presenterRole: '  带货主播 ' },
    });
    const cue = (await studio.call('cues.list', { showId: s.id })).cues[0]!;
    expect(cue.presenter).toMatchObject({ role: '带货主播', kind: 'host' });
    await studio.call('show.go', { slotId: slots[0]!.id });
    expect(lowerThird()).toMatchObject({ name: '小李', role: '带货主播' });
    // The role travels with the rundown file.
    const file = await studio.call('rundown.export', { showId: s.id, format: 'csv' });
    await studio.call('show.end', {});
    const back = await studio.call('rundown.import', {
      showId: s.id,
      fileName: 'rundown.csv',
      contentBase64: file.contentBase64,
    });
    expect(back.slots.map((x) => x.presenterRole)).toEqual(['带货主播', '', '县长']);
  });

  it('the history lists deletes from anywhere; an undo restores the slot, its cue settings and the console’s standby', async () => {
    const { show: s, slots } = await show();
    await studio.call('show.select', { showId: s.id });
    await studio.call('cues.update', {
      slotId: slots[1]!.id,
      settings: { countdownSeconds: 90, ticker: false, talkingPoints: '玉石讲解' },
    });
    await studio.call('show.go', { slotId: slots[0]!.id });
    expect((await studio.call('show.state', {})).standbySlotId).toBe(slots[1]!.id);

    await studio.call('rundown.removeSlot', { slotId: slots[1]!.id });
    expect((await studio.call('show.state', {})).standbySlotId).toBeNull();
    const { entries } = await studio.call('shelf.history', {});
    expect(entries[0]).toMatchObject({
      kind: 'removeSlot',
      params: { name: '和田玉吊坠', title: '甘肃好物', position: 2 },
    });
    await studio.call('shelf.undo', { undoToken: entries[0]!.token });

    const cue = (await studio.call('cues.list', { showId: s.id })).cues.find(
      (c) => c.slotId === slots[1]!.id,
    );
    expect(cue?.settings).toEqual({
      productCard: true,
      ticker: false,
      lowerThird: true,
      countdownSeconds: 90,
      talkingPoints: '玉石讲解',
    });
    expect((await studio.call('show.state', {})).standbySlotId).toBe(slots[1]!.id);
    // Taken back once: it leaves the history.
    expect((await studio.call('shelf.history', {})).entries.map((e) => e.token)).not.toContain(
      entries[0]!.token,
    );
  });

  it('undoing a deleted show brings back its cues’ settings and the console’s choice of it', async () => {
    const { show: s, slots } = await show();
    await studio.call('show.select', { showId: s.id });
    await studio.call('cues.update', { slotId: slots[2]!.id, settings: { countdownSeconds: 45 } });
    await studio.call('shows.delete', { id: s.id });
    expect((await studio.call('show.state', {})).showId).toBeNull();
    const entry = (await studio.call('shelf.history', {})).entries[0]!;
    expect(entry).toMatchObject({ kind: 'deleteShow', params: { title: '甘肃好物', count: 3 } });
    await studio.call('shelf.undo', { undoToken: entry.token });
    expect((await studio.call('show.state', {})).showId).toBe(s.id);
    const cues = (await studio.call('cues.list', { showId: s.id })).cues;
    expect(cues.map((c) => c.settings.countdownSeconds)).toEqual([null, null, 45]);
  });

  it('the price guard follows the show window: on from the first GO, off after End show with the show still chosen', async () => {
    const { show: s, products, slots } = await show();
    const jade = products[1]!.id;
    await studio.call('show.select', { showId: s.id });
    await studio.call('show.go', { slotId: slots[0]!.id });
    await expect(
      studio.call('shelf.update', { id: jade, patch: { livePriceFen: 26_800_00 } }),
    ).rejects.toMatchObject({
      error: { code: 'conflict', key: 'shelf:priceGuard.confirm' },
    });
    await studio.call('show.end', {});
    expect((await studio.call('show.state', {})).showId).toBe(s.id);
    const after = await studio.call('shelf.update', { id: jade, patch: { livePriceFen: 26_800_00 } });
    expect(after.product.livePriceFen).toBe(26_800_00);
  });

  it('a rundown import’s slot prices go through the price guard and into the audit log', async () => {
    const { show: s, products, slots } = await show();
    await studio.call('show.select', { showId: s.id });
    await studio.call('show.go', { slotId: slots[0]!.id });
    const csv = (jadePrice: string) => ({
      showId: s.id,
      fileName: 'rundown.csv',
      contentBase64: Buffer.from(
        `外部编码,商品名称,主播,本场价\nQA-1,秦安蜜桃,小李,\nHT-1,和田玉吊坠,王明,${jadePrice}\n`,
      ).toString('base64'),
    });
    // A dropped zero while the show is on air: refused, nothing changed, nothing logged.
    await expect(studio.call('rundown.import', csv('26800'))).rejects.toMatchObject({
      error: {
        code: 'conflict',
        key: 'shelf:onair2.rundownPriceRefused',
        params: { count: 1, row: 3, name: '和田玉吊坠', old: '268000.00', new: '26800.00' },
      },
    });
    expect((await studio.call('rundown.get', { showId: s.id })).slots).toHaveLength(3);
    expect((await studio.call('shelf.priceLog', { limit: 10 })).changes).toEqual([]);
    // A modest show price is imported, and logged as an import with who did it.
    const r = await studio.call('rundown.import', csv('250000'));
    const jadeSlot = r.slots[1]!;
    expect(jadeSlot.livePriceOverrideFen).toBe(250_000_00);
    expect((await studio.call('shelf.priceLog', { limit: 10 })).changes).toEqual([
      expect.objectContaining({
        field: 'override',
        productId: products[1]!.id,
        slotId: jadeSlot.id,
        showId: s.id,
        oldFen: 268_000_00,
        newFen: 250_000_00,
        source: 'import',
        reasons: [],
      }),
    ]);
    // Re-importing the same price is no change.
    await studio.call('rundown.import', csv('250000'));
    expect((await studio.call('shelf.priceLog', { limit: 10 })).changes).toHaveLength(1);
  });
});
