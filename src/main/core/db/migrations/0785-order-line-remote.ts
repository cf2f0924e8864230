import type { Migration } from '../migration';

/**
 * Event mode: `order_line.remote` marks the lines another booth sold, projected into this ledger
 * from the event's stream. They count in the event's figures and stock, never in a show of this
 * studio (a show's window takes this studio's own lines only). Lines already projected (their
 * shop is another booth's, in event_shop: a machine never records its own shops there) are
 * marked, moved out of the shows they were put in, and those shows recounted.
 */
export const orderLineRemoteMigration: Migration = {
  version: 785,
  name: 'order-line-remote',
  up(db) {
    db.exec(`
      ALTER TABLE order_line ADD COLUMN remote INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1));
      UPDATE order_line SET remote = 1
       WHERE EXISTS (SELECT 1 FROM event_shop s
                      WHERE s.platform = order_line.platform AND s.shop_id = order_line.shop_id);
    `);
    const shows = db
      .prepare<[], { show_id: number }>(
        'SELECT DISTINCT show_id FROM order_line WHERE remote = 1 AND show_id <> 0',
      )
      .all()
      .map((r) => r.show_id);
    if (shows.length === 0) return;
    db.prepare('UPDATE order_line SET show_id = 0 WHERE remote = 1 AND show_id <> 0').run();
    recount(db, [0, ...shows]);
  },
};

const COUNTED = `status IN ('paid', 'shipped', 'completed') AND refund_state <> 'refunded'`;

/** The ledger's recount of shows' aggregates from their lines (show-windows.ts as of this migration, frozen). */
function recount(db: Parameters<Migration['up']>[0], showIds: readonly number[]): void {
  const list = showIds.map(() => '?').join(', ');
  db.prepare(`DELETE FROM sales_minute WHERE show_id IN (${list})`).run(...showIds);
  db.prepare(`DELETE FROM sales_order_minute WHERE show_id IN (${list})`).run(...showIds);
  db.prepare(
    `INSERT INTO sales_minute (show_id, platform, product_id, minute, lines, units, gmv_fen, refunded_fen)
     SELECT show_id, platform, coalesce(product_id, 0), minute,
       sum(counted), sum(counted * quantity), sum(counted * paid_fen),
       sum(CASE WHEN refund_state = 'refunded' AND paid_at IS NOT NULL THEN paid_fen ELSE 0 END)
     FROM (SELECT *, (${COUNTED}) AS counted FROM order_line WHERE show_id IN (${list}))
     GROUP BY show_id, platform, coalesce(product_id, 0), minute
     HAVING sum(counted) <> 0 OR sum(CASE WHEN refund_state = 'refunded' AND paid_at IS NOT NULL THEN paid_fen ELSE 0 END) <> 0`,
  ).run(...showIds);
  db.prepare(
    `INSERT INTO sales_order_minute (show_id, platform, minute, orders)
     SELECT show_id, platform, minute, count(*) FROM
       (SELECT show_id, platform, min(minute) AS minute FROM order_line
        WHERE show_id IN (${list}) AND ${COUNTED} GROUP BY show_id, platform, shop_id, order_id)
     GROUP BY show_id, platform, minute`,
  ).run(...showIds);
}
