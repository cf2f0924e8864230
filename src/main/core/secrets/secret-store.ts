import type Database from 'better-sqlite3';
import { ApiFailure } from '@shared/api/errors';
import type { SecretBox } from './secret-box';

/** Named secrets, sealed by the running shell's SecretBox. Values never reach logs or the API. */
export class SecretStore {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(
    db: Database.Database,
    private readonly box: SecretBox,
  ) {
    this.select = db.prepare<[string], { scheme: string; sealed: Buffer }>(
      'SELECT scheme, sealed FROM secret WHERE name = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO secret (name, scheme, sealed, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET scheme = excluded.scheme, sealed = excluded.sealed, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM secret WHERE name = ?');
  }

  set(name: string, value: string): void {
    this.upsert.run(name, this.box.scheme, this.box.seal(value), Date.now());
  }

  has(name: string): boolean {
    return this.select.get(name) !== undefined;
  }

  /** The secret, or undefined when none is stored. Throws a typed error when this shell cannot open it. */
  get(name: string): string | undefined {
    const row = this.select.get(name);
    if (!row) return undefined;
    if (row.scheme !== this.box.scheme) {
      throw new ApiFailure(
        'unavailable',
        `Secret ${name} was stored by the ${row.scheme} store; enter it again`,
        {
          key: 'common:errors.secretOtherStore',
        },
      );
    }
    return this.box.open(row.sealed);
  }

  delete(name: string): void {
    this.remove.run(name);
  }
}
