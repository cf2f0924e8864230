import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFigures } from '@shared/api/domains/event';
import type { ApiCallError } from '@shared/api/client';
import { Studio } from '../studio';
import type { OrderLine } from '../orders/order-record';
import { eventNames } from './event-names';
import { readJoinToken } from './event-server';
import type { EventOptions } from './event-service';
import { natsBinary, WAIT_MS } from '../../../../test-support/event/event-cluster';
import { freePort } from '../../../../test-support/core/free-port';

/**
 * A director and a booth, each a whole studio (show day, overlays, ledger) wired as the app wires
 * them, on a nats-server the director starts: what the booth does on air reaches the director's
 * event figures. One server and two studios for the whole file.
 */
const dirs: string[] = [];
const tmp = (name: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `shelfcast-${name}-`));
  dirs.push(d);
  return d;
};
const quiet = { sink: () => undefined };
const eventOptions = (o: Partial<EventOptions>): EventOptions => ({
  server: false,
  eventId: 'gansu',
  booths: [],
  port: 4222,
  host: '127.0.0.1',
  ...o,
});

let director: Studio;
let booth: Studio;
let joinB2: string;

/** Reads the director's board until `ok` holds for booth b1 (fails after WAIT_MS with the last board). */
async function figuresUntil(ok: (b: EventFigures['booths'][number]) => boolean): Promise<EventFigures> {
  const until = Date.now() + WAIT_MS;
  let last: EventFigures | undefined;
  for (;;) {
    last = await director.call('event.figures', {});
    const b1 = last.booths.find((b) => b.booth === 'b1');
    if (b1 && ok(b1)) return last;
    if (Date.now() > until)
      throw new Error(`the director's figures never showed it: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!natsBinary)(
  "a booth's live state on the director's event figures (real nats-server)",
  () => {
    beforeAll(async () => {
      director = new Studio({
        dataDir: tmp('director'),
        mode: 'headless',
        log: quiet,
        overlays: { port: 0 },
        event: eventOptions({
          server: true,
          booths: ['b1', 'b2'],
          port: await freePort(),
          natsServer: natsBinary!,
        }),
      });
      await director.start();
      const joins = (await director.call('event.status', {})).joins;
      expect(joins.map((j) => j.booth).sort()).toEqual(['b1', 'b2']);
      joinB2 = joins.find((j) => j.booth === 'b2')!.link;
      booth = new Studio({
        dataDir: tmp('booth'),
        mode: 'headless',
        log: quiet,
        overlays: { port: 0 },
        event: eventOptions({ join: joins.find((j) => j.booth === 'b1')!.link }),
      });
      await booth.start();
      // Both link in the background: wait until they are.
      const until = Date.now() + WAIT_MS;
      for (const s of [director, booth])
        while (!(await s.call('event.status', {})).connected) {
          if (Date.now() > until) throw new Error('the studios never linked to the event');
          await new Promise((r) => setTimeout(r, 50));
        }
    }, 60_000);

    afterAll(async () => {
      await booth?.stop();
      await director?.stop();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }, 30_000);

    it("a GO on the booth shows its product, since when, a running countdown and its show's GMV on the director's board", async () => {
      const { showId } = await booth.call('shelf.loadDemo', {});
      await booth.call('show.select', { showId });
      const go = await booth.call('show.go', {});
      const product = go.cue.product;
      expect(product.outerSku).toBeTruthy();

      let board = await figuresUntil((b) => b.onAir?.code === product.outerSku);
      const b1 = board.booths.find((b) => b.booth === 'b1')!;
      const movedAt = (await booth.call('show.log', { showId, limit: 50 })).entries.find(
        (e) => e.action === 'on_air' && e.slotId === go.cue.slotId,
      )!.at;
      expect(b1).toMatchObject({
        onAir: { code: product.outerSku, name: product.nameZh },
        onAirSince: movedAt,
        countdownEnd: null,
        showGmvFen: 0,
        online: true,
      });

      // A flash sale: the director sees when its countdown ends.
      await booth.call('show.countdown', { action: 'start', seconds: 300 });
      const endsAt = (await booth.call('overlays.state', {})).countdown.endsAt;
      expect(endsAt).not.toBeNull();
      await figuresUntil((b) => b.countdownEnd === endsAt);

      // The booth sells the product on air: its show's GMV. Another booth's sale paid during the
      // booth's show lands in the booth's ledger (the event's figures) but not in the booth's show.
      const detail = await booth.call('shelf.get', { id: product.id });
      const listing = detail.listings.find((l) => l.platform === 'douyin' || l.platform === 'kuaishou')!;
      const now = Date.now();
      const line = (shopId: string, orderId: string, paidFen: number): OrderLine => ({
        platform: listing.platform as OrderLine['platform'],
        shopId,
        orderId,
        lineId: orderId,
        status: 'paid',
        refundState: 'none',
        itemId: listing.itemId,
        skuId: listing.skuIds[0]!,
        outerSku: listing.outerSku,
        title: product.nameZh,
        quantity: 1,
        paidFen,
        createdAt: now,
        paidAt: now,
        updatedAt: now,
        raw: '{}',
      });
      const own = booth.orders.service.ledger.chain();
      void own.commit({ lines: [line('b1-shop', '9001', 1_990), line('b1-shop', '9002', 2_990)] });
      await own.settled();

      const t = readJoinToken(joinB2);
      const nc = await connect({ servers: t.url, user: t.user, pass: t.pass });
      try {
        const ack = await jetstream(nc).publish(
          eventNames('gansu').ordersOf('b2'),
          JSON.stringify({ b: 'b2', at: now, lines: [line('b2-shop', '9101', 50_000)] }),
          { msgID: 'b2-9101-1' },
        );
        // The booth projected b2's line: it is in the booth's ledger, not in the booth's show.
        const until = Date.now() + WAIT_MS;
        while ((await booth.call('event.status', {})).projectedSeq < ack.seq && Date.now() < until)
          await new Promise((r) => setTimeout(r, 50));
      } finally {
        await nc.close();
      }
      const shopsOf = (where: string) =>
        booth.database.db
          .prepare<[number], { shop_id: string }>(
            `SELECT DISTINCT shop_id FROM order_line WHERE ${where} ORDER BY shop_id`,
          )
          .all(showId)
          .map((r) => r.shop_id);
      expect(shopsOf('show_id = ? OR 1')).toEqual(['b1-shop', 'b2-shop']);
      expect(shopsOf('show_id = ?')).toEqual(['b1-shop']);
      // The booth's show figures (its Live page, report) are its own sales; the event's count all.
      const showFigures = await booth.call('orders.figures', { showId });
      expect(showFigures.totals.gmvFen).toBe(1_990 + 2_990);
      expect((await booth.call('event.figures', {})).totals.gmvFen).toBe(1_990 + 2_990 + 50_000);
      // A heartbeat said after the booth had all three sales: its show's GMV is its own two.
      const projected = Date.now();
      board = await figuresUntil((b) => b.lastHeard > projected);
      expect(board.booths.find((b) => b.booth === 'b1')!.showGmvFen).toBe(1_990 + 2_990);

      // Off air: the director sees nothing on air for the booth.
      await booth.call('show.end', {});
      await figuresUntil((b) => b.onAir === null && b.countdownEnd === null);
    }, 60_000);
    it("a malformed live state in the booths bucket is refused: the board keeps the booth's last good one and says why", async () => {
      const t = readJoinToken(joinB2);
      const nc = await connect({ servers: t.url, user: t.user, pass: t.pass });
      const subject = `$KV.${eventNames('gansu').boothsBucket}.b2`;
      const js = jetstream(nc, { timeout: 2_000 });
      const b2 = async () => (await director.call('event.figures', {})).booths.find((b) => b.booth === 'b2');
      try {
        const good = {
          booth: 'b2',
          onAir: null,
          onAirSince: null,
          countdownEnd: null,
          showGmvFen: 700,
          at: Date.now(),
        };
        await js.publish(subject, JSON.stringify(good));
        const until = Date.now() + WAIT_MS;
        while ((await b2())?.showGmvFen !== 700 && Date.now() < until)
          await new Promise((r) => setTimeout(r, 50));
        expect(await b2()).toMatchObject({ showGmvFen: 700, lastHeard: good.at });
        // A GMV as text, then b2 speaking as b1: each refused, counted, and said.
        let refused = 0;
        for (const [bad, problem] of [
          [{ ...good, showGmvFen: '50000', at: good.at + 1 }, `booth b2's state refused (showGmvFen)`],
          [
            { ...good, booth: 'b1', showGmvFen: 9_999, at: good.at + 2 },
            `booth b2's state refused (booth "b1"`,
          ],
        ] as const) {
          await js.publish(subject, JSON.stringify(bad));
          const seen = Date.now() + WAIT_MS;
          while (!(await director.call('event.status', {})).lastError?.includes(problem)) {
            if (Date.now() > seen) throw new Error(`never refused: ${JSON.stringify(bad)}`);
            await new Promise((r) => setTimeout(r, 50));
          }
          expect(await b2()).toMatchObject({ showGmvFen: 700, lastHeard: good.at });
          expect((await director.call('event.status', {})).rejected).toBe(++refused);
          expect(
            (await director.call('event.figures', {})).booths.filter((b) => b.booth === 'b1'),
          ).toHaveLength(1);
        }
      } finally {
        await nc.close();
      }
    }, 60_000);

    it("the director's Shelf page edits of an event product reach the booth; two edits from one revision give one conflict, never a merge", async () => {
      // The director has the same demo shelf as the booth (the same merchant codes) and puts one
      // product on the event shelf.
      if ((await booth.call('shelf.facets', {})).total === 0) await booth.call('shelf.loadDemo', {});
      await director.call('shelf.loadDemo', {});
      const id = director.database.db
        .prepare<[], { id: number }>(`SELECT id FROM product WHERE outer_sku = 'GS-005'`)
        .get()!.id;
      const before = (await director.call('shelf.get', { id })).product;
      expect(await director.call('event.shelfAdd', { productIds: [id] })).toEqual({
        added: ['GS-005'],
        already: [],
      });
      const boothProduct = () =>
        booth.database.db
          .prepare<[], { name: string; live: number; list: number; stock: number }>(
            `SELECT name_zh AS name, live_price_fen AS live, list_price_fen AS list, stock FROM product
           WHERE outer_sku = 'GS-005'`,
          )
          .get()!;
      const boothUntil = async (ok: (p: ReturnType<typeof boothProduct>) => boolean) => {
        const until = Date.now() + WAIT_MS;
        while (!ok(boothProduct())) {
          if (Date.now() > until)
            throw new Error(`the booth never applied it: ${JSON.stringify(boothProduct())}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };

      // What a Shelf page form loads: the product with the event revision the edit is made from.
      const load = async () => {
        const d = await director.call('shelf.get', { id });
        expect(d.eventRevision).toBeGreaterThan(0);
        return d.eventRevision!;
      };
      // An ordinary Shelf page edit (the whole form) of name, price and stock reaches the booth.
      const live = before.livePriceFen - 100;
      const saved = await director.call('shelf.update', {
        id,
        patch: { nameZh: '活动价百合', livePriceFen: live, stock: 321 },
        eventRevision: await load(),
      });
      expect(saved.eventRevision).toBe(await load());
      await boothUntil((p) => p.name === '活动价百合' && p.live === live && p.stock === 321);

      // Two edits started from the same revision, saved at once: one wins, the other is refused
      // whole (its name is not merged in either), named and translated; everyone has the winner.
      const r1 = await load();
      const results = await Promise.allSettled([
        director.call('shelf.update', {
          id,
          patch: { nameZh: '甲', livePriceFen: live - 10 },
          eventRevision: r1,
        }),
        director.call('shelf.update', {
          id,
          patch: { nameZh: '乙', livePriceFen: live - 20 },
          eventRevision: r1,
        }),
      ]);
      const won = results.findIndex((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toBeGreaterThanOrEqual(0);
      expect(lost).toHaveLength(1);
      expect((lost[0]!.reason as ApiCallError).error).toMatchObject({
        code: 'conflict',
        key: 'eventLive.shelfConflict',
        params: { name: '活动价百合', code: 'GS-005' },
      });
      const winner = won === 0 ? { name: '甲', live: live - 10 } : { name: '乙', live: live - 20 };
      await boothUntil((p) => p.name === winner.name && p.live === winner.live);
      expect((await director.call('shelf.get', { id })).product).toMatchObject({
        nameZh: winner.name,
        livePriceFen: winner.live,
      });

      // Two forms opened on the same revision (two operators), saved one after the other: the second
      // was made from a revision the first replaced, so it is refused, not saved over the first.
      const formA = await load();
      const formB = await load();
      await director.call('shelf.update', { id, patch: { livePriceFen: live - 40 }, eventRevision: formA });
      await expect(
        director.call('shelf.update', { id, patch: { livePriceFen: live - 50 }, eventRevision: formB }),
      ).rejects.toMatchObject({
        error: { code: 'conflict', key: 'eventLive.shelfConflict', params: { code: 'GS-005' } },
      });
      // The loser's reload shows the winner's price; the booth has it too.
      const reloaded = await director.call('shelf.get', { id });
      expect(reloaded.product.livePriceFen).toBe(live - 40);
      expect(reloaded.eventRevision).toBeGreaterThan(formB);
      await boothUntil((p) => p.live === live - 40);
      // An edit that does not say its revision is refused, translated.
      await expect(
        director.call('shelf.update', { id, patch: { livePriceFen: live - 60 } }),
      ).rejects.toMatchObject({ error: { code: 'conflict', key: 'eventMore.revisionMissing' } });

      // A bulk price change on the Shelf page would leave the event behind: refused, naming the product.
      await expect(
        director.call('shelf.bulkUpdate', { ids: [id], change: { livePricePercent: -10 } }),
      ).rejects.toMatchObject({ error: { key: 'eventLive.bulkOnEvent', params: { code: 'GS-005' } } });
      // An edit from the reloaded form goes through.
      await director.call('shelf.update', {
        id,
        patch: { livePriceFen: live - 30 },
        eventRevision: reloaded.eventRevision,
      });
      await boothUntil((p) => p.live === live - 30 && p.name === winner.name);

      // Archived on the director's Shelf page: it leaves the event shelf and the booth archives it.
      const { undoToken } = await director.call('shelf.archive', { ids: [id] });
      expect((await director.call('shelf.get', { id })).eventRevision).toBeUndefined();
      const boothStatus = () =>
        booth.database.db
          .prepare<[], { status: string }>(`SELECT status FROM product WHERE outer_sku = 'GS-005'`)
          .get()!.status;
      const boothStatusUntil = async (want: string) => {
        const until = Date.now() + WAIT_MS;
        while (boothStatus() !== want) {
          if (Date.now() > until) throw new Error(`the booth's copy stayed ${boothStatus()}, not ${want}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await boothStatusUntil('archived');
      // The archive undone on the director: the product is back on the event shelf and on sale at the booth.
      await director.call('shelf.undo', { undoToken });
      expect((await director.call('shelf.get', { id })).eventRevision).toBeGreaterThan(0);
      await boothStatusUntil('ready');
    }, 60_000);
    it('the director adds a booth while the event runs: the server takes its new credentials without a restart, the booths linked stay linked, and its orders reach the board', async () => {
      const before = (await booth.call('event.status', {})).projectedSeq;
      await expect(director.call('event.addBooth', { booth: 'B 3' })).rejects.toMatchObject({
        error: { code: 'bad_request', key: 'eventMore.badBoothId' },
      });
      const added = await director.call('event.addBooth', { booth: 'b3' });
      expect(added.added).toBe(true);
      expect((await director.call('event.status', {})).joins.map((j) => j.booth).sort()).toEqual([
        'b1',
        'b2',
        'b3',
      ]);
      // Adding it again gives the same join link, nothing new.
      expect(await director.call('event.addBooth', { booth: 'b3' })).toMatchObject({
        added: false,
        link: added.link,
      });
      const t = readJoinToken(added.link);
      const nc = await connect({ servers: t.url, user: t.user, pass: t.pass });
      try {
        const js = jetstream(nc, { timeout: 2_000 });
        // Its own orders only.
        await expect(js.publish(eventNames('gansu').ordersOf('b1'), '{}')).rejects.toThrow();
        const now = Date.now();
        const ack = await js.publish(
          eventNames('gansu').ordersOf('b3'),
          JSON.stringify({
            b: 'b3',
            at: now,
            lines: [
              {
                platform: 'douyin',
                shopId: 'b3-shop',
                orderId: '9301',
                lineId: '9301',
                status: 'paid',
                refundState: 'none',
                itemId: 'x',
                skuId: 'x',
                outerSku: '',
                title: '新展位的订单',
                quantity: 1,
                paidFen: 777,
                createdAt: now,
                paidAt: now,
                updatedAt: now,
                raw: '{}',
              },
            ],
          }),
          { msgID: 'b3-9301-1' },
        );
        // The booth that was linked all along projects it: its link never dropped.
        const until = Date.now() + WAIT_MS;
        let s = await booth.call('event.status', {});
        while (s.projectedSeq < ack.seq && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 50));
          s = await booth.call('event.status', {});
        }
        expect(s).toMatchObject({ connected: true });
        expect(s.projectedSeq).toBeGreaterThanOrEqual(Math.max(before, ack.seq));
      } finally {
        await nc.close();
      }
      const until = Date.now() + WAIT_MS;
      for (;;) {
        const b3 = (await director.call('event.figures', {})).byBooth.find((r) => r.key === 'b3');
        if (b3?.gmvFen === 777) break;
        if (Date.now() > until) throw new Error("the director's figures never showed booth b3");
        await new Promise((r) => setTimeout(r, 50));
      }
    }, 60_000);
    it('a price edit of an event product passes the price guard before it is published: refused unconfirmed while a show is open, then confirmed', async () => {
      if ((await booth.call('shelf.facets', {})).total === 0) await booth.call('shelf.loadDemo', {});
      if ((await director.call('shelf.facets', {})).total === 0) await director.call('shelf.loadDemo', {});
      const id = director.database.db
        .prepare<[], { id: number }>(`SELECT id FROM product WHERE outer_sku = 'GS-007'`)
        .get()!.id;
      await director.call('event.shelfAdd', { productIds: [id] });
      const boothLive = () =>
        booth.database.db
          .prepare<[], { live: number }>(
            `SELECT live_price_fen AS live FROM product WHERE outer_sku = 'GS-007'`,
          )
          .get()!.live;
      const price = (await director.call('shelf.get', { id })).product.livePriceFen;
      // The director's show is open: a price a tenth of the old one is a slip until confirmed.
      const show = (await director.call('shows.list', {}))[0]!;
      await director.call('show.select', { showId: show.id });
      await director.call('show.start', {});
      const slip = Math.round(price / 10);
      const eventRevision = (await director.call('shelf.get', { id })).eventRevision;
      await expect(
        director.call('shelf.update', { id, patch: { livePriceFen: slip }, eventRevision }),
      ).rejects.toMatchObject({
        error: { code: 'conflict', key: expect.stringMatching(/^shelf:priceGuard\./) },
      });
      // Nothing reached the event, nor this shelf.
      expect((await director.call('shelf.get', { id })).product.livePriceFen).toBe(price);
      await director.call('shelf.update', {
        id,
        patch: { livePriceFen: slip },
        confirmPriceFen: slip,
        eventRevision,
      });
      const until = Date.now() + WAIT_MS;
      while (boothLive() !== slip) {
        if (Date.now() > until)
          throw new Error(`the booth never applied the confirmed price: ${boothLive()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await director.call('show.end', {});
    }, 60_000);
  },
);
