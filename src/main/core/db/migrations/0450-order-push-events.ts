import type { Migration } from '../migration';

/**
 * Push events already turned into re-fetches, so a redelivered push (Kuaishou retries for about
 * two hours, Douyin and Taobao TMC redeliver too) is acknowledged without a second re-fetch,
 * also across restarts. Old rows are pruned by the receiver.
 */
export const orderPushEventsMigration: Migration = {
  version: 450,
  name: 'order-push-events',
  up(db) {
    db.exec(`
      CREATE TABLE order_push_event (
        platform TEXT NOT NULL CHECK (platform IN ('kuaishou', 'douyin', 'jd', 'taobao')),
        event_id TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (platform, event_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX order_push_event_received ON order_push_event (received_at);
    `);
  },
};
