import type { Logger } from '../logging/log-hub';

/**
 * Runs request, message and timer handlers so that an error escaping one (thrown, or a rejected
 * promise) is logged with its area and never ends the process. The area names the place
 * (`server:request`, `overlays:ping`) so the log says where the bug is.
 */
export function guarded<A extends unknown[]>(
  log: Logger,
  area: string,
  fn: (...args: A) => unknown,
): (...args: A) => void {
  const report = (err: unknown) => log.error(`${area} failed`, { area, err, stack: stackOf(err) });
  return (...args: A) => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(report);
    } catch (err) {
      report(err);
    }
  };
}

/** setInterval with a guarded handler. */
export function guardedInterval(log: Logger, area: string, fn: () => unknown, ms: number): NodeJS.Timeout {
  return setInterval(guarded(log, area, fn), ms);
}

/** setTimeout with a guarded handler. */
export function guardedTimeout(log: Logger, area: string, fn: () => unknown, ms: number): NodeJS.Timeout {
  return setTimeout(guarded(log, area, fn), ms);
}

const stackOf = (err: unknown): string | undefined =>
  err instanceof Error ? err.stack?.split('\n').slice(0, 6).join('\n') : undefined;

/** The part of `process` the last-resort handlers attach to (a plain EventEmitter in tests). */
export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (err: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * The last resort of the two entry points (headless console and desktop app): an error nothing
 * else caught is logged (`process` area, with its stack) and the show goes on. Only the entry
 * points install it; unit tests never do, so a real bug still fails its test.
 * Returns the uninstaller.
 */
export function keepRunningOnUncaught(target: ProcessEvents, log: Logger): () => void {
  const onException = (err: Error) =>
    log.error('uncaught exception (kept running)', { area: 'process', err, stack: stackOf(err) });
  const onRejection = (reason: unknown) =>
    log.error('unhandled promise rejection (kept running)', {
      area: 'process',
      err: reason,
      stack: stackOf(reason),
    });
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
