import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ConsoleRole } from '@shared/api/domains/settings';

export interface AccessGrant {
  id: number;
  role: ConsoleRole;
  label: string;
  token: string;
  primary: boolean;
  createdAt: number;
}

interface Row {
  id: number;
  role: string;
  label: string;
  token: string;
  is_primary: number;
  created_at: number;
}

const hash = (token: string) => crypto.createHash('sha256').update(token).digest();
const newToken = () => crypto.randomBytes(24).toString('base64url');
const fromRow = (r: Row): AccessGrant => ({
  id: r.id,
  role: r.role as ConsoleRole,
  label: r.label,
  token: r.token,
  primary: r.is_primary === 1,
  createdAt: r.created_at,
});

/**
 * Console access tokens: the primary operator token (made on first use) and revocable links for
 * other devices and roles. A token is looked up by its SHA-256, never compared in the clear.
 */
export class AccessTokens {
  private readonly byHash;
  private readonly primaryRow;
  private readonly insert;
  private readonly replacePrimary;
  private readonly listRows;
  private readonly remove;
  private readonly byId;

  constructor(db: Database.Database) {
    this.byHash = db.prepare<[Buffer], Row>('SELECT * FROM console_access WHERE token_hash = ?');
    this.primaryRow = db.prepare<[], Row>('SELECT * FROM console_access WHERE is_primary = 1');
    this.insert = db.prepare<[string, string, string, Buffer, number, number], Row>(
      `INSERT INTO console_access (role, label, token, token_hash, is_primary, created_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.replacePrimary = db.prepare<[string, Buffer, number], Row>(
      'UPDATE console_access SET token = ?, token_hash = ?, created_at = ? WHERE is_primary = 1 RETURNING *',
    );
    this.listRows = db.prepare<[], Row>('SELECT * FROM console_access WHERE is_primary = 0 ORDER BY id');
    this.remove = db.prepare<[number]>('DELETE FROM console_access WHERE id = ? AND is_primary = 0');
    this.byId = db.prepare<[number], Row>('SELECT * FROM console_access WHERE id = ?');
  }

  /** The primary operator token, created on first use. */
  primary(): AccessGrant {
    const row = this.primaryRow.get() ?? this.insert.get('operator', '', ...this.fresh(), 1, Date.now())!;
    return fromRow(row);
  }

  rotatePrimary(): AccessGrant {
    this.primary();
    const [token, tokenHash] = this.fresh();
    return fromRow(this.replacePrimary.get(token, tokenHash, Date.now())!);
  }

  /** Links other than the primary one, oldest first. */
  links(): AccessGrant[] {
    return this.listRows.all().map(fromRow);
  }

  create(role: ConsoleRole, label: string): AccessGrant {
    return fromRow(this.insert.get(role, label, ...this.fresh(), 0, Date.now())!);
  }

  /** Revokes a link; returns it, or undefined when there is no such (non-primary) link. */
  revoke(id: number): AccessGrant | undefined {
    const row = this.byId.get(id);
    if (!row || row.is_primary === 1) return undefined;
    this.remove.run(id);
    return fromRow(row);
  }

  lookup(token: string | undefined | null): AccessGrant | undefined {
    if (!token) return undefined;
    const row = this.byHash.get(hash(token));
    return row && fromRow(row);
  }

  private fresh(): [string, Buffer] {
    const token = newToken();
    return [token, hash(token)];
  }
}
