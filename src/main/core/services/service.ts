import type { ServiceName, ServiceState, ServiceStatus } from '@shared/api/domains/system';
import type { EventHub } from '../event-hub';

/** A part of the studio with its own lifecycle and a status the status bar shows. */
export interface StudioService {
  readonly name: ServiceName;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Holds the latest status of every service and announces changes. */
export class StatusBoard {
  private readonly statuses = new Map<ServiceName, ServiceStatus>();

  constructor(private readonly events: EventHub) {}

  set(name: ServiceName, state: ServiceState, detailKey: string, params: ServiceStatus['params'] = {}): void {
    const prev = this.statuses.get(name);
    if (prev && prev.state === state && prev.detailKey === detailKey && sameParams(prev.params, params))
      return;
    const status: ServiceStatus = { name, state, detailKey, params, since: Date.now() };
    this.statuses.set(name, status);
    this.events.emit('system.statusChanged', status);
  }

  get(name: ServiceName): ServiceStatus | undefined {
    return this.statuses.get(name);
  }

  all(): ServiceStatus[] {
    return [...this.statuses.values()];
  }
}

function sameParams(a: ServiceStatus['params'], b: ServiceStatus['params']): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
