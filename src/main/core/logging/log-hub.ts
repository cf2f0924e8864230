import type { LogLevel, LogLine } from '@shared/api/domains/log';
import { isSecretField } from '@shared/secret-fields';

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
export const atLeast = (level: LogLevel, min: LogLevel): boolean => levelRank[level] >= levelRank[min];

/**
 * The fields with every known secret field (by name: `appSecret`, `password`, `access_token`...)
 * replaced, at any depth; ordinary fields such as `reasonKey` stay readable.
 */
export function redact(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (isSecretField(k)) out[k] = '[redacted]';
    else out[k] = redactValue(v, depth + 1);
  }
  return out;
}

function redactValue(v: unknown, depth: number): unknown {
  if (v instanceof Error) return v.message;
  if (!v || typeof v !== 'object') return v;
  if (depth > 8) return '[nested]';
  if (Array.isArray(v)) return v.map((item) => redactValue(item, depth + 1));
  return redact(v as Record<string, unknown>, depth);
}

export interface Logger {
  readonly name: string;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A child logger, e.g. `orders` → `orders:kuaishou`. */
  child(suffix: string): Logger;
  /** Runs `fn`, warning when it takes longer than `slowMs`. */
  timed<T>(label: string, slowMs: number, fn: () => T): T;
}

export interface LogHubOptions {
  ringSize?: number;
  /** Lines at or above this level are also written to the sink (stderr in the console). */
  echoLevel?: LogLevel;
  sink?: (line: LogLine) => void;
}

/** Named loggers feeding one in-memory ring the UI can read and follow. */
export class LogHub {
  private readonly ring: LogLine[] = [];
  private readonly ringSize: number;
  private seq = 0;
  private readonly listeners = new Set<(line: LogLine) => void>();

  constructor(private readonly options: LogHubOptions = {}) {
    this.ringSize = options.ringSize ?? 2000;
  }

  logger(name: string): Logger {
    const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) =>
      this.write(name, level, message, fields);
    const logger: Logger = {
      name,
      debug: (m, f) => write('debug', m, f),
      info: (m, f) => write('info', m, f),
      warn: (m, f) => write('warn', m, f),
      error: (m, f) => write('error', m, f),
      child: (suffix) => this.logger(`${name}:${suffix}`),
      timed: (label, slowMs, fn) => {
        const start = performance.now();
        try {
          return fn();
        } finally {
          const ms = performance.now() - start;
          if (ms > slowMs) write('warn', `slow: ${label}`, { ms: Math.round(ms), limitMs: slowMs });
        }
      },
    };
    return logger;
  }

  /** Lines oldest first, filtered. */
  recent(limit: number, minLevel: LogLevel = 'debug', logger?: string): LogLine[] {
    const lines = this.ring.filter(
      (l) =>
        atLeast(l.level, minLevel) && (!logger || l.logger === logger || l.logger.startsWith(`${logger}:`)),
    );
    return lines.slice(-limit);
  }

  onLine(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(logger: string, level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    const line: LogLine = { seq: ++this.seq, time: Date.now(), level, logger, message };
    if (fields && Object.keys(fields).length > 0) line.fields = redact(fields);
    this.ring.push(line);
    if (this.ring.length > this.ringSize) this.ring.splice(0, this.ring.length - this.ringSize);
    if (this.options.sink && atLeast(level, this.options.echoLevel ?? 'info')) this.options.sink(line);
    for (const l of this.listeners) {
      try {
        l(line);
      } catch {
        // A broken listener must not stop logging or the other listeners.
      }
    }
  }
}

export const formatLogLine = (line: LogLine): string =>
  `${new Date(line.time).toISOString()} ${line.level.toUpperCase().padEnd(5)} [${line.logger}] ${line.message}` +
  (line.fields ? ` ${JSON.stringify(line.fields)}` : '');
