import type Database from 'better-sqlite3';

/** Inserts shelf rows straight into the database, for overlay tests and the benchmark. */
export function insertProduct(
  db: Database.Database,
  p: {
    nameZh: string;
    nameUg?: string;
    county?: string;
    stock?: number;
    live?: number;
    list?: number;
    cartLinkNo?: number;
  },
): number {
  const now = Date.now();
  const id = Number(
    db
      .prepare(
        `INSERT INTO product (name_zh, name_ug, origin_city, origin_county, specification, list_price_fen,
           live_price_fen, stock, status, created_at, updated_at)
         VALUES (?, ?, '和田地区', ?, '500g×2袋', ?, ?, ?, 'ready', ?, ?)`,
      )
      .run(
        p.nameZh,
        p.nameUg ?? null,
        p.county ?? '于田县',
        p.list ?? 5980,
        p.live ?? 3990,
        p.stock ?? 100,
        now,
        now,
      ).lastInsertRowid,
  );
  if (p.cartLinkNo !== undefined) {
    db.prepare(
      `INSERT INTO platform_listing (product_id, platform, item_id, cart_link_no) VALUES (?, 'douyin', ?, ?)`,
    ).run(id, `item-${id}`, p.cartLinkNo);
  }
  return id;
}

/** A show with one rundown slot per product; returns the show id and the slot ids in order. */
export function insertShow(
  db: Database.Database,
  productIds: number[],
): { showId: number; slotIds: number[] } {
  const now = Date.now();
  const showId = Number(
    db
      .prepare(
        `INSERT INTO show (title, show_date, created_at, updated_at) VALUES ('和田专场', '2026-11-22', ?, ?)`,
      )
      .run(now, now).lastInsertRowid,
  );
  const slot = db.prepare(
    `INSERT INTO rundown_slot (show_id, position, product_id, presenter_name) VALUES (?, ?, ?, '')`,
  );
  const slotIds = productIds.map((pid, i) => Number(slot.run(showId, i, pid).lastInsertRowid));
  return { showId, slotIds };
}
