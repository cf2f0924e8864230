import type Database from 'better-sqlite3';

export type SyncMode = 'update' | 'create';

export interface SyncCursor {
  watermark: number;
  /** The window being drained, or null between windows. */
  window: { from: number; to: number; pageToken: string | null; pages: number } | null;
  lastSuccessAt: number | null;
}

interface Row {
  watermark: number;
  window_from: number | null;
  window_to: number | null;
  page_token: string | null;
  pages: number;
  last_success_at: number | null;
}

/**
 * The persisted position of a shop's sync per mode. Every write here runs inside the same
 * transaction as the page's ledger upserts, so the cursor never gets ahead of (or behind) the ledger.
 */
export class SyncCursorStore {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      get: db.prepare<[number, string], Row>(
        'SELECT watermark, window_from, window_to, page_token, pages, last_success_at FROM sync_cursor WHERE shop = ? AND mode = ?',
      ),
      put: db.prepare(
        `INSERT INTO sync_cursor (shop, mode, watermark, window_from, window_to, page_token, pages, last_success_at)
         VALUES (@shop, @mode, @watermark, @from, @to, @token, @pages, @lastSuccessAt)
         ON CONFLICT (shop, mode) DO UPDATE SET watermark = excluded.watermark, window_from = excluded.window_from,
           window_to = excluded.window_to, page_token = excluded.page_token, pages = excluded.pages,
           last_success_at = excluded.last_success_at`,
      ),
    };
  }

  get(shop: number, mode: SyncMode): SyncCursor | undefined {
    const r = this.q.get.get(shop, mode);
    if (!r) return undefined;
    return {
      watermark: r.watermark,
      window:
        r.window_from !== null && r.window_to !== null
          ? { from: r.window_from, to: r.window_to, pageToken: r.page_token, pages: r.pages }
          : null,
      lastSuccessAt: r.last_success_at,
    };
  }

  put(shop: number, mode: SyncMode, c: SyncCursor): void {
    this.q.put.run({
      shop,
      mode,
      watermark: c.watermark,
      from: c.window?.from ?? null,
      to: c.window?.to ?? null,
      token: c.window?.pageToken ?? null,
      pages: c.window?.pages ?? 0,
      lastSuccessAt: c.lastSuccessAt,
    });
  }
}
