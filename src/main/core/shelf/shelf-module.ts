import type { shelfOperations } from '@shared/api/domains/shelf';
import type { StudioContext, StudioModule } from '../studio-context';
import { ShelfCatalog } from './shelf-catalog';

export type ShelfOperationName = keyof typeof shelfOperations;

export interface ShelfModule extends StudioModule<ShelfOperationName> {
  /** Read side and stock adjustment, for the other areas. */
  catalog: ShelfCatalog;
}

export function createShelfModule(ctx: StudioContext): ShelfModule {
  const catalog = new ShelfCatalog(() => ctx.db(), ctx.events);
  return { catalog, services: [], handlers: {} };
}
