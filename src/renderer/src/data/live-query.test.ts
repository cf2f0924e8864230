import { describe, expect, it } from 'vitest';
import type { EventName } from '@shared/api/contract';
import type { Result } from '@shared/api/errors';
import { LiveQuery, type LiveClock, type LiveEvents } from './live-query';

/** A clock the test moves by hand: no real time passes in these tests. */
function manualClock() {
  let now = 1_000;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: LiveClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      timers = timers.filter((t) => t !== due);
      due.fn();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

/** A fake studio client: events the test emits, reads the test answers one by one. */
function fakeClient() {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const calls: ((r: Result<number>) => void)[] = [];
  let value = 0;
  return {
    on: (<E extends EventName>(event: E, listener: (p: never) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    }) as ConstructorParameters<typeof LiveQuery<number>>[0]['on'],
    emit: (event: EventName, payload: unknown = {}) => listeners.get(event)?.forEach((l) => l(payload)),
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
    fetch: () => new Promise<Result<number>>((resolve) => calls.push(resolve)),
    /** Answers the oldest open read with the next value. */
    answer: async () => {
      calls.shift()!({ ok: true, value: ++value });
      await Promise.resolve();
      await Promise.resolve();
    },
    fail: async () => {
      calls.shift()!({ ok: false, error: { code: 'unavailable', message: 'down' } });
      await Promise.resolve();
      await Promise.resolve();
    },
    open: () => calls.length,
  };
}

function setup(events: LiveEvents = { 'rundown.changed': true }, throttleMs = 250) {
  const c = fakeClient();
  const t = manualClock();
  const q = new LiveQuery<number>({ fetch: c.fetch, on: c.on, events, throttleMs, clock: t.clock });
  let reads = 0;
  const count = c.fetch;
  q.update(() => {
    reads++;
    return count();
  }, events);
  return { c, t, q, reads: () => reads };
}

describe('LiveQuery', () => {
  it('loads when the connection comes up, not before', async () => {
    const { c, q, reads } = setup();
    q.start();
    expect(reads()).toBe(0);
    q.setConnected(true);
    expect(reads()).toBe(1);
    expect(q.getState().loading).toBe(true);
    await c.answer();
    expect(q.getState()).toEqual({ data: 1, error: undefined, loading: false });
  });

  it('reloads after every reconnect', async () => {
    const { c, q, reads } = setup();
    q.start();
    q.setConnected(true);
    await c.answer();
    q.setConnected(false);
    q.setConnected(true);
    expect(reads()).toBe(2);
    await c.answer();
    expect(q.getState().data).toBe(2);
    // Staying connected is not a reconnect.
    q.setConnected(true);
    expect(reads()).toBe(2);
  });

  it('a burst of events gives one reload within the throttle', async () => {
    const { c, t, q, reads } = setup();
    q.start();
    q.setConnected(true);
    await c.answer();
    for (let i = 0; i < 50; i++) c.emit('rundown.changed', { showId: 1 });
    expect(reads()).toBe(1);
    t.advance(249);
    expect(reads()).toBe(1);
    t.advance(1);
    expect(reads()).toBe(2);
    await c.answer();
    expect(q.getState().data).toBe(2);
    // The next burst waits out the throttle after that reload.
    c.emit('rundown.changed', { showId: 1 });
    c.emit('rundown.changed', { showId: 1 });
    t.advance(250);
    expect(reads()).toBe(3);
    expect(t.pending()).toBe(0);
  });

  it('an event while a read runs reloads after it, so the last event is answered', async () => {
    const { c, t, q, reads } = setup({ 'rundown.changed': true }, 0);
    q.start();
    q.setConnected(true);
    c.emit('rundown.changed', { showId: 1 });
    t.advance(0);
    expect(reads()).toBe(1); // no second read while the first runs
    await c.answer();
    expect(reads()).toBe(2);
    await c.answer();
    expect(q.getState().data).toBe(2);
    expect(c.open()).toBe(0);
  });

  it('reloads only on the named events, and only those a payload test lets through', async () => {
    const { c, t, q, reads } = setup({
      'rundown.changed': (p) => p.showId === 7,
      'shelf.changed': true,
    });
    q.start();
    q.setConnected(true);
    await c.answer();
    c.emit('rundown.changed', { showId: 8 });
    c.emit('show.stateChanged', {});
    t.advance(1_000);
    expect(reads()).toBe(1);
    c.emit('rundown.changed', { showId: 7 });
    t.advance(1_000);
    expect(reads()).toBe(2);
    await c.answer();
    c.emit('shelf.changed', { productIds: [1] });
    t.advance(1_000);
    expect(reads()).toBe(3);
  });

  it('keeps the last data and shows the error when a read fails', async () => {
    const { c, q } = setup();
    q.start();
    q.setConnected(true);
    await c.answer();
    q.reload();
    await c.fail();
    expect(q.getState()).toMatchObject({ data: 1, error: { code: 'unavailable' }, loading: false });
    q.reload();
    await c.answer();
    expect(q.getState().error).toBeUndefined();
  });

  it('stop unsubscribes, drops a pending reload and the answer of a read from before it', async () => {
    const { c, t, q, reads } = setup();
    q.start();
    expect(c.listenerCount('rundown.changed')).toBe(1);
    q.setConnected(true);
    c.emit('rundown.changed', { showId: 1 });
    q.stop();
    expect(c.listenerCount('rundown.changed')).toBe(0);
    expect(t.pending()).toBe(0);
    await c.answer();
    expect(q.getState().data).toBeUndefined();
    // Started again (React runs effects twice in development): loads again on connect.
    q.start();
    q.setConnected(true);
    expect(reads()).toBe(2);
    await c.answer();
    expect(q.getState().data).toBe(2);
  });

  it('tells subscribers of each change of state', async () => {
    const { c, q } = setup();
    const seen: unknown[] = [];
    q.subscribe(() => seen.push(q.getState()));
    q.start();
    q.setConnected(true);
    await c.answer();
    q.setData((d) => (d ?? 0) + 10);
    expect(seen).toEqual([
      { data: undefined, error: undefined, loading: true },
      { data: 1, error: undefined, loading: false },
      { data: 11, error: undefined, loading: false },
    ]);
  });
});
