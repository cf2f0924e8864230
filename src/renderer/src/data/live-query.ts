import type { EventName, EventPayload } from '@shared/api/contract';
import type { ApiError, Result } from '@shared/api/errors';

/** The events a live query reloads on: `true` for every one, or a test of its payload. */
export type LiveEvents = { [E in EventName]?: true | ((payload: EventPayload<E>) => boolean) };

/** What a live query reads: the answer, the last typed error, and whether a load is running. */
export interface LiveState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

/** Timers, injected so tests drive time instead of waiting for it. */
export interface LiveClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: LiveClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface LiveQueryOptions<T> {
  /** One read of the data (an API call). */
  fetch: () => Promise<Result<T>>;
  /** Subscribes to one contract event (`api.on`). */
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
  events: LiveEvents;
  /** At most one reload per this many ms for a burst of events (trailing: the latest state wins). */
  throttleMs: number;
  clock?: LiveClock;
}

/**
 * The one rule for data a page shows live: load when the connection comes up (again), reload
 * after the named events, at most once per `throttleMs` however many arrive (an order sync announces
 * stock many times a second), and a reload asked for while one runs starts when it ends, so the
 * last event is never answered by a read that started before it. Reads never overlap, so answers
 * cannot arrive out of order. The React side is `useLiveQuery`; this class holds the behaviour so it is tested
 * without a DOM.
 */
export class LiveQuery<T> {
  private state: LiveState<T> = { data: undefined, error: undefined, loading: false };
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribes: (() => void)[] = [];
  private readonly clock: LiveClock;
  private connected = false;
  private running = false;
  private again = false;
  private timer: unknown = null;
  private lastLoadAt = -Infinity;
  private started = false;
  /** Bumped by stop(): an answer to a read from before it is not shown. */
  private generation = 0;

  constructor(private readonly options: LiveQueryOptions<T>) {
    this.clock = options.clock ?? realClock;
  }

  /** Subscribes to the named events; loads once the connection is up. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const event of Object.keys(this.options.events) as EventName[]) {
      if (!this.options.events[event]) continue;
      this.unsubscribes.push(
        this.options.on(event, (payload) => {
          // The test is looked up when the event arrives: it may close over props updated since.
          const test = this.options.events[event];
          if (test === true || (typeof test === 'function' && (test as (p: unknown) => boolean)(payload)))
            this.refresh();
        }),
      );
    }
  }

  /** The latest read and event tests (a view's props change; the subscribed names stay). */
  update(fetch: () => Promise<Result<T>>, events: LiveEvents): void {
    this.options.fetch = fetch;
    this.options.events = events;
  }

  /** The connection's state: every change to connected loads at once. */
  setConnected(connected: boolean): void {
    const was = this.connected;
    this.connected = connected;
    if (connected && !was) this.reload();
  }

  /** A reload within the throttle: events in a burst share one. */
  refresh(): void {
    if (!this.started || !this.connected || this.timer !== null) return;
    const wait = Math.max(0, this.lastLoadAt + this.options.throttleMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.reload();
    }, wait);
  }

  /** Loads now (after the one running, if any). */
  reload(): void {
    if (!this.started || !this.connected) return;
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    const generation = this.generation;
    this.running = true;
    this.again = false;
    this.lastLoadAt = this.clock.now();
    this.set({ loading: true });
    let r: Result<T>;
    try {
      r = await this.options.fetch();
    } catch (e) {
      r = { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
    }
    this.running = false;
    if (generation !== this.generation) {
      if (this.again) this.reload();
      return;
    }
    // A newer read was asked for while this one ran: its answer is the one to show.
    if (this.again) {
      this.set(r.ok ? { data: r.value, error: undefined } : { error: r.error });
      this.reload();
      return;
    }
    this.set(r.ok ? { data: r.value, error: undefined, loading: false } : { error: r.error, loading: false });
  }

  /** Replaces the data locally (an event that carries the new value, an action's answer). */
  setData(update: (data: T | undefined) => T | undefined): void {
    this.set({ data: update(this.state.data) });
  }

  getState = (): LiveState<T> => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Unsubscribes and forgets the connection; start() may follow (React runs effects twice in dev). */
  stop(): void {
    this.started = false;
    this.connected = false;
    this.generation++;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    for (const u of this.unsubscribes.splice(0)) u();
  }

  private set(patch: Partial<LiveState<T>>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
