import path from 'node:path';
import type Database from 'better-sqlite3';
import { makeFilesPrivate, makePrivate } from '../data-dir';
import type { Logger } from '../logging/log-hub';
import { DiskGuard, type DiskGuardOptions } from '../db/disk-guard';
import { backupDatabase, closeDatabase, openDatabase, type OpenedDatabase } from '../db/open-database';
import { migrations } from '../db/migrations';
import { WalCheckpointer } from '../db/wal-checkpointer';
import type { StatusBoard, StudioService } from './service';

export const DATABASE_FILE = 'shelfcast.db';
const BACKUP_EVERY_MS = 10 * 60 * 1000;

export interface DatabaseServiceOptions {
  /** The disk guard's recheck timing and free-space reader (tests). */
  disk?: Pick<DiskGuardOptions, 'recheckMs' | 'minFreeBytes' | 'freeBytes'>;
}

/** Owns the SQLite file: opens it once, backs it up on a timer, closes it with `optimize`. */
export class DatabaseService implements StudioService {
  readonly name = 'database' as const;
  /** The studio's disk state: every background writer reports a full disk here instead of throwing. */
  readonly disk: DiskGuard;
  private handle: Database.Database | undefined;
  private backupTimer: NodeJS.Timeout | undefined;
  private backingUp: Promise<string | null> | undefined;
  private checkpointer: WalCheckpointer | undefined;
  schema = 0;

  constructor(
    private readonly dataDir: string | null,
    private readonly status: StatusBoard,
    private readonly log: Logger,
    options: DatabaseServiceOptions = {},
  ) {
    this.disk = new DiskGuard({ dir: dataDir, status, log, ...options.disk });
  }

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
      this.announce(opened);
      this.log.info('database open', { file: this.file, schema: this.schema });
    } catch (err) {
      this.status.set('database', 'error', 'status.detail.databaseFailed', { reason: String(err) });
      throw err;
    }
    if (this.dataDir) {
      this.checkpointer = new WalCheckpointer(this.handle, this.file, {
        onError: (err) => {
          if (!this.disk.report(err, 'checkpoint')) this.log.warn('WAL checkpoint failed', { err });
        },
        onStopped: (reason) =>
          this.log.warn('checkpoint thread stopped: the studio thread checkpoints the WAL again', { reason }),
      });
      this.checkpointer.start();
      this.backupTimer = setInterval(() => void this.backup(), BACKUP_EVERY_MS);
      this.backupTimer.unref();
    }
  }

  /**
   * Backs up now (one at a time); never throws: resolves with the backup's path, or null when it
   * failed (a full disk is reported as the disk state, anything else logged).
   */
  backup(): Promise<string | null> {
    if (!this.dataDir || !this.handle) return Promise.resolve(null);
    this.backingUp ??= backupDatabase(this.handle, this.dataDir)
      .then(
        (file) => {
          this.disk.wrote();
          makePrivate(path.dirname(file));
          this.log.debug('database backed up', { file });
          return file;
        },
        (err: unknown) => {
          if (!this.disk.report(err, 'backup')) this.log.error('database backup failed', { err });
          return null;
        },
      )
      .finally(() => (this.backingUp = undefined));
    return this.backingUp;
  }

  async stop(): Promise<void> {
    clearInterval(this.backupTimer);
    await this.backingUp;
    this.disk.stop();
    await this.checkpointer?.stop();
    this.checkpointer = undefined;
    const handle = this.handle;
    this.handle = undefined;
    this.status.set('database', 'stopped', 'status.detail.stopped');
    if (handle) closeDatabase(handle);
  }

  /** The database pill after opening: ok, or what was restored and from where (also in the log). */
  private announce(opened: OpenedDatabase): void {
    const r = opened.restoredFrom;
    if (!r) {
      this.status.set('database', 'ok', 'status.detail.databaseOpen', {
        file: path.basename(this.file),
        schema: this.schema,
      });
      return;
    }
    const backup = r.backup ? path.basename(r.backup) : '';
    const moved = r.moved ?? '';
    if (!r.backup)
      this.status.set('database', 'error', 'disk.restore.noBackup', { moved, skipped: r.skipped.length });
    else if (r.reason === 'missing')
      this.status.set('database', 'warning', 'disk.restore.missing', { backup, skipped: r.skipped.length });
    else
      this.status.set('database', 'warning', 'disk.restore.damaged', {
        moved,
        backup,
        skipped: r.skipped.length,
      });
  }
}
