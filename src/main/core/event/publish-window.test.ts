import { describe, expect, it } from 'vitest';
import type { OutboxRow } from './outbox';
import { publishWindow } from './publish-window';

/** An outbox in memory and a JetStream whose acknowledgements the test hands out one by one. */
function rig(n: number, window: number) {
  let rows: OutboxRow[] = Array.from({ length: n }, (_, i) => ({
    seq: i + 1,
    msg_id: `m${i + 1}`,
    body: `b${i + 1}`,
  }));
  const sent: number[] = [];
  const pending = new Map<number, { ok: () => void; fail: (e: Error) => void }>();
  let maxInFlight = 0;
  let stop = false;
  let streamSeq = 0;
  const acked: number[] = [];
  const run = () =>
    publishWindow({
      next: (limit, after) => rows.filter((r) => r.seq > after).slice(0, limit),
      ack: (seq) => (rows = rows.filter((r) => r.seq > seq)),
      send: (r) =>
        new Promise((resolve, reject) => {
          sent.push(r.seq);
          pending.set(r.seq, {
            ok: () => resolve({ seq: ++streamSeq }),
            fail: reject,
          });
          maxInFlight = Math.max(maxInFlight, pending.size);
        }),
      window,
      live: () => !stop,
      idle: async () => {
        stop = true;
      },
      onAcked: (s) => acked.push(s),
    });
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
  };
  const ack = async (seq: number) => {
    pending.get(seq)!.ok();
    pending.delete(seq);
    await settle();
  };
  const fail = async (seq: number) => {
    pending.get(seq)!.fail(new Error(`timeout ${seq}`));
    pending.delete(seq);
    await settle();
  };
  return {
    run,
    ack,
    fail,
    settle,
    sent,
    acked,
    outbox: () => rows.map((r) => r.seq),
    maxInFlight: () => maxInFlight,
    restart: () => {
      stop = false;
      sent.length = 0;
    },
  };
}

describe('publishing the outbox through a window', () => {
  it('sends the next row as soon as the oldest is acknowledged, without waiting for the rest of the window', async () => {
    const r = rig(6, 3);
    const done = r.run();
    await r.settle();
    expect(r.sent).toEqual([1, 2, 3]);
    await r.ack(1);
    // 2 and 3 still wait for their acknowledgements; 4 goes already (a round would wait for them).
    expect(r.sent).toEqual([1, 2, 3, 4]);
    await r.ack(2);
    await r.ack(3);
    expect(r.sent).toEqual([1, 2, 3, 4, 5, 6]);
    await r.ack(4);
    await r.ack(5);
    await r.ack(6);
    await done;
    expect(r.outbox()).toEqual([]);
    expect(r.maxInFlight()).toBe(3);
    expect(r.acked).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('after a failed publish keeps every row from it on in the outbox and sends them again, in order', async () => {
    const r = rig(4, 4);
    const done = r.run().then(
      () => null,
      (e: unknown) => e,
    );
    await r.settle();
    await r.ack(3);
    await r.ack(4);
    await r.ack(1);
    await r.fail(2);
    expect(String(await done)).toContain('timeout 2');
    // 1 is deleted; 3 and 4 were acknowledged, but after the failed 2: they stay and go again (JetStream drops
    // the versions it has by their message ids), so nothing is lost and order is kept.
    expect(r.outbox()).toEqual([2, 3, 4]);
    r.restart();
    const again = r.run();
    await r.settle();
    expect(r.sent).toEqual([2, 3, 4]);
    await r.ack(2);
    await r.ack(3);
    await r.ack(4);
    await again;
    expect(r.outbox()).toEqual([]);
  });

  it('deletes acknowledged rows once per burst, not per acknowledgement', async () => {
    const r = rig(6, 6);
    const deletes: number[][] = [];
    let rows = [1, 2, 3, 4, 5, 6];
    const acks = new Map<number, () => void>();
    let stop = false;
    const done = publishWindow({
      next: (limit, after) =>
        rows
          .filter((s) => s > after)
          .slice(0, limit)
          .map((s) => ({ seq: s, msg_id: `m${s}`, body: '' })),
      ack: (seq) => {
        deletes.push(rows.filter((s) => s <= seq));
        rows = rows.filter((s) => s > seq);
      },
      send: (row) => new Promise((resolve) => acks.set(row.seq, () => resolve({ seq: row.seq }))),
      window: 100,
      live: () => !stop,
      idle: async () => {
        stop = true;
      },
    });
    await r.settle();
    for (const s of [1, 2, 3, 4, 5]) {
      acks.get(s)!();
      await r.settle();
    }
    expect(deletes).toEqual([]);
    acks.get(6)!();
    await done;
    expect(deletes).toEqual([[1, 2, 3, 4, 5, 6]]);
  });

  it('reads the outbox again while publishes are in flight only after new rows or a full read', async () => {
    const settle = rig(0, 1).settle;
    const run = (initial: number[], window: number) => {
      const st = {
        rows: initial.map((seq) => ({ seq, msg_id: `m${seq}`, body: '' })),
        reads: 0,
        sent: [] as number[],
        acks: new Map<number, () => void>(),
        grew: false,
        stop: false,
        done: Promise.resolve(),
      };
      st.done = publishWindow({
        next: (limit, after) => {
          st.reads++;
          return st.rows.filter((x) => x.seq > after).slice(0, limit);
        },
        ack: (seq) => (st.rows = st.rows.filter((x) => x.seq > seq)),
        send: (row) =>
          new Promise((resolve) => {
            st.sent.push(row.seq);
            st.acks.set(row.seq, () => resolve({ seq: row.seq }));
          }),
        window,
        takeNew: () => {
          const g = st.grew;
          st.grew = false;
          return g;
        },
        live: () => !st.stop,
        idle: async () => {
          st.stop = true;
        },
      });
      return st;
    };
    const a = run([1, 2, 3], 4);
    await settle();
    expect(a.sent).toEqual([1, 2, 3]);
    a.acks.get(1)!();
    await settle();
    // Nothing new was committed and the read was not full: no read while 2 and 3 are in flight.
    expect(a.reads).toBe(1);
    a.rows.push({ seq: 4, msg_id: 'm4', body: '' });
    a.grew = true;
    a.acks.get(2)!();
    await settle();
    expect(a.sent).toEqual([1, 2, 3, 4]);
    a.acks.get(3)!();
    a.acks.get(4)!();
    await a.done;
    expect(a.rows).toEqual([]);
    // A full read (2 of a window of 2) may have left rows behind: read again as room frees.
    const b = run([1, 2, 3], 2);
    await settle();
    expect(b.sent).toEqual([1, 2]);
    b.acks.get(1)!();
    await settle();
    expect(b.sent).toEqual([1, 2, 3]);
    b.acks.get(2)!();
    await settle();
    b.acks.get(3)!();
    await b.done;
    expect(b.rows).toEqual([]);
  });

  it('acknowledgements that arrive together delete their rows in one go', async () => {
    let deletes = 0;
    const done = publishWindow({
      next: (limit, after) =>
        after === 0 ? [1, 2, 3].map((s) => ({ seq: s, msg_id: `m${s}`, body: '' })) : [],
      ack: () => deletes++,
      send: async () => ({ seq: 1 }),
      window: 3,
      live: () => deletes === 0,
      idle: async () => undefined,
    });
    await done;
    expect(deletes).toBe(1);
  });
});
