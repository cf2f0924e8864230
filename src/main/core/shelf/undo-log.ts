import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiFailure } from '@shared/api/errors';

const KEEP = 100;

/**
 * What destructive actions changed, kept in the database under a token so the operator can take
 * it back (also after a restart). Only the newest 100 are kept.
 */
export class UndoLog {
  constructor(private readonly db: () => Database.Database) {}

  /** Stores the undo payload; call inside the action's transaction. */
  record(kind: string, payload: unknown): string {
    const token = `${kind}:${randomUUID()}`;
    const db = this.db();
    db.prepare('INSERT INTO shelf_undo (token, kind, payload, created_at) VALUES (?, ?, ?, ?)').run(
      token,
      kind,
      JSON.stringify(payload),
      Date.now(),
    );
    db.prepare(
      'DELETE FROM shelf_undo WHERE token NOT IN (SELECT token FROM shelf_undo ORDER BY created_at DESC, rowid DESC LIMIT ?)',
    ).run(KEEP);
    return token;
  }

  /** Every entry, newest first. */
  list(): { token: string; kind: string; payload: unknown; at: number }[] {
    return this.db()
      .prepare<[], { token: string; kind: string; payload: string; created_at: number }>(
        'SELECT token, kind, payload, created_at FROM shelf_undo ORDER BY created_at DESC, rowid DESC',
      )
      .all()
      .map((r) => ({
        token: r.token,
        kind: r.kind,
        payload: JSON.parse(r.payload) as unknown,
        at: r.created_at,
      }));
  }

  /** An entry, left in place. */
  peek(token: string): { kind: string; payload: unknown } {
    const row = this.db()
      .prepare<[string], { kind: string; payload: string }>(
        'SELECT kind, payload FROM shelf_undo WHERE token = ?',
      )
      .get(token);
    if (!row) {
      throw new ApiFailure('not_found', 'nothing to undo under this token', { key: 'shelf:errors.undoGone' });
    }
    return { kind: row.kind, payload: JSON.parse(row.payload) as unknown };
  }

  /** Replaces an entry's payload (a chunked import's totals, once it is complete). */
  rewrite(token: string, payload: unknown): void {
    this.db()
      .prepare('UPDATE shelf_undo SET payload = ? WHERE token = ?')
      .run(JSON.stringify(payload), token);
  }

  /** Removes an entry with its parts, without reading it. */
  drop(token: string): void {
    this.db().prepare('DELETE FROM shelf_undo WHERE token = ?').run(token);
  }

  /** Stores one part of a large entry (a chunk of an import); call inside the chunk's transaction. */
  addPart(token: string, seq: number, payload: unknown): void {
    this.db()
      .prepare('INSERT INTO shelf_undo_part (token, seq, payload) VALUES (?, ?, ?)')
      .run(token, seq, JSON.stringify(payload));
  }

  /**
   * The entry's last part before `seq` (its last part without one), by the primary key: listing
   * every part's seq read the whole table's pages (its payloads sit in the same b-tree), some
   * 30 ms on the studio's thread at the start of undoing a 100,000-row import.
   */
  partBefore(token: string, seq = Number.MAX_SAFE_INTEGER): number | undefined {
    const row = this.db()
      .prepare<[string, number], { seq: number | null }>(
        'SELECT max(seq) AS seq FROM shelf_undo_part WHERE token = ? AND seq < ?',
      )
      .get(token, seq);
    return row?.seq ?? undefined;
  }

  /** One part, left in place; undefined when it is gone. */
  part(token: string, seq: number): unknown {
    const row = this.db()
      .prepare<[string, number], { payload: string }>(
        'SELECT payload FROM shelf_undo_part WHERE token = ? AND seq = ?',
      )
      .get(token, seq);
    return row ? (JSON.parse(row.payload) as unknown) : undefined;
  }

  /**
   * Removes one part without reading it (an undo has it already: parsing its hundreds of
   * snapshots again cost the slice that removes it several milliseconds).
   */
  dropPart(token: string, seq: number): void {
    this.db().prepare('DELETE FROM shelf_undo_part WHERE token = ? AND seq = ?').run(token, seq);
  }

  /** Removes and returns an entry; a token works once. */
  take(token: string): { kind: string; payload: unknown } {
    const row = this.db()
      .prepare<[string], { kind: string; payload: string }>(
        'DELETE FROM shelf_undo WHERE token = ? RETURNING kind, payload',
      )
      .get(token);
    if (!row) {
      throw new ApiFailure('not_found', 'nothing to undo under this token', { key: 'shelf:errors.undoGone' });
    }
    return { kind: row.kind, payload: JSON.parse(row.payload) as unknown };
  }
}
