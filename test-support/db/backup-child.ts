/**
 * The backup kill test's victim: opens the studio database in <data dir> and backs it up, but
 * after the first step of copying prints `copying` and blocks, so the parent's SIGKILL lands in
 * the middle of the backup (the file being written is partial). Args: <data dir>
 */
import path from 'node:path';
import { migrations } from '../../src/main/core/db/migrations';
import { backupDatabase, openDatabase } from '../../src/main/core/db/open-database';
import { LogHub } from '../../src/main/core/logging/log-hub';

const [dir] = process.argv.slice(2);
if (!dir) throw new Error('usage: backup-child <data dir>');
const { db } = openDatabase(path.join(dir, 'shelfcast.db'), migrations, new LogHub().logger('db'));
const backup = db.backup.bind(db);
const parked = new Int32Array(new SharedArrayBuffer(4));
db.backup = ((destination: string) =>
  backup(destination, {
    progress: () => {
      process.stdout.write('copying\n');
      Atomics.wait(parked, 0, 0, 60_000);
      return 100;
    },
  })) as typeof db.backup;
await backupDatabase(db, dir);
process.stdout.write('finished\n');
