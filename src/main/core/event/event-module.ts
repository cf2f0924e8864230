import type { eventOperations } from '@shared/api/domains/event';
import type { OrdersModule } from '../orders/orders-module';
import type { StudioContext, StudioModule } from '../studio-context';
import { EventService, eventOptionsFrom } from './event-service';

export type EventOperationName = keyof typeof eventOperations;

export interface EventModule extends StudioModule<EventOperationName> {
  service: EventService;
}

/** Event mode: flags read once when the studio is built (see eventOptionsFrom). */
export function createEventModule(ctx: StudioContext, deps: { orders: OrdersModule }): EventModule {
  const service = new EventService(ctx, deps.orders.service, eventOptionsFrom(process.argv, process.env));
  return {
    service,
    services: [service],
    handlers: {
      'event.board': () => service.board(),
      'event.status': () => service.status(),
    },
  };
}
