import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { UPLOAD_MAX_BYTES } from '@shared/api/domains/shelf';
import { ApiFailure } from '@shared/api/errors';

/** The largest file an import accepts: far above a 100,000-row sheet (about 20 MB). */
export const MAX_UPLOAD_BYTES = UPLOAD_MAX_BYTES;
/** Uploads kept at once; the oldest goes first (an operator works on one file at a time). */
const KEEP = 4;

export interface StoredUpload {
  id: string;
  fileName: string;
  size: number;
}

export const tooLarge = (fileName: string, limit: number) =>
  new ApiFailure('bad_request', `${fileName} is larger than ${limit} bytes`, {
    key: 'shelf:importJob.tooLarge',
    params: { file: fileName, limitMb: Math.round(limit / (1024 * 1024)) },
  });

/**
 * Files uploaded for import, on disk (never whole in memory while they arrive): the console
 * streams an HTTP body here, the desktop app hands over the bytes by IPC, and an import refers to
 * the file by its id. Uploads from an earlier run are removed on first use.
 */
export class UploadStore {
  private dir: string | undefined;
  private readonly uploads = new Map<string, StoredUpload>();

  constructor(
    private readonly dataDir: string | null,
    /** Bytes one upload may have (settable: tests use a small one). */
    public limit = MAX_UPLOAD_BYTES,
    /** Told when a file starts arriving (the import worker warms up meanwhile). */
    private readonly onArriving: () => void = () => {},
  ) {}

  /**
   * Streams `body` to disk. Past the limit it stops storing, removes what arrived and refuses,
   * but keeps reading (and dropping) the rest, up to as much again, so the sender gets the answer
   * instead of a reset; `truncated` says it stopped reading earlier than the end.
   */
  async receive(fileName: string, body: Readable, declaredSize?: number): Promise<StoredUpload> {
    const id = randomUUID();
    const file = this.pathOf(id);
    const limit = this.limit;
    this.onArriving();
    let over = declaredSize !== undefined && declaredSize > limit;
    const out = over ? undefined : fs.createWriteStream(file, { flags: 'wx' });
    let size = 0;
    let truncated = false;
    await new Promise<void>((resolve, reject) => {
      const stop = (err?: unknown) => {
        body.off('data', onData);
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve();
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (!over && size > limit) {
          over = true;
          out?.destroy();
        }
        if (over) {
          if (size > 2 * limit) {
            truncated = true;
            body.pause();
            stop();
          }
          return;
        }
        if (!out!.write(chunk)) {
          body.pause();
          out!.once('drain', () => body.resume());
        }
      };
      body.on('data', onData);
      body.once('end', () => {
        if (over || !out) return stop();
        out.end(() => stop());
      });
      body.once('error', (err) => stop(err));
      out?.once('error', (err) => {
        if (!over) stop(err);
      });
    });
    if (over) {
      fs.rmSync(file, { force: true });
      throw Object.assign(tooLarge(fileName, limit), { truncated });
    }
    return this.keep({ id, fileName, size });
  }

  /** Stores bytes already in memory (the desktop app's IPC). */
  put(fileName: string, bytes: Uint8Array): StoredUpload {
    if (bytes.byteLength > this.limit) throw tooLarge(fileName, this.limit);
    this.onArriving();
    const id = randomUUID();
    fs.writeFileSync(this.pathOf(id), bytes, { flag: 'wx' });
    return this.keep({ id, fileName, size: bytes.byteLength });
  }

  get(id: string): StoredUpload {
    const upload = this.uploads.get(id);
    if (!upload) {
      throw new ApiFailure('not_found', `no upload ${id}`, { key: 'shelf:importJob.uploadGone' });
    }
    return upload;
  }

  read(id: string): Buffer {
    this.get(id);
    return fs.readFileSync(this.pathOf(id));
  }

  /** Where an upload's file is, for a reader on another thread (the import worker reads it there). */
  pathFor(id: string): string {
    this.get(id);
    return this.pathOf(id);
  }

  remove(id: string): void {
    if (!this.uploads.delete(id)) return;
    fs.rmSync(this.pathOf(id), { force: true });
  }

  /** Removes every upload of this run (studio stop). */
  clear(): void {
    for (const id of [...this.uploads.keys()]) this.remove(id);
  }

  private keep(upload: StoredUpload): StoredUpload {
    this.uploads.set(upload.id, upload);
    // Map order is insertion order: the first keys are the oldest.
    for (const old of [...this.uploads.keys()].slice(0, Math.max(0, this.uploads.size - KEEP))) {
      this.remove(old);
    }
    return upload;
  }

  private pathOf(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new ApiFailure('bad_request', 'bad upload id');
    return path.join(this.directory(), `${id}.upload`);
  }

  private directory(): string {
    if (this.dir) return this.dir;
    if (this.dataDir) {
      this.dir = path.join(this.dataDir, 'uploads');
      fs.rmSync(this.dir, { recursive: true, force: true });
      fs.mkdirSync(this.dir, { recursive: true });
    } else {
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-uploads-'));
    }
    return this.dir;
  }
}
