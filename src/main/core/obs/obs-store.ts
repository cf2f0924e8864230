import type Database from 'better-sqlite3';
import type { Camera, Orientation } from '@shared/api/domains/obs';

export interface ConnectionRow {
  id: number;
  name: string;
  host: string;
  port: number;
  enabled: boolean;
  orientation: Orientation;
}

interface RawConnection {
  id: number;
  name: string;
  host: string;
  port: number;
  enabled: number;
  orientation: Orientation;
}

const toRow = (r: RawConnection): ConnectionRow => ({ ...r, enabled: r.enabled === 1 });

/** The secret name under which a connection's password is sealed. */
export const passwordSecret = (id: number): string => `obs.${id}.password`;

/** OBS connections, camera presets and audio choices in SQLite (names only, never scene item ids). */
export class ObsStore {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      list: db.prepare<[], RawConnection>(
        'SELECT id, name, host, port, enabled, orientation FROM obs_connection ORDER BY id',
      ),
      get: db.prepare<[number], RawConnection>(
        'SELECT id, name, host, port, enabled, orientation FROM obs_connection WHERE id = ?',
      ),
      byName: db.prepare<[string], { id: number }>('SELECT id FROM obs_connection WHERE name = ?'),
      insert: db.prepare<[string, string, number, number, Orientation, number, number]>(
        'INSERT INTO obs_connection (name, host, port, enabled, orientation, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare<[string, string, number, number, Orientation, number, number]>(
        'UPDATE obs_connection SET name = ?, host = ?, port = ?, enabled = ?, orientation = ?, updated_at = ? WHERE id = ?',
      ),
      remove: db.prepare<[number]>('DELETE FROM obs_connection WHERE id = ?'),
      cameras: db.prepare<
        [number],
        { preset: string; kind: 'scene' | 'source'; scene_name: string; source_name: string | null }
      >(
        'SELECT preset, kind, scene_name, source_name FROM obs_camera WHERE connection_id = ? ORDER BY position',
      ),
      clearCameras: db.prepare<[number]>('DELETE FROM obs_camera WHERE connection_id = ?'),
      insertCamera: db.prepare<[number, number, string, string, string, string | null]>(
        'INSERT INTO obs_camera (connection_id, position, preset, kind, scene_name, source_name) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      audio: db.prepare<[number], { input_name: string }>(
        'SELECT input_name FROM obs_audio_input WHERE connection_id = ? ORDER BY position',
      ),
      clearAudio: db.prepare<[number]>('DELETE FROM obs_audio_input WHERE connection_id = ?'),
      insertAudio: db.prepare<[number, number, string]>(
        'INSERT INTO obs_audio_input (connection_id, position, input_name) VALUES (?, ?, ?)',
      ),
    };
  }

  list(): ConnectionRow[] {
    return this.q.list.all().map(toRow);
  }

  get(id: number): ConnectionRow | undefined {
    const r = this.q.get.get(id);
    return r && toRow(r);
  }

  /** Id of the connection with this name, if any. */
  idByName(name: string): number | undefined {
    return this.q.byName.get(name)?.id;
  }

  insert(c: Omit<ConnectionRow, 'id'>): number {
    const now = Date.now();
    return Number(
      this.q.insert.run(c.name, c.host, c.port, c.enabled ? 1 : 0, c.orientation, now, now).lastInsertRowid,
    );
  }

  update(c: ConnectionRow): void {
    this.q.update.run(c.name, c.host, c.port, c.enabled ? 1 : 0, c.orientation, Date.now(), c.id);
  }

  remove(id: number): void {
    this.q.remove.run(id);
  }

  cameras(id: number): Camera[] {
    return this.q.cameras.all(id).map((r) => ({
      preset: r.preset,
      kind: r.kind,
      sceneName: r.scene_name,
      sourceName: r.source_name,
    }));
  }

  setCameras(id: number, cameras: readonly Camera[]): void {
    this.db.transaction(() => {
      this.q.clearCameras.run(id);
      cameras.forEach((c, i) =>
        this.q.insertCamera.run(
          id,
          i,
          c.preset,
          c.kind,
          c.sceneName,
          c.kind === 'source' ? c.sourceName : null,
        ),
      );
    })();
  }

  audioInputs(id: number): string[] {
    return this.q.audio.all(id).map((r) => r.input_name);
  }

  setAudioInputs(id: number, inputs: readonly string[]): void {
    this.db.transaction(() => {
      this.q.clearAudio.run(id);
      [...new Set(inputs)].forEach((name, i) => this.q.insertAudio.run(id, i, name));
    })();
  }
}
