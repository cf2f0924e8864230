import type { Migration } from '../migration';

/**
 * Event mode (several booths, one ledger, see src/main/core/event):
 * - `event_outbox`: this booth's own order-line versions, written in the ledger's commit
 *   transaction and deleted once JetStream acknowledged them (published in `seq` order, each with
 *   its message id for JetStream's de-duplication);
 * - `event_cursor`: per event, the last stream sequence projected into this ledger (written in the
 *   same transaction as the lines it covers, so a restart resumes exactly after it);
 * - `event_shop`: which booth sells through which shop (figures by booth);
 * - `event_shelf_rev`: per event product, the shelf revision this machine applied last.
 */
export const eventMigration: Migration = {
  version: 720,
  name: 'event',
  up(db) {
    db.exec(`
      CREATE TABLE event_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL,
        msg_id TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE TABLE event_cursor (
        event_id TEXT PRIMARY KEY,
        stream_seq INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE event_shop (
        event_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        booth TEXT NOT NULL,
        PRIMARY KEY (event_id, platform, shop_id)
      ) STRICT;
      CREATE TABLE event_shelf_rev (
        event_id TEXT NOT NULL,
        code TEXT NOT NULL,
        revision INTEGER NOT NULL,
        PRIMARY KEY (event_id, code)
      ) STRICT;
    `);
  },
};
