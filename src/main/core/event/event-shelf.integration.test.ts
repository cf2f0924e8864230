import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { afterEach, describe, expect, it } from 'vitest';
import { shelfFixture } from '../../../../test-support/orders/shelf-fixture';
import { createEventStore } from './event-link';
import { eventNames } from './event-names';
import { boothUser } from './event-server';
import { EventShelf, EventShelfConflict, type EventProduct } from './event-shelf';
import { EventCluster, natsBinary } from '../../../../test-support/event/event-cluster';

let cluster: EventCluster | undefined;
const conns: NatsConnection[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) await c.close();
  await cluster?.stop();
  cluster = undefined;
}, 30_000);

const names = eventNames('gansu');

describe.skipIf(!natsBinary)('event shelf on a real nats-server', () => {
  it('two concurrent price edits of one product: one wins, the other is told and sees the winner; booths apply the winner', async () => {
    cluster = new EventCluster(['b1'], { serverOnly: true });
    await cluster.start();
    const open = async (user: string, pass: string) => {
      const nc = await connect({ servers: cluster!.server.url, user, pass });
      conns.push(nc);
      return nc;
    };
    const d1 = await open(cluster.creds.director.user, cluster.creds.director.pass);
    await createEventStore(d1, 'gansu');
    const d2 = await open(cluster.creds.director.user, cluster.creds.director.pass);
    const fx1 = shelfFixture(3, ['douyin']);
    const fx2 = shelfFixture(3, ['douyin']);
    const booth = shelfFixture(3, ['douyin']);
    const editor1 = new EventShelf(await new Kvm(d1).open(names.shelfBucket), fx1.db, 'gansu');
    const editor2 = new EventShelf(await new Kvm(d2).open(names.shelfBucket), fx2.db, 'gansu');
    const code = fx1.items[0]!.outerSku;
    const base: EventProduct = {
      code,
      name: '苹果',
      livePriceFen: 1_000,
      listPriceFen: 1_200,
      baseStock: 50,
    };
    const r1 = await editor1.publish(base, 0);
    // Both editors start from revision r1 and publish at the same time.
    const results = await Promise.allSettled([
      editor1.publish({ ...base, livePriceFen: 900 }, r1),
      editor2.publish({ ...base, livePriceFen: 950 }, r1),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const conflict = lost[0]!.reason as EventShelfConflict;
    expect(conflict).toBeInstanceOf(EventShelfConflict);
    const winnerPrice = results[0]!.status === 'fulfilled' ? 900 : 950;
    expect(conflict.winner?.livePriceFen).toBe(winnerPrice);
    expect(conflict.revision).toBe((won[0] as PromiseFulfilledResult<number>).value);
    // A booth (its own credentials: it may read the shelf) applies the winner to its local shelf.
    const b = await open(boothUser('b1'), cluster.creds.booths.b1!);
    const follower = new EventShelf(await new Kvm(b).open(names.shelfBucket), booth.db, 'gansu');
    const applied = new Promise<void>((resolve) => {
      void follower.follow((c, rev) => {
        if (c === code && rev === conflict.revision) resolve();
      });
    });
    await applied;
    const row = booth.db
      .prepare('SELECT live_price_fen AS p, stock FROM product WHERE outer_sku = ?')
      .get(code) as {
      p: number;
      stock: number;
    };
    expect(row).toEqual({ p: winnerPrice, stock: 50 });
    // A booth may not edit the shelf.
    await expect(follower.publish({ ...base, livePriceFen: 1 }, conflict.revision)).rejects.toThrow();
  }, 60_000);
});
