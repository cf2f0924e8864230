import type { Result } from '../shared/api/errors';

/** What the preload exposes as `window.shelfcast` in the desktop app. */
export interface ShelfcastBridge {
  ops: Record<string, (input: unknown) => Promise<Result<unknown>>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    shelfcast?: ShelfcastBridge;
  }
}
