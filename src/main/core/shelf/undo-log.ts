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
