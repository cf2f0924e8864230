import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventStore } from './event-link';
import { boothUser } from './event-server';
import type { EventProduct } from './event-shelf';
import {
  EventCluster,
  natsBinary,
  ownLines,
  WAIT_MS,
  type EventNode,
} from '../../../../test-support/event/event-cluster';
import type { LedgerDump } from '../../../../test-support/event/ledger-dump';

let cluster: EventCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
}, 30_000);

/** Every machine holds exactly the union of the booths' own lines, and the same figures and stock. */
function expectConverged(c: EventCluster, dumps: LedgerDump[]): void {
  const sellers = c.nodes.filter((n) => n.config.booth !== null);
  const union = sellers.flatMap((n) => ownLines(dumps[c.nodes.indexOf(n)]!, n.config.booth!)).sort();
  expect(union.length).toBeGreaterThan(0);
  // No line twice in the union: each booth's shops are its own.
  expect(new Set(union).size).toBe(union.length);
  for (const [i, d] of dumps.entries()) {
    const who = c.nodes[i]!.name;
    expect(d.lines, `${who}: lines`).toEqual(union);
    expect(d.cells, `${who}: figures`).toEqual(dumps[0]!.cells);
    expect(d.orders, `${who}: order counts`).toEqual(dumps[0]!.orders);
    expect(d.stock, `${who}: stock`).toEqual(dumps[0]!.stock);
    expect(d.shops, `${who}: booths`).toEqual(dumps[0]!.shops);
  }
}

const sellAll = (c: EventCluster, n: number) =>
  Promise.all(c.nodes.filter((x) => x.config.booth).map((x) => x.sell(n)));

describe.skipIf(!natsBinary)(
  'event mode on a real nats-server (director and booths in separate processes)',
  () => {
    it('orders converge: every machine holds the union of all booths and the same figures; a product sold out across booths is sold out everywhere', async () => {
      // Little stock: the best sellers sell out with every booth selling them.
      cluster = new EventCluster(['b1', 'b2', 'b3'], { directorBooth: 'hq', stock: 25 });
      await cluster.start();
      for (let round = 0; round < 3; round++) await sellAll(cluster, 15);
      const dumps = await cluster.settle();
      expectConverged(cluster, dumps);
      // 4 sellers x 2 shops x 45 orders, at least one line each.
      expect(dumps[0]!.lines.length).toBeGreaterThanOrEqual(4 * 2 * 45);
      // The best seller (product 1) sold in at least two booths, and is sold out on every machine.
      const soldBy = new Set(
        dumps[0]!.lines
          .filter((l) => l.endsWith(' 1') && / (paid|shipped|completed) none /.test(l))
          .map((l) => l.split('-')[0]),
      );
      expect(soldBy.size).toBeGreaterThanOrEqual(2);
      for (const d of dumps) expect(d.stock[0]).toBe(0);
    }, 120_000);

    it('a booth cut off, then the server stopped, selling all along: back online, nothing lost or twice', async () => {
      cluster = new EventCluster(['b1', 'b2', 'b3']);
      await cluster.start();
      await sellAll(cluster, 10);
      const [, b2] = cluster.booths;
      await b2!.send('offline');
      await sellAll(cluster, 10);
      expect((await b2!.status()).outbox).toBeGreaterThan(0);
      await cluster.server.stop();
      await sellAll(cluster, 10);
      await cluster.server.start();
      await sellAll(cluster, 5);
      b2!.send('online').catch(() => undefined);
      expectConverged(cluster, await cluster.settle());
    }, 120_000);

    it('nats-server SIGKILLed mid-stream and a booth SIGKILLed mid-publish: restarted, nothing lost or twice', async () => {
      cluster = new EventCluster(['b1', 'b2', 'b3']);
      await cluster.start();
      await sellAll(cluster, 10);
      const selling = sellAll(cluster, 60);
      // Wait for the stream to be moving, then kill the server under it.
      const until = Date.now() + 20_000;
      while ((await cluster.director.status()).projectedSeq < 50 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      cluster.server.kill('SIGKILL');
      await selling;
      await cluster.server.start();
      // b1 sells a big batch and dies while publishing it.
      const b1 = cluster.booths[0]!;
      await b1.sell(100);
      while ((await b1.status()).outbox > 0 && Date.now() < until + 20_000) {
        const s = await b1.status();
        if (s.outbox < 200) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      await b1.kill();
      await b1.start();
      await sellAll(cluster, 5);
      expectConverged(cluster, await cluster.settle());
    }, 120_000);

    it('the director puts a new product on the event shelf and takes products off: every booth creates the new one (with its listings) and archives the ones taken off', async () => {
      cluster = new EventCluster(['b1', 'b2', 'b3']);
      await cluster.start();
      type Product = {
        name: string;
        live: number;
        stock: number;
        status: string;
        county: string;
        items: string[];
      } | null;
      const productOn = async (n: EventNode, code: string) =>
        (await n.send<{ product: Product }>('product', { code })).product;
      const everyBooth = async (code: string, ok: (p: Product) => boolean) => {
        const until = Date.now() + WAIT_MS;
        for (;;) {
          const seen = await Promise.all(cluster!.booths.map((b) => productOn(b, code)));
          if (seen.every(ok)) return seen;
          if (Date.now() > until) throw new Error(`booths never showed ${code}: ${JSON.stringify(seen)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      // A product no booth has (its code needs escaping as a key), published after the booths joined.
      const fresh: EventProduct = {
        code: 'EV-NEW 1',
        name: '百合干 新品',
        livePriceFen: 1_990,
        listPriceFen: 2_990,
        baseStock: 40,
        details: {
          nameEn: 'Dried lily',
          nameUg: null,
          sellingPoints: '',
          category: '干货',
          originProvince: '甘肃省',
          originCity: '兰州市',
          originCounty: '七里河区',
          specification: '250g',
          unit: '袋',
          listings: [
            {
              platform: 'douyin',
              platformLabel: '',
              shopId: '',
              itemId: '3600000000000000001',
              skuIds: ['3600000000000000002'],
              outerSku: 'EV-NEW 1',
              cartLinkNo: null,
            },
          ],
        },
      };
      expect(await productOn(cluster.booths[0]!, fresh.code)).toBeNull();
      await cluster.director.send('shelfPublish', { product: fresh });
      // And one every booth has already.
      await cluster.director.send('shelfPublish', {
        product: { code: 'GS-0002', name: '活动款', livePriceFen: 900, listPriceFen: 1_000, baseStock: 100 },
      });
      await everyBooth(
        fresh.code,
        (p) =>
          p?.name === fresh.name &&
          p.live === 1_990 &&
          p.stock === 40 &&
          p.status === 'ready' &&
          p.county === '七里河区' &&
          p.items.join() === '3600000000000000001',
      );
      await everyBooth('GS-0002', (p) => p?.name === '活动款' && p.live === 900);

      // Taken off the event shelf: archived on every booth (their orders and figures stay).
      await cluster.director.send('shelfRemove', { code: fresh.code });
      await cluster.director.send('shelfRemove', { code: 'GS-0002' });
      await everyBooth(fresh.code, (p) => p?.status === 'archived');
      await everyBooth('GS-0002', (p) => p?.status === 'archived');
      // A booth that joins later (restarted) keeps them archived; put back, they are on sale again.
      const b1 = cluster.booths[0]!;
      await b1.stop();
      await b1.start();
      await cluster.director.send('shelfPublish', { product: { ...fresh, livePriceFen: 1_500 } });
      await everyBooth(fresh.code, (p) => p?.status === 'ready' && p.live === 1_500);
      expect((await productOn(b1, 'GS-0002'))?.status).toBe('archived');
    }, 120_000);

    it('a malformed message on the orders stream is refused and skipped by every machine; what follows it still converges', async () => {
      cluster = new EventCluster(['b1', 'b2']);
      await cluster.start();
      await sellAll(cluster, 5);
      // What a broken (or hostile) booth could put on its own subject.
      const nc = await connect({
        servers: cluster.server.url,
        user: boothUser('b1'),
        pass: cluster.creds.booths.b1!,
      });
      const js = jetstream(nc, { timeout: 2_000 });
      const bad = [
        'not json',
        '{"b":"b2","at":1,"lines":[]}', // another booth's name on b1's subject
        '{"b":"b1","at":1,"lines":[{"platform":"kuaishou","shopId":"s","orderId":"o","lineId":"l","quantity":"many"}]}',
      ];
      for (const body of bad) await js.publish('ev.gansu.orders.b1', body);
      await nc.close();
      await sellAll(cluster, 5);
      const dumps = await cluster.settle();
      expectConverged(cluster, dumps);
      for (const n of cluster.nodes) expect((await n.status()).rejected, n.name).toBe(bad.length);
    }, 120_000);

    it('a booth may publish only its own orders', async () => {
      cluster = new EventCluster(['b1', 'b2'], { serverOnly: true });
      await cluster.start();
      const director = await connect({ servers: cluster.server.url, ...cluster.creds.director });
      await createEventStore(director, cluster.eventId);
      await director.close();
      const nc = await connect({
        servers: cluster.server.url,
        user: boothUser('b1'),
        pass: cluster.creds.booths.b1!,
      });
      const js = jetstream(nc, { timeout: 2_000 });
      await expect(js.publish('ev.gansu.orders.b2', '{}')).rejects.toThrow();
      await expect(js.publish('ev.gansu.orders.b1', '{"b":"b1","at":0,"lines":[]}')).resolves.toMatchObject({
        stream: 'EV_gansu_ORDERS',
      });
      await nc.close();
      await expect(connect({ servers: cluster.server.url })).rejects.toThrow();
    }, 30_000);
  },
);
