import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration';
import { migrations } from '.';

describe('migration 0402 order-raw-zstd', () => {
  it('keeps every raw page with its id and accepts zstd pages afterwards', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version <= 401),
    );
    const page = db.prepare(
      `INSERT INTO order_raw_page (id, platform, shop_id, received_at, codec, orders, body) VALUES (?, 'douyin', 's1', 5, ?, 1, ?)`,
    );
    page.run(7, 'none', Buffer.from('{"a":1}'));
    page.run(9, 'deflate-raw', Buffer.from([1, 2, 3]));
    const before = db.prepare('SELECT * FROM order_raw_page ORDER BY id').all();
    expect(() => page.run(10, 'zstd', Buffer.from([4]))).toThrow(/CHECK/);
    migrate(db, migrations);
    expect(db.prepare('SELECT * FROM order_raw_page ORDER BY id').all()).toEqual(before);
    page.run(10, 'zstd', Buffer.from([4]));
    expect(() => page.run(11, 'lz4', Buffer.from([4]))).toThrow(/CHECK/);
  });
});
