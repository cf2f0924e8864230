/** Runs tasks one at a time (per-shop token refresh: never two refreshes of one shop at once). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Collapses concurrent calls into one in flight: callers that arrive while a refresh runs get
 * that refresh's result instead of starting another (a rotating refresh token dies when used twice).
 */
export class SingleFlight<T> {
  private inFlight: Promise<T> | undefined;

  run(task: () => Promise<T>): Promise<T> {
    this.inFlight ??= task().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }
}
