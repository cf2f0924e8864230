import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration';
import { migrations } from '.';

describe('migration 0401 order-raw-pages', () => {
  it('moves each kept order JSON into a page the line points at, and re-keys sales_minute without loss', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version <= 400),
    );
    const line = db.prepare(
      `INSERT INTO order_line (platform, shop_id, order_id, line_id, status, refund_state, item_id, sku_id, outer_sku,
         title, quantity, paid_fen, created_at, paid_at, updated_at, product_id, show_id, minute, stock_taken, received_at)
       VALUES ('douyin', 's1', ?, ?, 'paid', 'none', 'i', 'k', '', 't', 1, 990, 1, 2, 3, NULL, 0, 0, 0, 4)`,
    );
    line.run('6900000000000000001', 'a');
    line.run('6900000000000000001', 'b');
    line.run('6900000000000000002', 'c');
    const raw = db.prepare(
      `INSERT INTO order_raw (platform, shop_id, order_id, updated_at, raw) VALUES ('douyin', 's1', ?, 3, ?)`,
    );
    raw.run('6900000000000000001', '{"order_id":6900000000000000001}');
    raw.run('6900000000000000002', '{"order_id":6900000000000000002,"x":"二"}');
    const cell = db.prepare(
      `INSERT INTO sales_minute (show_id, platform, product_id, minute, lines, units, gmv_fen, refunded_fen)
       VALUES (1, 'douyin', ?, ?, 1, 2, 3, 4)`,
    );
    cell.run(5, 60_000);
    cell.run(4, 120_000);
    const cellsBefore = db.prepare('SELECT * FROM sales_minute ORDER BY product_id').all();

    migrate(db, migrations);

    const rawOf = (orderId: string) =>
      db
        .prepare<[string], { raw_index: number; codec: string; body: Buffer }>(
          `SELECT l.raw_index, p.codec, p.body FROM order_line l JOIN order_raw_page p ON p.id = l.raw_page
           WHERE l.order_id = ? ORDER BY l.line_id`,
        )
        .all(orderId)
        .map((r) => [r.codec, r.raw_index, r.body.toString('utf8')]);
    expect(rawOf('6900000000000000001')).toEqual([
      ['none', 0, '{"order_id":6900000000000000001}'],
      ['none', 0, '{"order_id":6900000000000000001}'],
    ]);
    expect(rawOf('6900000000000000002')).toEqual([['none', 0, '{"order_id":6900000000000000002,"x":"二"}']]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'order_raw'").get()).toEqual({
      n: 0,
    });
    expect(db.prepare('SELECT * FROM sales_minute ORDER BY product_id').all()).toEqual(cellsBefore);
    const pk = db
      .prepare<[], { name: string; pk: number }>(
        "SELECT name, pk FROM pragma_table_info('sales_minute') WHERE pk > 0",
      )
      .all()
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    expect(pk).toEqual(['show_id', 'platform', 'minute', 'product_id']);
    db.close();
  });
});
