import type { FaultPlan } from '../../simulator/simulated-shop';
import { FaultSchedule } from './fault-schedule';
import {
  QpsLimiter,
  startSimServer,
  type RunningSimServer,
  type SimRequest,
  type SimResponse,
} from './sim-server';

export interface GatewaySimulatorOptions {
  faults?: FaultPlan;
  /** Per-app calls per second before the gateway throttles. */
  qps?: number;
  clock?: () => number;
}

/**
 * What every router-style gateway simulator (JD JOS, Taobao TOP) shares: a loopback server on one
 * gateway path, a fault schedule, a per-app QPS limiter and a clock. Subclasses speak the protocol.
 */
export abstract class GatewaySimulator {
  private server: RunningSimServer | undefined;
  protected readonly faults: FaultSchedule;
  protected readonly limiter: QpsLimiter;
  protected readonly clock: () => number;

  protected constructor(
    private readonly gatewayName: string,
    private readonly gatewayPath: string,
    opts: GatewaySimulatorOptions,
  ) {
    this.faults = new FaultSchedule(opts.faults);
    this.clock = opts.clock ?? Date.now;
    this.limiter = new QpsLimiter(opts.qps ?? 1_000, this.clock);
  }

  /** The gateway origin to give the adapter (`baseUrl`, a shop's `gateway`). */
  get url(): string {
    if (!this.server) throw new Error(`${this.gatewayName} simulator not started`);
    return this.server.origin;
  }

  /** The whole endpoint URL (origin + the platform's gateway path), for raw calls in tests. */
  get endpoint(): string {
    return `${this.url}${this.gatewayPath}`;
  }

  get requestCount(): number {
    return this.faults.requestCount;
  }

  async start(): Promise<this> {
    this.server = await startSimServer((req) =>
      req.path === this.gatewayPath ? this.handle(req) : { status: 404, body: 'not found' },
    );
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  setFaults(plan: FaultPlan): void {
    this.faults.setPlan(plan);
  }

  /** One request to the gateway path, in the platform's protocol. */
  protected abstract handle(req: SimRequest): SimResponse;
}
