import type { Migration } from '../migration';

/**
 * An index on order_line's show: a show's own lines are read by it (a booth's show GMV on every
 * heartbeat in event mode, the cue report, a window change's recount) without scanning every line
 * of every show.
 */
export const orderLineShowMigration: Migration = {
  version: 780,
  name: 'order-line-show',
  up(db) {
    db.exec(`CREATE INDEX order_line_show ON order_line (show_id);`);
  },
};
