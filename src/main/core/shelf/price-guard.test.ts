import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '@shared/api/client';
import type { OperationInput, OperationName, OperationOutput } from '@shared/api/contract';
import { Dispatcher, type CallContext, type Handlers } from '../api/dispatcher';
import { LogHub } from '../logging/log-hub';
import { checkPriceChange } from './price-guard';
import { productInput, shelfHarness, type ShelfHarness } from '../../../../test-support/shelf/memory-studio';

/** A fixed instant: the audit's clock is injected, never read from the machine. */
const T0 = 1_780_000_000_000;

describe('price guard rules', () => {
  const risks = (oldFen: number, newFen: number, listFen = 0) =>
    checkPriceChange({ oldFen, newFen, listFen });

  it('digits: a dropped or added zero, not a mere change of digit count', () => {
    expect(risks(268_000_00, 26_800_00)).toContain('digits'); // 2.68 M → 268 000: a zero dropped
    expect(risks(2680, 26800)).toEqual(['digits']); // a zero added
    expect(risks(26800, 134000)).toEqual(['digits']); // exactly 5×, one more digit: flagged
    expect(risks(26800, 133999)).toEqual([]); // just under 5×: not flagged
    expect(risks(999, 1000)).toEqual([]); // 9.99 → 10.00: one more digit, same price
    expect(risks(20000, 99999)).toEqual([]); // same digit count, ~5×: not this rule
  });

  it('drop: more than 50 % below the previous price', () => {
    expect(risks(10000, 5000)).toEqual([]); // exactly half: allowed
    expect(risks(10000, 4999)).toEqual(['drop']);
    expect(risks(10001, 5000)).toEqual(['drop']);
  });

  it('below_list: under 10 % of the list price', () => {
    expect(risks(1200, 1000, 10000)).toEqual([]); // exactly 10 %: allowed
    expect(risks(1200, 999, 10000)).toEqual(['below_list']);
    expect(risks(1200, 999, 0)).toEqual([]); // no list price: no ratio
  });

  it('an unchanged price trips nothing; several rules can trip at once', () => {
    expect(risks(500, 500, 100_000)).toEqual([]);
    expect(risks(268_000_00, 26_800_00, 300_000_00)).toEqual(['digits', 'drop', 'below_list']);
  });
});

describe('price guard in the API', () => {
  let h: ShelfHarness;
  afterEach(() => h?.close());
  let clock = T0;

  const call = async <K extends OperationName>(
    name: K,
    input: OperationInput<K>,
    ctx: CallContext = { role: 'operator', transport: 'ipc' },
  ): Promise<OperationOutput<K>> => {
    const d = new Dispatcher(
      h.shelf.handlers as Handlers,
      new LogHub({ sink: () => undefined }).logger('api'),
    );
    const r = await d.dispatch(name, input, ctx);
    if (!r.ok) throw new ApiCallError(r.error);
    return r.value as never;
  };
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      if (err instanceof ApiCallError) return err.error;
    }
    throw new Error('expected an API failure');
  };

  async function setup() {
    clock = T0;
    h = shelfHarness({ now: () => clock });
    const p = await call('shelf.create', {
      product: productInput({ nameZh: '和田玉吊坠', listPriceFen: 300_000_00, livePriceFen: 268_000_00 }),
    });
    const show = await call('shows.create', { title: '玉石专场', showDate: '2026-11-21' });
    const slot = await call('rundown.addSlot', { showId: show.id, productId: p.product.id });
    return { id: p.product.id, show, slot };
  }

  it('refuses a dropped zero while a show is on air, and accepts it typed again', async () => {
    const { id, show, slot } = await setup();
    await call('rundown.setOnAir', { showId: show.id, slotId: slot.id });
    const err = await failure(call('shelf.update', { id, patch: { livePriceFen: 26_800_00 } }));
    expect(err).toMatchObject({
      code: 'conflict',
      key: 'shelf:priceGuard.confirm',
      params: {
        oldFen: 268_000_00,
        newFen: 26_800_00,
        old: '268000.00',
        new: '26800.00',
        reason: 'digits,drop,below_list',
      },
    });
    expect((await call('shelf.get', { id })).product.livePriceFen).toBe(268_000_00);
    const wrong = await failure(
      call('shelf.update', { id, patch: { livePriceFen: 26_800_00 }, confirmPriceFen: 268_000_00 }),
    );
    expect(wrong).toMatchObject({ code: 'conflict', key: 'shelf:priceGuard.confirmMismatch' });
    clock = T0 + 60_000;
    const ok = await call('shelf.update', {
      id,
      patch: { livePriceFen: 26_800_00 },
      confirmPriceFen: 26_800_00,
    });
    expect(ok.product.livePriceFen).toBe(26_800_00);
    const { changes } = await call('shelf.priceLog', { limit: 10 });
    expect(changes).toEqual([
      expect.objectContaining({
        at: T0 + 60_000,
        productId: id,
        productName: '和田玉吊坠',
        field: 'live',
        oldFen: 268_000_00,
        newFen: 26_800_00,
        source: 'edit',
        actor: 'operator',
        reasons: ['digits', 'drop', 'below_list'],
        confirmed: true,
      }),
    ]);
  });

  it('the guard follows the show window: open from start to end, not while a show is merely chosen', async () => {
    const { id, show } = await setup();
    // Chosen in the console (preparing, or still chosen after "End show"): not open, only logged.
    h.db.prepare('UPDATE showday_state SET show_id = ? WHERE id = 1').run(show.id);
    await call(
      'shelf.update',
      { id, patch: { livePriceFen: 100_000_00 } },
      { role: 'operator', transport: 'ws' },
    );
    // Started (window open, nothing on air yet): open.
    h.db.prepare('UPDATE show SET on_air_from = ?, on_air_to = NULL WHERE id = ?').run(T0, show.id);
    const err = await failure(call('shelf.update', { id, patch: { livePriceFen: 10_000_00 } }));
    expect(err).toMatchObject({ code: 'conflict', key: 'shelf:priceGuard.confirm' });
    // A modest change needs no confirmation, open show or not.
    await call('shelf.update', { id, patch: { livePriceFen: 90_000_00 } });
    // Ended (window closed), the show still chosen: no longer open.
    h.db.prepare('UPDATE show SET on_air_to = ? WHERE id = ?').run(T0 + 3_600_000, show.id);
    await call('shelf.update', { id, patch: { livePriceFen: 9_000_00 } });
    const { changes } = await call('shelf.priceLog', { productId: id, limit: 10 });
    expect(changes.map((c) => [c.oldFen, c.newFen, c.source, c.reasons, c.confirmed])).toEqual([
      [90_000_00, 9_000_00, 'edit', ['digits', 'drop', 'below_list'], false],
      [100_000_00, 90_000_00, 'edit', [], false],
      [268_000_00, 100_000_00, 'api', ['drop'], false],
    ]);
  });

  it('guards the slot price override against the price shown until then', async () => {
    const { show, slot } = await setup();
    await call('rundown.setOnAir', { showId: show.id, slotId: slot.id });
    const err = await failure(
      call('rundown.updateSlot', { slotId: slot.id, patch: { livePriceOverrideFen: 26_800_00 } }),
    );
    expect(err).toMatchObject({
      code: 'conflict',
      key: 'shelf:priceGuard.confirm',
      params: { slotId: slot.id, oldFen: 268_000_00, newFen: 26_800_00 },
    });
    const guest: CallContext = { role: 'operator', transport: 'ws', label: '平板 2' };
    const e = await call(
      'rundown.updateSlot',
      { slotId: slot.id, patch: { livePriceOverrideFen: 26_800_00 }, confirmPriceFen: 26_800_00 },
      guest,
    );
    expect(e.livePriceOverrideFen).toBe(26_800_00);
    // Clearing the override falls back to the product's price: no confirmation, but logged.
    await call('rundown.updateSlot', { slotId: slot.id, patch: { livePriceOverrideFen: null } });
    const { changes } = await call('shelf.priceLog', { limit: 10 });
    expect(
      changes.map((c) => [c.field, c.slotId, c.showId, c.oldFen, c.newFen, c.actor, c.confirmed]),
    ).toEqual([
      ['override', slot.id, show.id, 26_800_00, null, 'operator', false],
      ['override', slot.id, show.id, null, 26_800_00, 'operator:平板 2', true],
    ]);
  });

  it('logs list prices, bulk changes and their undo with their source', async () => {
    const { id, show, slot } = await setup();
    await call('shelf.update', { id, patch: { listPriceFen: 280_000_00 } });
    await call('rundown.setOnAir', { showId: show.id, slotId: slot.id });
    const bulk = { ids: [id], change: { livePricePercent: -60 } };
    expect(await failure(call('shelf.bulkUpdate', bulk))).toMatchObject({
      code: 'conflict',
      key: 'shelf:priceGuard.confirmBulk',
      params: { percent: -60, oldFen: 268_000_00, newFen: 107_200_00, reason: 'drop' },
    });
    const { undoToken } = await call('shelf.bulkUpdate', { ...bulk, confirmPricePercent: -60 });
    clock = T0 + 5_000;
    await call('shelf.undo', { undoToken });
    const { changes } = await call('shelf.priceLog', { limit: 10 });
    expect(changes.map((c) => [c.at, c.field, c.oldFen, c.newFen, c.source, c.confirmed])).toEqual([
      [T0 + 5_000, 'live', 107_200_00, 268_000_00, 'undo', false],
      [T0, 'live', 268_000_00, 107_200_00, 'edit', true],
      [T0, 'list', 300_000_00, 280_000_00, 'edit', false],
    ]);
  });

  it('refuses an import with a suspicious price while a show is open, and logs an accepted one', async () => {
    const { show, slot } = await setup();
    await call('shelf.create', {
      product: productInput({ nameZh: '苹果', outerSku: 'AP-1', livePriceFen: 5000 }),
    });
    const csv = (price: string) => ({
      fileName: 'prices.csv',
      contentBase64: Buffer.from(`商品名称,外部编码,直播价\n苹果,AP-1,${price}\n`).toString('base64'),
    });
    await call('rundown.setOnAir', { showId: show.id, slotId: slot.id });
    const err = await failure(call('shelf.importApply', csv('5')));
    expect(err).toMatchObject({
      code: 'conflict',
      key: 'shelf:priceGuard.importRefused',
      params: { count: 1 },
    });
    expect((await call('shelf.priceLog', { limit: 10 })).changes).toEqual([]);
    await call('shelf.importApply', csv('45'));
    expect((await call('shelf.priceLog', { limit: 10 })).changes).toEqual([
      expect.objectContaining({ oldFen: 5000, newFen: 4500, source: 'import', reasons: [] }),
    ]);
  });
});
