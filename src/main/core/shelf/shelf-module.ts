import type { shelfOperations } from '@shared/api/domains/shelf';
import type { StudioContext, StudioModule } from '../studio-context';
import type { ShelfPort } from './index';
import { fileHandlers } from './file-handlers';
import { PriceAudit } from './price-guard';
import { productHandlers } from './product-handlers';
import { ProductStore } from './product-store';
import { rundownHandlers, setOnAir } from './rundown-handlers';
import { RundownStore } from './rundown-store';
import { ShelfStore } from './shelf-store';
import type { ShelfContext } from './shelf-context';
import { ShelfSearch } from './shelf-search';
import { UndoLog } from './undo-log';
import { UndoExtras } from './undo-extras';
import { ImportJobs } from './import/import-service';
import { MAX_UPLOAD_BYTES, UploadStore } from './import/upload-store';
import { warmImportWorker } from './import/parse-client';

export type ShelfOperationName = keyof typeof shelfOperations;

export interface ShelfModule extends StudioModule<ShelfOperationName>, ShelfPort {
  /** Read side and stock adjustment, for the other areas. */
  reader: ShelfStore;
  /** Import files uploaded over HTTP (console) or IPC (desktop), named by id in import calls. */
  uploads: UploadStore;
  /** The price audit log: the Show console's price warnings and the report read it. */
  prices: PriceAudit;
  /** Where other areas register state to restore with a rundown undo. */
  undoExtras: UndoExtras;
}

/** `now`: the studio's clock (tests inject one). */
export function createShelfModule(ctx: StudioContext, now: () => number = Date.now): ShelfModule {
  const db = () => ctx.db();
  const store = new ShelfStore(db, ctx.events);
  const uploads = new UploadStore(ctx.dataDir, MAX_UPLOAD_BYTES, warmImportWorker);
  const prices = new PriceAudit(db, now);
  const undoExtras = new UndoExtras();
  const shelf: ShelfContext = {
    studio: ctx,
    uploads,
    // Set just below: the import jobs need the context they belong to.
    imports: undefined as unknown as ImportJobs,
    db,
    shelf: store,
    prices,
    products: new ProductStore(db),
    rundowns: new RundownStore(db),
    search: new ShelfSearch(db),
    undo: new UndoLog(db),
    undoExtras,
    now,
    rundownChanged: (showId) => ctx.events.emit('rundown.changed', { showId }),
  };
  shelf.imports = new ImportJobs(shelf, uploads);
  return {
    reader: store,
    uploads,
    prices,
    undoExtras,
    setOnAir: (showId, slotId) => setOnAir(shelf, showId, slotId),
    services: [],
    handlers: { ...productHandlers(shelf), ...rundownHandlers(shelf), ...fileHandlers(shelf) },
  };
}
