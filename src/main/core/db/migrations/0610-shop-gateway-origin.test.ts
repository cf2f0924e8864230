import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration';
import { migrations } from '.';

describe('migration 0610 shop-gateway-origin', () => {
  it('keeps only the origin of a gateway saved as a whole endpoint URL', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 610),
    );
    const add = db.prepare(
      `INSERT INTO shop (platform, shop_id, label, config, created_at) VALUES (?, ?, 'l', ?, 0)`,
    );
    add.run('jd', 'a', JSON.stringify({ appKey: 'k', gateway: 'https://api.jd.com/routerjson' }));
    add.run('taobao', 'b', JSON.stringify({ appKey: 'k', gateway: 'http://127.0.0.1:4100/router/rest' }));
    add.run('kuaishou', 'c', JSON.stringify({ appKey: 'k', gateway: 'http://127.0.0.1:4200' }));
    add.run('douyin', 'd', JSON.stringify({ appKey: 'k', gateway: '' }));
    add.run('jd', 'e', JSON.stringify({ appKey: 'k', gateway: 'not a url' }));
    add.run('taobao', 'f', 'not json');
    migrate(db, migrations);
    const configs = db.prepare('SELECT shop_id, config FROM shop ORDER BY shop_id').all() as {
      shop_id: string;
      config: string;
    }[];
    expect(configs.map((c) => [c.shop_id, c.config])).toEqual([
      ['a', JSON.stringify({ appKey: 'k', gateway: 'https://api.jd.com' })],
      ['b', JSON.stringify({ appKey: 'k', gateway: 'http://127.0.0.1:4100' })],
      ['c', JSON.stringify({ appKey: 'k', gateway: 'http://127.0.0.1:4200' })],
      ['d', JSON.stringify({ appKey: 'k', gateway: '' })],
      ['e', JSON.stringify({ appKey: 'k', gateway: 'not a url' })],
      ['f', 'not json'],
    ]);
  });
});
