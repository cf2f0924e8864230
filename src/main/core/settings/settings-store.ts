import type Database from 'better-sqlite3';
import { SettingsSchema, type Settings, type SettingsPatch } from '@shared/api/domains/settings';

export const DEFAULT_SERVER_PORT = 4790;

export const defaultSettings = (): Settings => ({
  studioName: 'ShelfCast',
  server: { port: DEFAULT_SERVER_PORT, lanAccess: false },
});

const KEY = 'studio.settings';

/** Studio settings, one validated JSON document in the `setting` table. */
export class SettingsStore {
  private readonly select;
  private readonly upsert;

  constructor(private readonly db: Database.Database) {
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?');
    this.upsert = db.prepare(
      `INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  /** Current settings; a missing or unreadable document gives the defaults. */
  get(): Settings {
    const row = this.select.get(KEY);
    if (!row) return defaultSettings();
    const parsed = SettingsSchema.safeParse({ ...defaultSettings(), ...safeJson(row.value) });
    return parsed.success ? parsed.data : defaultSettings();
  }

  update(patch: SettingsPatch): Settings {
    const current = this.get();
    const next = SettingsSchema.parse({
      ...current,
      ...(patch.studioName !== undefined ? { studioName: patch.studioName } : {}),
      server: { ...current.server, ...stripUndefined(patch.server ?? {}) },
      ...(patch.event ? { event: { ...current.event, ...patch.event } } : {}),
    });
    this.upsert.run(KEY, JSON.stringify(next), Date.now());
    return next;
  }

  /** A raw string value outside the settings document (tokens, install ids). */
  getValue(key: string): string | undefined {
    return this.select.get(key)?.value;
  }

  setValue(key: string, value: string): void {
    this.upsert.run(key, value, Date.now());
  }
}

function safeJson(text: string): object {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
