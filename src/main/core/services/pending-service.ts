import type { ServiceName } from '@shared/api/domains/system';
import type { StatusBoard, StudioService } from './service';

/**
 * A service whose capability has no configuration yet (no OBS connection, no shop):
 * it reports `idle` with a reason until its issue replaces it with the real service.
 */
export class PendingService implements StudioService {
  constructor(
    readonly name: ServiceName,
    private readonly idleKey: string,
    private readonly status: StatusBoard,
  ) {}

  async start(): Promise<void> {
    this.status.set(this.name, 'idle', this.idleKey);
  }

  async stop(): Promise<void> {
    this.status.set(this.name, 'stopped', 'status.detail.stopped');
  }
}
