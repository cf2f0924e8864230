import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migration';
import { migrations } from '../db/migrations';
import { SHOW_GMV_SQL } from '../orders';
import { ownShowGmvFen } from './booth-state';

const line = `INSERT INTO order_line (platform, shop_id, order_id, line_id, status, refund_state, item_id, sku_id,
  outer_sku, title, quantity, paid_fen, created_at, paid_at, updated_at, product_id, show_id, minute, stock_taken,
  received_at, remote) VALUES ('douyin', ?, ?, ?, ?, 'none', 'i', 's', 'c', 't', 1, ?, 0, 0, 0, NULL, ?, 0, 0, 0, ?)`;

describe("a booth's show GMV", () => {
  it('reads the show’s lines through the order_line_show index, not a scan of every line', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const plan = db
      .prepare<[number], { detail: string }>(`EXPLAIN QUERY PLAN ${SHOW_GMV_SQL}`)
      .all(1)
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH order_line USING INDEX order_line_show \(show_id=\?\)/);
    expect(plan).not.toMatch(/SCAN/);
  });

  it('counts the show’s paid lines only', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const add = db.prepare(line);
    add.run('own', '1', '1', 'paid', 1_990, 7, 0);
    add.run('own', '2', '2', 'unpaid', 5_000, 7, 0);
    add.run('own', '3', '3', 'paid', 300, 8, 0);
    add.run('b2', '4', '4', 'paid', 50_000, 0, 1);
    expect(ownShowGmvFen(db, 7)).toBe(1_990);
  });
});

describe('migration 0785 order-line-remote', () => {
  it('marks the lines of other booths’ shops remote, moves them out of this studio’s shows and recounts them', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 785),
    );
    db.prepare(
      `INSERT INTO show (id, title, show_date, created_at, updated_at) VALUES (7, '夜场', '2026-11-21', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO event_shop (event_id, platform, shop_id, booth) VALUES ('gansu', 'douyin', 'b2', 'b2')`,
    ).run();
    const add = db.prepare(line.replace(', remote)', ')').replace(', ?)', ')'));
    add.run('own', '1', '1', 'paid', 1_990, 7);
    add.run('b2', '4', '4', 'paid', 50_000, 7);
    db.prepare(
      `INSERT INTO sales_minute (show_id, platform, product_id, minute, lines, units, gmv_fen, refunded_fen)
       VALUES (7, 'douyin', 0, 0, 2, 2, 51990, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO sales_order_minute (show_id, platform, minute, orders) VALUES (7, 'douyin', 0, 2)`,
    ).run();
    migrate(db, migrations);
    expect(db.prepare('SELECT shop_id, show_id, remote FROM order_line ORDER BY shop_id').all()).toEqual([
      { shop_id: 'b2', show_id: 0, remote: 1 },
      { shop_id: 'own', show_id: 7, remote: 0 },
    ]);
    expect(db.prepare('SELECT show_id, lines, gmv_fen FROM sales_minute ORDER BY show_id').all()).toEqual([
      { show_id: 0, lines: 1, gmv_fen: 50_000 },
      { show_id: 7, lines: 1, gmv_fen: 1_990 },
    ]);
    expect(db.prepare('SELECT show_id, orders FROM sales_order_minute ORDER BY show_id').all()).toEqual([
      { show_id: 0, orders: 1 },
      { show_id: 7, orders: 1 },
    ]);
  });
});
