import type Database from 'better-sqlite3';
import type { SearchInput, SearchResult } from '@shared/api/domains/shelf';
import { ftsPhrase, normaliseSearchText, queryChars } from './search-text';
import { productFromRow, type ProductRow } from './shelf-rows';

type Param = string | number;

export interface SearchPlan {
  sql: string;
  countSql: string;
  params: Param[];
  /** How the text part was answered. */
  mode: 'all' | 'trigram' | 'gram' | 'none';
}

/**
 * Builds the search statement. Only fixed SQL fragments are concatenated (chosen by which filters
 * are set); every value is a bound parameter.
 */
export function planSearch(input: SearchInput): SearchPlan {
  const text: string[] = [];
  const filters: string[] = [];
  const textParams: Param[] = [];
  const params: Param[] = [];
  const chars = queryChars(input.query);
  let from = 'product p';
  let countFrom = 'product p';
  // Each index already yields product ids in ascending order, so ORDER BY id stops after a page.
  let order = 'p.id';
  let mode: SearchPlan['mode'] = 'all';
  const phrase = chars.length >= 3 ? ftsPhrase(input.query) : null;
  if (chars.length >= 3 && phrase === null) {
    // Text no FTS5 phrase can hold (a NUL) is in no product: an empty answer, not an error.
    text.push('0');
    mode = 'none';
  } else if (phrase !== null) {
    from = 'product_fts f JOIN product p ON p.id = f.rowid';
    countFrom = 'product_fts f';
    text.push('product_fts MATCH ?');
    textParams.push(phrase);
    order = 'f.rowid';
    mode = 'trigram';
  } else if (chars.length > 0) {
    from = 'product_gram g JOIN product p ON p.id = g.product_id';
    countFrom = 'product_gram g';
    text.push('g.gram = ?');
    textParams.push(normaliseSearchText(chars.join('')));
    order = 'g.product_id';
    mode = 'gram';
  }
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    filters.push(`${column} = ?`);
    params.push(value);
  };
  eq('p.origin_city', input.city);
  eq('p.origin_county', input.county);
  eq('p.category', input.category);
  if (input.platform) {
    filters.push('EXISTS (SELECT 1 FROM platform_listing l WHERE l.product_id = p.id AND l.platform = ?)');
    params.push(input.platform);
  }
  if (input.inStock !== undefined) filters.push(input.inStock ? 'p.stock > 0' : 'p.stock = 0');
  if (input.statuses && input.statuses.length > 0) {
    filters.push(`p.status IN (${input.statuses.map(() => '?').join(', ')})`);
    params.push(...input.statuses);
  }
  const where = [...text, ...filters];
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  // Without product filters the count never has to visit the product rows.
  const countSql =
    filters.length === 0
      ? `SELECT count(*) AS n FROM ${countFrom} ${text.length > 0 ? `WHERE ${text.join(' AND ')}` : ''}`
      : `SELECT count(*) AS n FROM ${from} ${whereSql}`;
  return {
    sql: `SELECT p.* FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    countSql,
    params: [...textParams, ...params],
    mode,
  };
}

/** Product search for the shelf page, the rundown's product picker and the benchmark. */
export class ShelfSearch {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: () => Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) this.cache.set(sql, (s = this.db().prepare(sql)));
    return s;
  }

  search(input: SearchInput): SearchResult {
    const plan = planSearch(input);
    const rows = this.stmt(plan.sql).all(...plan.params, input.limit, input.offset) as ProductRow[];
    const total =
      input.offset === 0 && rows.length < input.limit
        ? rows.length
        : (this.stmt(plan.countSql).get(...plan.params) as { n: number }).n;
    return { total, items: rows.map(productFromRow) };
  }

  /** Cities with their counties and the categories in use, for the filter bar. */
  facets() {
    const db = this.db();
    const places = db
      .prepare<[], { city: string; county: string }>(
        `SELECT DISTINCT origin_city AS city, origin_county AS county FROM product
         WHERE origin_city <> '' ORDER BY origin_city, origin_county`,
      )
      .all();
    const cities = new Map<string, string[]>();
    for (const p of places) {
      const list = cities.get(p.city) ?? [];
      if (p.county) list.push(p.county);
      cities.set(p.city, list);
    }
    const categories = db
      .prepare<[], { c: string }>(
        `SELECT DISTINCT category AS c FROM product WHERE category <> '' ORDER BY category`,
      )
      .all()
      .map((r) => r.c);
    const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM product').get()!.n;
    return { cities: [...cities].map(([city, counties]) => ({ city, counties })), categories, total };
  }
}
