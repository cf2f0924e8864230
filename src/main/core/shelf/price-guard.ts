import type Database from 'better-sqlite3';
import type { PriceChange, PriceRisk, PriceSource } from '@shared/api/domains/shelf-price';
import { ApiFailure } from '@shared/api/errors';
import type { CallContext } from '../api/dispatcher';
import { formatFen } from '@shared/format/money';

/** A drop to below this fraction of the previous price needs a second confirmation (over 50 % off). */
export const DROP_LIMIT = { num: 1, den: 2 };
/** A price below this fraction of the list price needs a second confirmation (under 10 %). */
export const LIST_LIMIT = { num: 1, den: 10 };
/** A change of digit count is a dropped/added zero when the prices differ by at least this factor. */
export const DIGIT_FACTOR = 5;

const digits = (fen: number) => String(Math.trunc(Math.abs(fen))).length;

/**
 * The price guard: which rules a price change trips. `oldFen` is the price the customer saw until
 * now (for a slot override with none before: the product's live price), `listFen` the list price.
 * Integer arithmetic only. An unchanged price trips nothing.
 */
export function checkPriceChange(change: { oldFen: number; newFen: number; listFen: number }): PriceRisk[] {
  const { oldFen, newFen, listFen } = change;
  if (newFen === oldFen) return [];
  const risks: PriceRisk[] = [];
  if (oldFen > 0 && digits(newFen) !== digits(oldFen)) {
    const [lo, hi] = newFen < oldFen ? [newFen, oldFen] : [oldFen, newFen];
    if (lo * DIGIT_FACTOR <= hi) risks.push('digits');
  }
  if (newFen * DROP_LIMIT.den < oldFen * DROP_LIMIT.num) risks.push('drop');
  if (listFen > 0 && newFen * LIST_LIMIT.den < listFen * LIST_LIMIT.num) risks.push('below_list');
  return risks;
}

/**
 * A show is open: one has a cue on air, or its on-air window is open (started, not ended). Merely
 * choosing a show in the console (to prepare it, or still chosen after "End show") does not: the
 * guard follows the show window, as its orders do.
 */
export function showOpen(db: Database.Database): boolean {
  const row = db
    .prepare<[], { open: number }>(
      `SELECT EXISTS (SELECT 1 FROM show WHERE on_air_slot_id IS NOT NULL
           OR (on_air_from IS NOT NULL AND on_air_to IS NULL)) AS open`,
    )
    .get();
  return row?.open === 1;
}

/** Who made a call, as the audit log shows it. */
export const actorOf = (ctx: CallContext): string => (ctx.label ? `${ctx.role}:${ctx.label}` : ctx.role);

/** Where a call came from: the studio's own window edits, anything else is the API. */
export const sourceOf = (ctx: CallContext): PriceSource => (ctx.transport === 'ipc' ? 'edit' : 'api');

const yuan = formatFen;

/**
 * Checks one price change against the guard. While a show is open a suspicious change is refused
 * (409 conflict, `shelf:priceGuard.confirm`) unless `confirmFen` repeats the new price exactly.
 * Returns the rules tripped (recorded with the change) and whether it was confirmed.
 */
export function guardPrice(
  db: Database.Database,
  change: {
    oldFen: number;
    newFen: number;
    listFen: number;
    confirmFen: number | undefined;
    name: string;
    productId: number;
    slotId?: number;
    /** A bulk ± percent change: confirmed by typing the percentage again (`confirmPricePercent`). */
    percent?: number;
  },
): { reasons: PriceRisk[]; confirmed: boolean } {
  const reasons = checkPriceChange(change);
  const confirmed = reasons.length > 0 && change.confirmFen === change.newFen;
  if (reasons.length === 0 || confirmed || !showOpen(db)) return { reasons, confirmed };
  const mismatch = change.confirmFen !== undefined;
  throw new ApiFailure(
    'conflict',
    `${change.name}: the price ${yuan(change.oldFen)} → ${yuan(change.newFen)} (${reasons.join(', ')}) ` +
      (mismatch
        ? 'was typed differently the second time'
        : 'needs a second confirmation while a show is open'),
    {
      key:
        change.percent !== undefined
          ? 'shelf:priceGuard.confirmBulk'
          : mismatch
            ? 'shelf:priceGuard.confirmMismatch'
            : 'shelf:priceGuard.confirm',
      params: {
        ...(change.percent !== undefined ? { percent: change.percent } : {}),
        name: change.name,
        productId: change.productId,
        ...(change.slotId !== undefined ? { slotId: change.slotId } : {}),
        oldFen: change.oldFen,
        newFen: change.newFen,
        listFen: change.listFen,
        old: yuan(change.oldFen),
        new: yuan(change.newFen),
        reason: reasons.join(','),
        // the first rule, for the message: `$t(shelf:priceGuard.reason.{{why}})`
        why: reasons[0]!,
      },
    },
  );
}

interface ChangeRow {
  id: number;
  at: number;
  product_id: number;
  slot_id: number | null;
  show_id: number | null;
  field: PriceChange['field'];
  old_fen: number | null;
  new_fen: number | null;
  source: PriceSource;
  actor: string;
  reasons: string;
  confirmed: number;
  name_zh: string | null;
}

const changeFromRow = (r: ChangeRow): PriceChange => ({
  id: r.id,
  at: r.at,
  productId: r.product_id,
  productName: r.name_zh ?? `#${r.product_id}`,
  slotId: r.slot_id,
  showId: r.show_id,
  field: r.field,
  oldFen: r.old_fen,
  newFen: r.new_fen,
  source: r.source,
  actor: r.actor,
  reasons: r.reasons ? (r.reasons.split(',') as PriceRisk[]) : [],
  confirmed: r.confirmed === 1,
});

const SELECT = `SELECT c.*, p.name_zh FROM price_change c LEFT JOIN product p ON p.id = c.product_id`;

/**
 * The price audit log. The database triggers write a row for every price change; `during` sets
 * who/when/from where for the writes of one call and fills in the guard's verdict afterwards.
 */
export class PriceAudit {
  constructor(
    private readonly db: () => Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Runs `fn` (inside the caller's transaction) with the audit context set, then records on each
   * new row which guard rules it tripped. Returns fn's value and the rows written.
   */
  during<T>(
    source: PriceSource,
    actor: string,
    fn: () => T,
    opts: { confirmed?: boolean } = {},
  ): { value: T; changes: PriceChange[] } {
    const db = this.db();
    const before = db
      .prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM price_change')
      .get()!.id;
    db.prepare(
      'UPDATE price_audit_context SET at = ?, source = ?, actor = ?, confirmed = ? WHERE id = 1',
    ).run(this.now(), source, actor, opts.confirmed ? 1 : 0);
    let value: T;
    try {
      value = fn();
    } finally {
      db.prepare(
        'UPDATE price_audit_context SET at = NULL, source = NULL, actor = NULL, confirmed = 0 WHERE id = 1',
      ).run();
    }
    // Each change with its product's list price, in one statement: a chunk of an import changes
    // hundreds of prices, and a statement prepared and run per change held the thread for it.
    const rows = db
      .prepare<[number], ChangeRow & { list_price_fen: number | null }>(
        `SELECT c.*, p.name_zh, p.list_price_fen FROM price_change c LEFT JOIN product p ON p.id = c.product_id
         WHERE c.id > ? ORDER BY c.id`,
      )
      .all(before);
    const setReasons = db.prepare<[string, number]>('UPDATE price_change SET reasons = ? WHERE id = ?');
    const changes = rows.map(({ list_price_fen, ...r }) => {
      const reasons =
        r.old_fen !== null && r.new_fen !== null && r.field !== 'list'
          ? checkPriceChange({ oldFen: r.old_fen, newFen: r.new_fen, listFen: list_price_fen ?? 0 })
          : [];
      if (reasons.length) setReasons.run(reasons.join(','), r.id);
      return changeFromRow({ ...r, reasons: reasons.join(',') });
    });
    return { value: value!, changes };
  }

  list(q: { productId?: number; from?: number; to?: number; limit: number }): PriceChange[] {
    return this.db()
      .prepare<{ product: number | null; from: number | null; to: number | null; limit: number }, ChangeRow>(
        `${SELECT} WHERE (@product IS NULL OR c.product_id = @product) AND (@from IS NULL OR c.at >= @from)
           AND (@to IS NULL OR c.at < @to) ORDER BY c.at DESC, c.id DESC LIMIT @limit`,
      )
      .all({ product: q.productId ?? null, from: q.from ?? null, to: q.to ?? null, limit: q.limit })
      .map(changeFromRow);
  }

  /** Changes of the products in a show's rundown (and of its slots' overrides) in [from, to). */
  ofShow(showId: number, from: number, to: number): PriceChange[] {
    return priceChangesOfShow(this.db(), showId, [[from, to]]);
  }

  /**
   * The latest live-price or override change of a slot's price that the operator has not
   * confirmed at the console since the slot was added to the rundown.
   */
  unacknowledged(slotId: number): PriceChange | undefined {
    const row = this.db()
      .prepare<{ slot: number }, ChangeRow>(
        `${SELECT} JOIN rundown_slot s ON s.id = @slot
         WHERE ((c.field = 'live' AND c.product_id = s.product_id) OR (c.field = 'override' AND c.slot_id = @slot))
           AND c.id > coalesce((SELECT change_id FROM price_ack WHERE slot_id = @slot), 0)
         ORDER BY c.id DESC LIMIT 1`,
      )
      .get({ slot: slotId });
    return row && changeFromRow(row);
  }

  /**
   * Logs a slot inserted with a price override (a rundown import re-inserts its slots: no update
   * trigger fires). Call inside `during`, so who/when/from where and the guard's verdict are set.
   */
  logInsertedOverride(
    slotId: number,
    showId: number,
    productId: number,
    oldFen: number,
    newFen: number,
  ): void {
    this.db()
      .prepare(
        `INSERT INTO price_change (at, product_id, slot_id, show_id, field, old_fen, new_fen, source, actor, confirmed)
         SELECT coalesce(c.at, ?), ?, ?, ?, 'override', ?, ?, coalesce(c.source, 'other'), coalesce(c.actor, ''),
           c.confirmed
         FROM price_audit_context c WHERE c.id = 1`,
      )
      .run(this.now(), productId, slotId, showId, oldFen, newFen);
  }

  /** The operator confirmed the slot's current price: its earlier changes no longer warn. */
  acknowledge(slotId: number): void {
    this.db()
      .prepare(
        `INSERT INTO price_ack (slot_id, change_id) VALUES (?, (SELECT coalesce(max(id), 0) FROM price_change))
         ON CONFLICT (slot_id) DO UPDATE SET change_id = excluded.change_id`,
      )
      .run(slotId);
  }
}

/** Changes of the products in a show's rundown (and of its slots' overrides) in any of the [from, to) windows, oldest first. */
export function priceChangesOfShow(
  db: Database.Database,
  showId: number,
  windows: readonly (readonly [number, number])[],
): PriceChange[] {
  if (windows.length === 0) return [];
  const inWindow = windows.map((_, i) => `(c.at >= @from${i} AND c.at < @to${i})`).join(' OR ');
  const params: Record<string, number> = { show: showId };
  windows.forEach(([from, to], i) => {
    params[`from${i}`] = from;
    params[`to${i}`] = to;
  });
  return db
    .prepare<Record<string, number>, ChangeRow>(
      `${SELECT} WHERE (${inWindow}) AND (c.show_id = @show OR (c.slot_id IS NULL AND c.product_id IN
         (SELECT product_id FROM rundown_slot WHERE show_id = @show))) ORDER BY c.at, c.id`,
    )
    .all(params)
    .map(changeFromRow);
}
