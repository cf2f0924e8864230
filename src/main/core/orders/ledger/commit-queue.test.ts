import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../order-record';
import { CommitQueue, type Delivery, type GroupCommitOptions } from './commit-queue';

/** A delivery named by its only line's order id; "bad" ones make any group holding them fail. */
const delivery = (name: string): Delivery => ({ lines: [{ orderId: name } as OrderLine] });
const nameOf = (d: Delivery) => d.lines[0]!.orderId;

/** A queue whose "transaction" records the groups it committed; a group with a bad delivery throws. */
function recorder(options: GroupCommitOptions = { maxDelayMs: 20, maxLines: 1_000, chainAhead: 16 }) {
  const groups: string[][] = [];
  const queue = new CommitQueue<string>((ds) => {
    if (ds.some((d) => nameOf(d).startsWith('bad'))) throw new Error(`cannot store ${ds.map(nameOf).join()}`);
    groups.push(ds.map(nameOf));
    return ds.map(nameOf);
  }, options);
  return { queue, groups };
}

describe('CommitQueue', () => {
  it('commits what waits together, in the order it came, and answers each delivery', async () => {
    const { queue, groups } = recorder();
    const a = queue.chain();
    const b = queue.chain();
    const results = Promise.all([
      a.commit(delivery('a1')),
      b.commit(delivery('b1')),
      a.commit(delivery('a2')),
    ]);
    expect(groups).toEqual([]);
    expect(await results).toEqual(['a1', 'b1', 'a2']);
    expect(groups).toEqual([['a1', 'b1', 'a2']]);
    expect(queue.groupsCommitted).toBe(1);
  });

  it('does not hold a lone page back longer than the delay', async () => {
    const { queue, groups } = recorder({ maxDelayMs: 30, maxLines: 1_000, chainAhead: 16 });
    const t0 = performance.now();
    await queue.chain().commit(delivery('a1'));
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(groups).toEqual([['a1']]);
  });

  it('commits at once when a chain reaches its bound or enough lines wait', async () => {
    // A delay no test would wait out: only the bounds can start these commits.
    const { queue, groups } = recorder({ maxDelayMs: 3_600_000, maxLines: 3, chainAhead: 2 });
    const a = queue.chain();
    await Promise.all([a.commit(delivery('a1')), a.commit(delivery('a2'))]);
    const b = queue.chain();
    const c = queue.chain();
    await Promise.all([b.commit(delivery('b1')), c.commit(delivery('c1')), b.commit(delivery('b2'))]);
    expect(groups).toEqual([
      ['a1', 'a2'],
      ['b1', 'c1', 'b2'],
    ]);
  });

  it('writes a backlog in transactions of at most sliceLines, oldest first, with a turn of the event loop between', async () => {
    // A delivery of n lines, named.
    const sized = (name: string, n: number): Delivery => ({
      lines: Array.from({ length: n }, () => ({ orderId: name }) as OrderLine),
    });
    const log: (string[] | string)[] = [];
    const queue = new CommitQueue<string>(
      (ds) => {
        log.push(ds.map(nameOf));
        // Work someone else scheduled while this transaction ran: it must run before the next one.
        setImmediate(() => log.push('other work'));
        return ds.map(nameOf);
      },
      { maxDelayMs: 3_600_000, maxLines: 1, chainAhead: 16, sliceLines: 5 },
    );
    const a = queue.chain();
    const b = queue.chain();
    const done = Promise.all([
      a.commit(sized('a1', 2)),
      b.commit(sized('b1', 3)),
      a.commit(sized('a2', 1)),
      // Bigger than a slice: goes alone, whole.
      b.commit(sized('b2', 7)),
      a.commit(sized('a3', 4)),
      b.commit(sized('b3', 1)),
    ]);
    expect(await done).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual([
      ['a1', 'b1'],
      'other work',
      ['a2'],
      'other work',
      ['b2'],
      'other work',
      ['a3', 'b3'],
      'other work',
    ]);
    expect(queue.groupsCommitted).toBe(4);
  });

  it('flush and commitNow write the whole backlog at once, still in slices', () => {
    const { queue, groups } = recorder({
      maxDelayMs: 3_600_000,
      maxLines: 1_000,
      chainAhead: 16,
      sliceLines: 2,
    });
    const a = queue.chain();
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) void a.commit(delivery(name));
    expect(queue.commitNow(delivery('now'))).toBe('now');
    expect(groups).toEqual([['a1', 'a2'], ['a3', 'a4'], ['a5'], ['now']]);
  });

  it('cuts a slice to what fits in its time budget at the cost per line measured so far', () => {
    // A transaction costs 1 ms a line on this clock; the budget is 10 ms, the line bound 500.
    let clock = 0;
    const groups: number[] = [];
    const queue = new CommitQueue<string>(
      (ds) => {
        const lines = ds.reduce((n, d) => n + d.lines.length, 0);
        clock += lines;
        groups.push(lines);
        return ds.map(nameOf);
      },
      { maxDelayMs: 3_600_000, maxLines: 100_000, chainAhead: 1_000, sliceLines: 500, sliceBudgetMs: 10 },
      undefined,
      () => clock,
    );
    const sized = (n: number): Delivery => ({
      lines: Array.from({ length: n }, () => ({ orderId: 'x' }) as OrderLine),
    });
    const a = queue.chain();
    // Before any cost is known, only the line bound holds: the first slice takes 500 lines.
    for (let i = 0; i < 200; i++) void a.commit(sized(4));
    queue.flush();
    // Then 10 lines fit: two deliveries of 4 (a third would make 12).
    expect(groups[0]).toBe(500);
    expect(new Set(groups.slice(1, -1))).toEqual(new Set([8]));
    expect(groups.reduce((n, g) => n + g, 0)).toBe(800);
    // A delivery bigger than the budget still goes, alone and whole.
    void a.commit(sized(30));
    void a.commit(sized(1));
    queue.flush();
    expect(groups.slice(-2)).toEqual([30, 1]);
  });

  it('in slices, a failed delivery still stops only its own chain', async () => {
    const { queue, groups } = recorder({ maxDelayMs: 3_600_000, maxLines: 1, chainAhead: 16, sliceLines: 2 });
    const a = queue.chain();
    const b = queue.chain();
    const outcome = (p: Promise<string>) =>
      p.then(
        (r) => `ok ${r}`,
        (e: unknown) => `failed: ${(e as Error).message}`,
      );
    expect(
      await Promise.all([
        outcome(b.commit(delivery('bad-b1'))),
        outcome(a.commit(delivery('a1'))),
        outcome(b.commit(delivery('b2'))),
        outcome(a.commit(delivery('a2'))),
      ]),
    ).toEqual(['failed: cannot store bad-b1', 'ok a1', 'failed: cannot store bad-b1', 'ok a2']);
    // [bad-b1, a1] failed as a slice, then went one by one; b2 was never written.
    expect(groups).toEqual([['a1'], ['a2']]);
  });

  it('lets a chain wait for room: at most chainAhead uncommitted deliveries', async () => {
    const { queue } = recorder({ maxDelayMs: 10, maxLines: 1_000, chainAhead: 3 });
    const a = queue.chain();
    let most = 0;
    let open = 0;
    for (let i = 0; i < 10; i++) {
      open++;
      most = Math.max(most, open);
      void a.commit(delivery(`a${i}`)).then(() => open--);
      await a.room();
    }
    await a.settled();
    expect(most).toBe(3);
    expect(open).toBe(0);
  });

  it('after a failed delivery, writes none of its chain’s later ones, and still writes the other chains', async () => {
    const { queue, groups } = recorder();
    const a = queue.chain();
    const b = queue.chain();
    const outcome = (p: Promise<string>) =>
      p.then(
        (r) => `ok ${r}`,
        (e: unknown) => `failed: ${(e as Error).message}`,
      );
    const first = Promise.all([
      outcome(a.commit(delivery('a1'))),
      outcome(b.commit(delivery('bad-b2'))),
      outcome(a.commit(delivery('a2'))),
      outcome(b.commit(delivery('b3'))),
    ]);
    expect(await first).toEqual([
      'ok a1',
      'failed: cannot store bad-b2',
      'ok a2',
      'failed: cannot store bad-b2',
    ]);
    // The whole group failed, then each delivery went alone: a1 and a2 stored, nothing of b after bad-b2.
    expect(groups).toEqual([['a1'], ['a2']]);
    expect(b.error).toBeInstanceOf(Error);
    await expect(b.commit(delivery('b4'))).rejects.toThrow('cannot store bad-b2');
    // A new chain (the next sync pass, from the stored cursor) is whole again.
    expect(await queue.chain().commit(delivery('b2-again'))).toBe('b2-again');
    expect(groups.at(-1)).toEqual(['b2-again']);
  });

  it('commitNow writes what waits first, then its own delivery', async () => {
    const { queue, groups } = recorder();
    const waiting = queue.chain().commit(delivery('a1'));
    expect(queue.commitNow(delivery('now'))).toBe('now');
    expect(groups).toEqual([['a1'], ['now']]);
    expect(await waiting).toBe('a1');
  });

  it('a scheduled commit waits for its deliveries to be prepared; a commit forced now does not', async () => {
    const groups: string[][] = [];
    const ready = new Map<string, () => void>();
    const queue = new CommitQueue<string>(
      (ds) => {
        groups.push(ds.map(nameOf));
        return ds.map(nameOf);
      },
      { maxDelayMs: 3_600_000, maxLines: 1_000, chainAhead: 2 },
      (d) => new Promise<void>((resolve) => ready.set(nameOf(d), resolve)),
    );
    const a = queue.chain();
    const done = Promise.all([a.commit(delivery('a1')), a.commit(delivery('a2'))]);
    // The chain is at its bound, so the commit is due: it waits for a1 and a2.
    await new Promise((r) => setTimeout(r, 30));
    expect(groups).toEqual([]);
    ready.get('a1')!();
    await new Promise((r) => setTimeout(r, 30));
    expect(groups).toEqual([]);
    ready.get('a2')!();
    expect(await done).toEqual(['a1', 'a2']);
    expect(groups).toEqual([['a1', 'a2']]);
    // Forced: b1 is committed before its preparation settles.
    expect(queue.commitNow(delivery('b1'))).toBe('b1');
    expect(ready.has('b1')).toBe(false);
    const c = queue.chain().commit(delivery('c1'));
    queue.flush();
    expect(await c).toBe('c1');
    expect(groups).toEqual([['a1', 'a2'], ['b1'], ['c1']]);
  });

  it('a preparation that throws or rejects is ignored: the delivery and its chain commit as usual', async () => {
    const groups: string[][] = [];
    const queue = new CommitQueue<string>(
      (ds) => {
        groups.push(ds.map(nameOf));
        return ds.map(nameOf);
      },
      { maxDelayMs: 5, maxLines: 1_000, chainAhead: 16 },
      (d) => {
        if (nameOf(d) === 'throws') throw new Error('cannot prepare');
        return nameOf(d) === 'rejects' ? Promise.reject(new Error('cannot prepare')) : undefined;
      },
    );
    const a = queue.chain();
    expect(
      await Promise.all([
        a.commit(delivery('throws')),
        a.commit(delivery('rejects')),
        a.commit(delivery('a3')),
      ]),
    ).toEqual(['throws', 'rejects', 'a3']);
    expect(groups).toEqual([['throws', 'rejects', 'a3']]);
    expect(a.error).toBeUndefined();
  });
});
