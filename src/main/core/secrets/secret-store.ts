import type Database from 'better-sqlite3';
import { ApiFailure } from '@shared/api/errors';
import type { SecretBox } from './secret-box';

export interface SecretHealth {
  /** Secrets sealed by this store's scheme. */
  sealed: number;
  /** Names of those that do not open with the current key (lost or wrong key file). */
  unusable: string[];
}

export interface SecretStoreHooks {
  /** Unusable secrets were deleted because the operator entered a secret again. */
  onCleared?(names: string[]): void;
}

/** Named secrets, sealed by the running shell's SecretBox. Values never reach logs or the API. */
export class SecretStore {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly ofScheme;
  private readonly clearAndSet;
  /** Found by check(): sealed secrets the current key cannot open. */
  private readonly unusable = new Set<string>();

  constructor(
    db: Database.Database,
    private readonly box: SecretBox,
    private readonly hooks: SecretStoreHooks = {},
  ) {
    this.select = db.prepare<[string], { scheme: string; sealed: Buffer }>(
      'SELECT scheme, sealed FROM secret WHERE name = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO secret (name, scheme, sealed, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET scheme = excluded.scheme, sealed = excluded.sealed, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM secret WHERE name = ?');
    this.ofScheme = db.prepare<[string], { name: string; sealed: Buffer }>(
      'SELECT name, sealed FROM secret WHERE scheme = ? ORDER BY name',
    );
    this.clearAndSet = db.transaction((name: string, sealed: Buffer, clear: readonly string[]) => {
      this.upsert.run(name, this.box.scheme, sealed, Date.now());
      for (const n of clear) this.remove.run(n);
    });
  }

  /** Tries every secret sealed by this scheme with the current key; remembers the ones that fail. */
  check(): SecretHealth {
    const rows = this.ofScheme.all(this.box.scheme);
    this.unusable.clear();
    for (const r of rows) {
      try {
        this.box.open(r.sealed);
      } catch {
        this.unusable.add(r.name);
      }
    }
    return { sealed: rows.length, unusable: [...this.unusable] };
  }

  /**
   * Seals and stores a secret. When check() found secrets the key cannot open, entering one
   * again is the way back: it clears the unusable ones (they can never open with this key), so
   * each shows as not set instead of failing, and says so through onCleared.
   */
  set(name: string, value: string): void {
    const sealed = this.box.seal(value);
    const clear = [...this.unusable].filter((n) => n !== name);
    this.clearAndSet(name, sealed, clear);
    this.unusable.clear();
    if (clear.length > 0) this.hooks.onCleared?.(clear);
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
    try {
      return this.box.open(row.sealed);
    } catch {
      throw new ApiFailure(
        'unavailable',
        `Secret ${name} cannot be opened: the secret key is missing or wrong; enter it again`,
        { key: 'common:access.secretLocked' },
      );
    }
  }

  delete(name: string): void {
    this.unusable.delete(name);
    this.remove.run(name);
  }
}
