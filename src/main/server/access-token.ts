import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AccessRole } from '@shared/api/domains/settings';

export interface AccessGrant {
  id: number;
  role: AccessRole;
  label: string;
  primary: boolean;
  /** For a browser session: the grant (primary token or link) it was opened from. */
  parentId: number | null;
  createdAt: number;
}

/** A grant together with its token: the only moment the token exists outside the holder's hands. */
export interface IssuedGrant {
  grant: AccessGrant;
  token: string;
}

interface Row {
  id: number;
  role: string;
  label: string;
  is_primary: number;
  parent_id: number | null;
  created_at: number;
}

/** Browser sessions kept per grant; the oldest beyond this end (a bound on rows made by launch links). */
export const MAX_SESSIONS_PER_GRANT = 20;

export const hashToken = (token: string): Buffer => crypto.createHash('sha256').update(token).digest();
export const newToken = (): string => crypto.randomBytes(24).toString('base64url');

/** Constant-time comparison of a presented token with a known hash. */
export function tokenMatchesHash(token: string | undefined | null, hash: Buffer): boolean {
  if (!token) return false;
  return crypto.timingSafeEqual(hashToken(token), hash);
}

const fromRow = (r: Row): AccessGrant => ({
  id: r.id,
  role: r.role as AccessRole,
  label: r.label,
  primary: r.is_primary === 1,
  parentId: r.parent_id,
  createdAt: r.created_at,
});

/**
 * Console access grants: the primary operator grant, revocable links for other devices and roles,
 * and browser sessions opened from them. Only the SHA-256 of each token is stored; a token is
 * handed out once, when it is made, and a presented token is found by its hash.
 */
export class AccessTokens {
  private readonly byHash;
  private readonly primaryRow;
  private readonly insert;
  private readonly replacePrimary;
  private readonly listRows;
  private readonly remove;
  private readonly removeSessions;
  private readonly pruneSessions;
  private readonly byId;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.byHash = db.prepare<[Buffer], Row>('SELECT * FROM console_access WHERE token_hash = ?');
    this.primaryRow = db.prepare<[], Row>('SELECT * FROM console_access WHERE is_primary = 1');
    this.insert = db.prepare<[string, string, Buffer, number, number | null, number], Row>(
      `INSERT INTO console_access (role, label, token_hash, is_primary, parent_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.replacePrimary = db.prepare<[Buffer, number], Row>(
      'UPDATE console_access SET token_hash = ?, created_at = ? WHERE is_primary = 1 RETURNING *',
    );
    this.listRows = db.prepare<[], Row>(
      'SELECT * FROM console_access WHERE is_primary = 0 AND parent_id IS NULL ORDER BY id',
    );
    this.remove = db.prepare<[number]>(
      'DELETE FROM console_access WHERE id = ? AND is_primary = 0 AND parent_id IS NULL',
    );
    this.removeSessions = db.prepare<[number]>('DELETE FROM console_access WHERE parent_id = ?');
    this.pruneSessions = db.prepare<[number, number, number]>(
      `DELETE FROM console_access WHERE parent_id = ? AND id NOT IN
         (SELECT id FROM console_access WHERE parent_id = ? ORDER BY id DESC LIMIT ?)`,
    );
    this.byId = db.prepare<[number], Row>('SELECT * FROM console_access WHERE id = ?');
  }

  /** The primary operator grant, made on first use (its token is never shown: launch links and rotation are). */
  primary(): AccessGrant {
    const row =
      this.primaryRow.get() ?? this.insert.get('operator', '', hashToken(newToken()), 1, null, this.now())!;
    return fromRow(row);
  }

  /** A new primary operator token; every session opened from the old one ends. */
  rotatePrimary(): IssuedGrant {
    const old = this.primary();
    const token = newToken();
    const row = this.replacePrimary.get(hashToken(token), this.now())!;
    this.removeSessions.run(old.id);
    return { grant: fromRow(row), token };
  }

  /** Links other than the primary one (sessions excluded), oldest first. */
  links(): AccessGrant[] {
    return this.listRows.all().map(fromRow);
  }

  create(role: AccessRole, label: string): IssuedGrant {
    const token = newToken();
    return { grant: fromRow(this.insert.get(role, label, hashToken(token), 0, null, this.now())!), token };
  }

  /** A browser session (the cookie) for a grant; it ends when the grant is revoked or rotated. */
  openSession(parent: AccessGrant): IssuedGrant {
    const rootId = parent.parentId ?? parent.id;
    const token = newToken();
    const row = this.insert.get(parent.role, parent.label, hashToken(token), 0, rootId, this.now())!;
    this.pruneSessions.run(rootId, rootId, MAX_SESSIONS_PER_GRANT);
    return { grant: fromRow(row), token };
  }

  /** Revokes a link and its sessions; returns it, or undefined when there is no such (non-primary) link. */
  revoke(id: number): AccessGrant | undefined {
    const row = this.byId.get(id);
    if (!row || row.is_primary === 1 || row.parent_id !== null) return undefined;
    this.removeSessions.run(id);
    this.remove.run(id);
    return fromRow(row);
  }

  lookup(token: string | undefined | null): AccessGrant | undefined {
    if (!token) return undefined;
    const row = this.byHash.get(hashToken(token));
    return row && fromRow(row);
  }
}

/** The grant a session or link belongs to: revoking or rotating it ends all of them. */
export const rootOf = (g: AccessGrant): number => g.parentId ?? g.id;
