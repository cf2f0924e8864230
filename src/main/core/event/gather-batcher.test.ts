import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatherBatcher } from './event-link';

describe('the projector’s gather batcher', () => {
  afterEach(() => vi.useRealTimers());

  it('commits a full batch at once, in order, and waits for it (backpressure)', async () => {
    const committed: number[][] = [];
    let release!: () => void;
    const b = new GatherBatcher<number>(3, 1_000, async (batch) => {
      committed.push(batch);
      if (committed.length === 1) await new Promise<void>((r) => (release = r));
    });
    await b.push(1);
    await b.push(2);
    let thirdDone = false;
    const third = b.push(3).then(() => (thirdDone = true));
    await Promise.resolve();
    expect(committed).toEqual([[1, 2, 3]]);
    expect(thirdDone).toBe(false);
    release();
    await third;
    await b.push(4);
    await b.flush();
    expect(committed).toEqual([[1, 2, 3], [4]]);
  });

  it('commits a partial batch when its gather time is up, without waiting for more', async () => {
    vi.useFakeTimers();
    const committed: number[][] = [];
    const b = new GatherBatcher<number>(1_000, 25, async (batch) => void committed.push(batch));
    await b.push(1);
    await b.push(2);
    await vi.advanceTimersByTimeAsync(24);
    expect(committed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(committed).toEqual([[1, 2]]);
    await b.push(3);
    await vi.advanceTimersByTimeAsync(25);
    expect(committed).toEqual([[1, 2], [3]]);
  });

  it('after a failed commit commits nothing more and throws from the next push', async () => {
    vi.useFakeTimers();
    const committed: number[][] = [];
    const b = new GatherBatcher<number>(2, 25, async (batch) => {
      if (batch.includes(1)) throw new Error('disk full');
      committed.push(batch);
    });
    await b.push(1);
    await vi.advanceTimersByTimeAsync(25);
    await expect(b.push(2)).rejects.toThrow('disk full');
    await expect(b.flush()).rejects.toThrow('disk full');
    expect(committed).toEqual([]);
  });

  it('close drops what is not committed (the cursor stays before it)', async () => {
    vi.useFakeTimers();
    const committed: number[][] = [];
    const b = new GatherBatcher<number>(10, 25, async (batch) => void committed.push(batch));
    await b.push(1);
    await b.close();
    await vi.advanceTimersByTimeAsync(100);
    await b.flush();
    expect(committed).toEqual([]);
  });
});
