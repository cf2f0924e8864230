import type Database from 'better-sqlite3';

/** What of a product an event shelf carries (merchant code, name, prices, stock). */
export interface ProductEventFields {
  id: number;
  outerSku: string | null;
  nameZh: string;
  livePriceFen: number;
  listPriceFen: number;
  stock: number;
}

/** How figures label a product: merchant code, name and origin. */
export interface ProductLabel {
  code: string | null;
  name: string;
  city: string;
  county: string;
}

export function productEventFields(db: Database.Database, id: number): ProductEventFields | undefined {
  return db
    .prepare<[number], ProductEventFields>(
      `SELECT id, outer_sku AS outerSku, name_zh AS nameZh, live_price_fen AS livePriceFen,
         list_price_fen AS listPriceFen, stock FROM product WHERE id = ?`,
    )
    .get(id);
}

/** The local products with this merchant code (the same code on every machine of an event). */
export function productIdsByCode(db: Database.Database, code: string): number[] {
  return db
    .prepare<[string], { id: number }>('SELECT id FROM product WHERE outer_sku = ?')
    .all(code)
    .map((r) => r.id);
}

/** The first local product with this merchant code, and whether it is archived (event mode). */
export function productStatusByCode(
  db: Database.Database,
  code: string,
): { id: number; status: string } | undefined {
  return db
    .prepare<[string], { id: number; status: string }>('SELECT id, status FROM product WHERE outer_sku = ?')
    .get(code);
}

/**
 * Sets the name, prices and stock of the products with this merchant code (an event shelf's
 * version applied locally). The caller announces `shelf.changed`.
 */
export function setProductsByCode(
  db: Database.Database,
  code: string,
  p: { nameZh: string; livePriceFen: number; listPriceFen: number; stock: number },
  at: number,
): void {
  db.prepare<[string, number, number, number, number, string]>(
    `UPDATE product SET name_zh = ?, live_price_fen = ?, list_price_fen = ?, stock = ?, updated_at = ?
     WHERE outer_sku = ?`,
  ).run(p.nameZh, p.livePriceFen, p.listPriceFen, p.stock, at, code);
}

/** Labels of these products, by id (a product no longer on the shelf is absent). */
export function productLabels(db: Database.Database, ids: readonly number[]): Map<number, ProductLabel> {
  const rows = db
    .prepare<[string], ProductLabel & { id: number }>(
      `SELECT id, outer_sku AS code, name_zh AS name, origin_city AS city, origin_county AS county
       FROM product WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids));
  return new Map(rows.map(({ id, ...label }) => [id, label]));
}
