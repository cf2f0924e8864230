import type { ordersOperations } from '@shared/api/domains/orders';
import { PendingService } from '../services/pending-service';
import type { ShelfModule } from '../shelf/shelf-module';
import type { StudioContext, StudioModule } from '../studio-context';

export type OrdersOperationName = keyof typeof ordersOperations;

export type OrdersModule = StudioModule<OrdersOperationName>;

export function createOrdersModule(ctx: StudioContext, _deps: { shelf: ShelfModule }): OrdersModule {
  return {
    services: [new PendingService('orders', 'status.detail.ordersNone', ctx.status)],
    handlers: {},
  };
}
