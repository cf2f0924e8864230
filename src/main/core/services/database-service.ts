import path from 'node:path';
import type Database from 'better-sqlite3';
import { makeFilesPrivate, makePrivate } from '../data-dir';
import type { Logger } from '../logging/log-hub';
import { backupDatabase, closeDatabase, openDatabase } from '../db/open-database';
import { migrations } from '../db/migrations';
import type { StatusBoard, StudioService } from './service';

export const DATABASE_FILE = 'shelfcast.db';
const BACKUP_EVERY_MS = 10 * 60 * 1000;

/** Owns the SQLite file: opens it once, backs it up on a timer, closes it with `optimize`. */
export class DatabaseService implements StudioService {
  readonly name = 'database' as const;
  private handle: Database.Database | undefined;
  private backupTimer: NodeJS.Timeout | undefined;
  schema = 0;

  constructor(
    private readonly dataDir: string | null,
    private readonly status: StatusBoard,
    private readonly log: Logger,
  ) {}

  get file(): string {
    return this.dataDir ? path.join(this.dataDir, DATABASE_FILE) : ':memory:';
  }

  /** The open handle; only valid between start() and stop(). */
  get db(): Database.Database {
    if (!this.handle) throw new Error('database is not open');
    return this.handle;
  }

  async start(): Promise<void> {
    this.status.set('database', 'starting', 'status.detail.starting');
    try {
      const opened = openDatabase(this.file, migrations, this.log);
      this.handle = opened.db;
      this.schema = opened.schema;
      // SQLite creates the file with the process umask (often 0644); the WAL and SHM copy its mode.
      if (this.dataDir) makeFilesPrivate(['', '-wal', '-shm'].map((suffix) => this.file + suffix));
      if (opened.restoredFrom) {
        this.status.set('database', 'warning', 'status.detail.databaseRestored', {
          moved: opened.restoredFrom.moved,
        });
      } else {
        this.status.set('database', 'ok', 'status.detail.databaseOpen', {
          file: path.basename(this.file),
          schema: this.schema,
        });
      }
      this.log.info('database open', { file: this.file, schema: this.schema });
    } catch (err) {
      this.status.set('database', 'error', 'status.detail.databaseFailed', { reason: String(err) });
      throw err;
    }
    if (this.dataDir) {
      const dataDir = this.dataDir;
      this.backupTimer = setInterval(() => {
        backupDatabase(this.db, dataDir).then(
          (file) => {
            makePrivate(path.dirname(file));
            this.log.debug('database backed up', { file });
          },
          (err: unknown) => this.log.error('database backup failed', { err }),
        );
      }, BACKUP_EVERY_MS);
      this.backupTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.backupTimer);
    if (this.handle) closeDatabase(this.handle);
    this.handle = undefined;
    this.status.set('database', 'stopped', 'status.detail.stopped');
  }
}
