import type { z } from 'zod';
import type { Result } from './errors';
import type { EventDef, OperationDef } from './define';
import { eventOperations } from './domains/event';
import { logEvents, logOperations } from './domains/log';
import { obsEvents, obsOperations } from './domains/obs';
import { ordersEvents, ordersOperations } from './domains/orders';
import { overlaysEvents, overlaysOperations } from './domains/overlays';
import { settingsEvents, settingsOperations } from './domains/settings';
import { shelfEvents, shelfOperations } from './domains/shelf';
import { showdayEvents, showdayOperations } from './domains/showday';
import { systemEvents, systemOperations } from './domains/system';

/**
 * The one API of the studio core. The Electron preload (IPC) and the console's
 * WebSocket bridge are two transports of exactly this contract.
 * Each domain adds its operations and events in its own file under ./domains.
 */
export const operations = {
  ...systemOperations,
  ...logOperations,
  ...settingsOperations,
  ...shelfOperations,
  ...obsOperations,
  ...overlaysOperations,
  ...ordersOperations,
  ...showdayOperations,
  ...eventOperations,
} satisfies Record<string, OperationDef>;

export const events = {
  ...systemEvents,
  ...logEvents,
  ...settingsEvents,
  ...shelfEvents,
  ...obsEvents,
  ...overlaysEvents,
  ...ordersEvents,
  ...showdayEvents,
} satisfies Record<string, EventDef>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type EventName = keyof typeof events;

/** What a caller passes (defaults may be omitted). */
export type OperationInput<K extends OperationName> = z.input<Operations[K]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type OperationParsedInput<K extends OperationName> = z.output<Operations[K]['input']>;
export type OperationOutput<K extends OperationName> = z.output<Operations[K]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

export const operationNames = Object.keys(operations) as OperationName[];
export const eventNames = Object.keys(events) as EventName[];

export const isOperationName = (name: unknown): name is OperationName =>
  typeof name === 'string' && Object.hasOwn(operations, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);

export type OperationResult<K extends OperationName> = Result<OperationOutput<K>>;
