import type { Result } from '../shared/api/errors';

/** What the preload exposes as `window.shelfcast` in the desktop app. */
export interface ShelfcastBridge {
  ops: Record<string, (input: unknown) => Promise<Result<unknown>>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  /** A file for import, handed to the core's upload store; answers `{ uploadId, fileName, size }`. */
  upload?(fileName: string, bytes: ArrayBuffer): Promise<Result<unknown>>;
}

declare global {
  interface Window {
    shelfcast?: ShelfcastBridge;
  }
}
