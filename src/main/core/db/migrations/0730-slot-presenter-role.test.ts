import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration';
import { migrations } from '.';
import { RundownStore } from '../../shelf/rundown-store';
import type { SlotRow } from '../../shelf/shelf-rows';

describe('migration 0730 slot-presenter-role', () => {
  it('gives existing slots an empty role (the default tag) and bounds its length', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 730),
    );
    db.prepare(
      `INSERT INTO show (id, title, show_date, created_at, updated_at) VALUES (1, '早场', '2026-11-21', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO product (id, name_zh, list_price_fen, live_price_fen, stock, status, created_at, updated_at)
       VALUES (1, '大枣', 100, 90, 5, 'ready', 0, 0)`,
    ).run();
    db.prepare(`INSERT INTO rundown_slot (id, show_id, position, product_id) VALUES (1, 1, 0, 1)`).run();
    migrate(db, migrations);
    expect(db.prepare('SELECT presenter_role FROM rundown_slot WHERE id = 1').get()).toEqual({
      presenter_role: '',
    });
    expect(() =>
      db.prepare(`UPDATE rundown_slot SET presenter_role = ? WHERE id = 1`).run('长'.repeat(41)),
    ).toThrow(/CHECK/);
  });

  it('an undo entry stored before the role existed still restores its slot', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    db.prepare(
      `INSERT INTO show (id, title, show_date, created_at, updated_at) VALUES (1, '早场', '2026-11-21', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO product (id, name_zh, list_price_fen, live_price_fen, stock, status, created_at, updated_at)
       VALUES (1, '大枣', 100, 90, 5, 'ready', 0, 0)`,
    ).run();
    const store = new RundownStore(() => db);
    const id = store.addSlot(1, {
      productId: 1,
      presenterName: '小李',
      presenterTitle: '',
      presenterCounty: '',
      presenterRole: '',
      plannedSeconds: 300,
      cameraPreset: '',
      livePriceOverrideFen: null,
      notes: '',
    });
    const removed = store.removeSlot(id);
    const { presenter_role: _gone, ...old } = removed;
    store.restoreSlot(old as SlotRow, false);
    expect(store.slots(1)).toEqual([
      expect.objectContaining({ id, presenterName: '小李', presenterRole: '' }),
    ]);
  });
});
