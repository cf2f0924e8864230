import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration';
import { migrations } from '.';

describe('migration 0620 show-windows', () => {
  it('gives each dated show its Beijing day as on-air window and leaves lines and figures as they were', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 620),
    );
    const show = db.prepare(
      `INSERT INTO show (id, title, show_date, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`,
    );
    show.run(1, '早场', '2026-11-21');
    show.run(2, '晚场', '2026-11-21'); // same date: the ledger filed that day's orders here
    show.run(3, '次日', '2026-11-22');
    db.prepare(
      `INSERT INTO sales_minute (show_id, platform, product_id, minute, lines, units, gmv_fen, refunded_fen)
       VALUES (2, 'douyin', 0, 60000, 1, 2, 300, 0)`,
    ).run();
    const before = db.prepare('SELECT * FROM sales_minute').all();
    migrate(db, migrations);
    const windows = db.prepare('SELECT id, on_air_from, on_air_to FROM show ORDER BY id').all();
    const day21 = Date.UTC(2026, 10, 20, 16); // 2026-11-21 00:00 Beijing time
    expect(windows).toEqual([
      { id: 1, on_air_from: null, on_air_to: null },
      { id: 2, on_air_from: day21, on_air_to: day21 + 86_400_000 },
      { id: 3, on_air_from: day21 + 86_400_000, on_air_to: day21 + 2 * 86_400_000 },
    ]);
    expect(db.prepare('SELECT * FROM sales_minute').all()).toEqual(before);
    // A window that ends before it starts cannot be stored.
    expect(() => db.prepare('UPDATE show SET on_air_to = on_air_from - 1 WHERE id = 2').run()).toThrow(
      /CHECK/,
    );
  });
});
