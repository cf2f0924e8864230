import type { ApiError, Result } from './errors';
import {
  eventNames,
  operationNames,
  type EventName,
  type EventPayload,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from './contract';

export type Unsubscribe = () => void;

/** What a transport (Electron IPC, WebSocket) must provide. Transports never leak to callers. */
export interface ApiTransport {
  invoke(op: OperationName, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): Unsubscribe;
}

// `{}` here is the type-level test "every field may be omitted", not a value type.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type AllOptional<T> = {} extends T ? true : false;
type Domain<K extends string> = K extends `${infer D}.${string}` ? D : never;
type Method<K extends string, D extends string> = K extends `${D}.${infer M}` ? M : never;

/** `api.system.info({})` style named methods, derived from the contract. */
export type StudioApi = {
  [D in Domain<OperationName>]: {
    [M in Method<OperationName, D>]: `${D}.${M}` extends infer K extends OperationName
      ? AllOptional<OperationInput<K>> extends true
        ? (input?: OperationInput<K>) => Promise<Result<OperationOutput<K>>>
        : (input: OperationInput<K>) => Promise<Result<OperationOutput<K>>>
      : never;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
};

export function createStudioApi(transport: ApiTransport): StudioApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of operationNames) {
    const [domain, method] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][method] = (input: unknown = {}) => transport.invoke(name, input);
  }
  const on = (event: EventName, listener: (payload: unknown) => void): Unsubscribe => {
    if (!eventNames.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    return transport.subscribe(event, listener);
  };
  return Object.assign(api, { on }) as unknown as StudioApi;
}

/** Unwraps a result or throws an Error carrying the typed ApiError. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(`${error.code}: ${error.message}`);
  }
}

export async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value;
}
