import type Database from 'better-sqlite3';
import type { StudioContext } from '../studio-context';
import type { PriceAudit } from './price-guard';
import type { ProductStore } from './product-store';
import type { RundownStore } from './rundown-store';
import type { ShelfStore } from './shelf-store';
import type { ShelfSearch } from './shelf-search';
import type { UndoLog } from './undo-log';
import type { UndoExtras } from './undo-extras';
import type { ImportJobs } from './import/import-service';
import type { UploadStore } from './import/upload-store';

/** What the shelf's handlers share: the stores, and the studio for events and the data directory. */
export interface ShelfContext {
  studio: StudioContext;
  db(): Database.Database;
  products: ProductStore;
  rundowns: RundownStore;
  search: ShelfSearch;
  undo: UndoLog;
  /** Other areas' state recorded with a rundown undo entry (cue settings, the console's show). */
  undoExtras: UndoExtras;
  /** What the other areas read through the port (ShelfReader); announces `shelf.changed`. */
  shelf: ShelfStore;
  /** The studio's clock (UTC ms). */
  now(): number;
  /** Files uploaded for import, by id. */
  uploads: UploadStore;
  /** Background imports and their undo. */
  imports: ImportJobs;
  /** The price audit log (every price change, who/when/from where). */
  prices: PriceAudit;
  /** Announces that a show or its rundown changed. */
  rundownChanged(showId: number): void;
}
