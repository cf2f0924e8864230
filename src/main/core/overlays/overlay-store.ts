import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { SalesFiguresSchema, type SalesFigures } from '@shared/api/domains/orders';
import { mergeControls, type OverlayControls } from './overlay-controls';

export interface OverlayServerConfig {
  /** Per-install token in every overlay URL; separate from the operator server's token. */
  token: string;
  /** Preferred port; stable so OBS browser sources keep working across restarts. */
  port: number;
}

export const DEFAULT_OVERLAY_PORT = 4791;

/** Reads and writes the overlay rows of the studio database (table overlay_setting). */
export class OverlayStore {
  private readonly get: Database.Statement<[string], { value: string }>;
  private readonly put: Database.Statement<[string, string, number]>;

  constructor(db: Database.Database) {
    this.get = db.prepare('SELECT value FROM overlay_setting WHERE key = ?');
    this.put = db.prepare(
      `INSERT INTO overlay_setting (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  controls(): OverlayControls {
    const row = this.get.get('controls');
    return mergeControls(row ? (JSON.parse(row.value) as Partial<OverlayControls>) : {});
  }

  saveControls(c: OverlayControls): void {
    this.put.run('controls', JSON.stringify(c), Date.now());
  }

  /** The last sales figures seen, so the counter and leaderboard are right straight after a restart. */
  figures(): SalesFigures | null {
    const row = this.get.get('figures');
    if (!row) return null;
    const parsed = SalesFiguresSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  }

  saveFigures(f: SalesFigures): void {
    this.put.run('figures', JSON.stringify(f), Date.now());
  }

  /** The server's token and port, made on first use. */
  serverConfig(): OverlayServerConfig {
    const row = this.get.get('server');
    if (row) return JSON.parse(row.value) as OverlayServerConfig;
    const config = { token: crypto.randomBytes(24).toString('base64url'), port: DEFAULT_OVERLAY_PORT };
    this.put.run('server', JSON.stringify(config), Date.now());
    return config;
  }
}
