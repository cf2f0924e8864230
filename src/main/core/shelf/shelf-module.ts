import type { shelfOperations } from '@shared/api/domains/shelf';
import type { StudioContext, StudioModule } from '../studio-context';
import { fileHandlers } from './file-handlers';
import { PriceAudit } from './price-guard';
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
  /** The price audit log: the Show console's price warnings and the report read it. */
  prices: PriceAudit;
}

export function createShelfModule(ctx: StudioContext, opts: { now?: () => number } = {}): ShelfModule {
  const db = () => ctx.db();
  const catalog = new ShelfCatalog(db, ctx.events);
  const prices = new PriceAudit(db, opts.now);
  const shelf: ShelfContext = {
    studio: ctx,
    db,
    catalog,
    prices,
    products: new ProductStore(db),
    rundowns: new RundownStore(db),
    search: new ShelfSearch(db),
    undo: new UndoLog(db),
    rundownChanged: (showId) => ctx.events.emit('rundown.changed', { showId }),
  };
  return {
    catalog,
    prices,
    services: [],
    handlers: { ...productHandlers(shelf), ...rundownHandlers(shelf), ...fileHandlers(shelf) },
  };
}
