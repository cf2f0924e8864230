import type Database from 'better-sqlite3';
import type {
  EventName,
  EventPayload,
  OperationInput,
  OperationName,
  OperationOutput,
} from '@shared/api/contract';
import type { ProductInput } from '@shared/api/domains/shelf';
import { ApiCallError } from '@shared/api/client';
import { Dispatcher, type Handlers } from '../../src/main/core/api/dispatcher';
import { DiskGuard } from '../../src/main/core/db/disk-guard';
import { openDatabase } from '../../src/main/core/db/open-database';
import { migrations } from '../../src/main/core/db/migrations';
import { EventHub } from '../../src/main/core/event-hub';
import { LogHub } from '../../src/main/core/logging/log-hub';
import { StatusBoard } from '../../src/main/core/services/service';
import type { StudioContext } from '../../src/main/core/studio-context';
import { createShelfModule, type ShelfModule } from '../../src/main/core/shelf/shelf-module';

export interface ShelfHarness {
  db: Database.Database;
  events: EventHub;
  shelf: ShelfModule;
  /** Calls an operation through the real dispatcher (input validation, typed errors). */
  call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>>;
  /** Every event emitted, in order. */
  seen: { event: EventName; payload: unknown }[];
  eventsOf<E extends EventName>(event: E): EventPayload<E>[];
  close(): void;
}

/** The shelf module over a migrated `:memory:` database, without the rest of the studio. */
export function shelfHarness(opts: { dataDir?: string | null; now?: () => number } = {}): ShelfHarness {
  const logs = new LogHub({ sink: () => undefined });
  const { db } = openDatabase(':memory:', migrations, logs.logger('db'));
  const events = new EventHub();
  const status = new StatusBoard(events);
  const ctx: StudioContext = {
    logs,
    events,
    status,
    dataDir: opts.dataDir ?? null,
    mode: 'headless',
    disk: new DiskGuard({ dir: opts.dataDir ?? null, status, log: logs.logger('db') }),
    db: () => db,
    settings: () => {
      throw new Error('no settings in the shelf harness');
    },
    secrets: () => {
      throw new Error('no secrets in the shelf harness');
    },
  };
  const shelf = createShelfModule(ctx, opts.now);
  const dispatcher = new Dispatcher(shelf.handlers as Handlers, logs.logger('api'));
  const seen: ShelfHarness['seen'] = [];
  events.onAny((event, payload) => seen.push({ event, payload }));
  return {
    db,
    events,
    shelf,
    seen,
    eventsOf: <E extends EventName>(event: E) =>
      seen.filter((s) => s.event === event).map((s) => s.payload as EventPayload<E>),
    async call(name, input) {
      const r = await dispatcher.dispatch(name, input, { role: 'operator', transport: 'internal' });
      if (!r.ok) throw new ApiCallError(r.error);
      return r.value as never;
    },
    close: () => db.close(),
  };
}

let n = 0;
/** A valid product input with overrides. */
export const productInput = (over: Partial<ProductInput> = {}): ProductInput => ({
  nameZh: `静宁苹果 ${++n}`,
  nameEn: null,
  nameUg: null,
  sellingPoints: '',
  category: '水果',
  originProvince: '甘肃省',
  originCity: '平凉市',
  originCounty: '静宁县',
  specification: '5kg',
  unit: '箱',
  listPriceFen: 6990,
  livePriceFen: 4990,
  stock: 100,
  status: 'ready',
  outerSku: null,
  ...over,
});
