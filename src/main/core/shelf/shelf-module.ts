import type { shelfOperations } from '@shared/api/domains/shelf';
import type { StudioContext, StudioModule } from '../studio-context';
import { fileHandlers } from './file-handlers';
import { productHandlers } from './product-handlers';
import { ProductStore } from './product-store';
import { rundownHandlers } from './rundown-handlers';
import { RundownStore } from './rundown-store';
import { ShelfCatalog } from './shelf-catalog';
import type { ShelfContext } from './shelf-context';
import { ShelfSearch } from './shelf-search';
import { UndoLog } from './undo-log';

export type ShelfOperationName = keyof typeof shelfOperations;

export interface ShelfModule extends StudioModule<ShelfOperationName> {
  /** Read side and stock adjustment, for the other areas. */
  catalog: ShelfCatalog;
}

/** `now`: the studio's clock (tests inject one). */
export function createShelfModule(ctx: StudioContext, now: () => number = Date.now): ShelfModule {
  const db = () => ctx.db();
  const catalog = new ShelfCatalog(db, ctx.events);
  const shelf: ShelfContext = {
    studio: ctx,
    db,
    catalog,
    products: new ProductStore(db),
    rundowns: new RundownStore(db),
    search: new ShelfSearch(db),
    undo: new UndoLog(db),
    now,
    rundownChanged: (showId) => ctx.events.emit('rundown.changed', { showId }),
  };
  return {
    catalog,
    services: [],
    handlers: { ...productHandlers(shelf), ...rundownHandlers(shelf), ...fileHandlers(shelf) },
  };
}
