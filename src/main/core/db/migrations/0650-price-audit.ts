import type { Migration } from '../migration';

/**
 * The price audit: every change of a product's live or list price and of a slot's price override,
 * with who, when and from where. Triggers write the rows, so no write path (edit, bulk edit,
 * import, undo, API) can change a price without a trace; the handler sets `price_audit_context`
 * (one row) for the duration of its transaction to say who, when and from where. `price_ack`
 * holds, per rundown slot, the last change the operator confirmed at the Show console (set to the
 * latest change when the slot is added: the price the rundown was made with).
 * History: no foreign keys, the rows outlive a deleted product or slot.
 */
export const priceAuditMigration: Migration = {
  version: 650,
  name: 'price-audit',
  up(db) {
    db.exec(`
      CREATE TABLE price_change (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        product_id INTEGER NOT NULL,
        slot_id INTEGER,
        show_id INTEGER,
        field TEXT NOT NULL CHECK (field IN ('live', 'list', 'override')),
        old_fen INTEGER,
        new_fen INTEGER,
        source TEXT NOT NULL,
        actor TEXT NOT NULL,
        -- comma-separated price guard rules the change tripped ('' when none)
        reasons TEXT NOT NULL DEFAULT '',
        confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1))
      ) STRICT;
      CREATE INDEX price_change_at ON price_change (at);
      CREATE INDEX price_change_product ON price_change (product_id, id);
      CREATE INDEX price_change_slot ON price_change (slot_id, id);

      CREATE TABLE price_audit_context (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at INTEGER,
        source TEXT,
        actor TEXT,
        confirmed INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO price_audit_context (id) VALUES (1);

      CREATE TABLE price_ack (
        slot_id INTEGER PRIMARY KEY,
        change_id INTEGER NOT NULL
      ) STRICT;
      -- A slot's baseline is the price when it was put in the rundown.
      CREATE TRIGGER rundown_slot_price_baseline AFTER INSERT ON rundown_slot
      BEGIN
        INSERT OR REPLACE INTO price_ack (slot_id, change_id)
        VALUES (NEW.id, (SELECT coalesce(max(id), 0) FROM price_change));
      END;

      CREATE TRIGGER product_live_price_audit AFTER UPDATE OF live_price_fen ON product
      WHEN OLD.live_price_fen IS NOT NEW.live_price_fen
      BEGIN
        INSERT INTO price_change (at, product_id, field, old_fen, new_fen, source, actor, confirmed)
        SELECT coalesce(c.at, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), NEW.id, 'live',
          OLD.live_price_fen, NEW.live_price_fen, coalesce(c.source, 'other'), coalesce(c.actor, ''), c.confirmed
        FROM price_audit_context c WHERE c.id = 1;
      END;

      CREATE TRIGGER product_list_price_audit AFTER UPDATE OF list_price_fen ON product
      WHEN OLD.list_price_fen IS NOT NEW.list_price_fen
      BEGIN
        INSERT INTO price_change (at, product_id, field, old_fen, new_fen, source, actor, confirmed)
        SELECT coalesce(c.at, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), NEW.id, 'list',
          OLD.list_price_fen, NEW.list_price_fen, coalesce(c.source, 'other'), coalesce(c.actor, ''), c.confirmed
        FROM price_audit_context c WHERE c.id = 1;
      END;

      CREATE TRIGGER slot_price_override_audit AFTER UPDATE OF live_price_override_fen ON rundown_slot
      WHEN OLD.live_price_override_fen IS NOT NEW.live_price_override_fen
      BEGIN
        INSERT INTO price_change (at, product_id, slot_id, show_id, field, old_fen, new_fen, source, actor, confirmed)
        SELECT coalesce(c.at, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), NEW.product_id, NEW.id,
          NEW.show_id, 'override', OLD.live_price_override_fen, NEW.live_price_override_fen,
          coalesce(c.source, 'other'), coalesce(c.actor, ''), c.confirmed
        FROM price_audit_context c WHERE c.id = 1;
      END;
    `);
  },
};
