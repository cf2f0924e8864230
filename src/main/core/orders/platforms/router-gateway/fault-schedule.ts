import type { FaultPlan } from '../../simulator/simulated-shop';

export type RequestFault = 'timeout' | 'throttle' | 'server_error' | 'malformed_json' | null;

/**
 * Decides, per incoming request (counted from 1), which FaultPlan fault it gets. Request-level
 * faults are exclusive (first match wins, in the order below); duplicate/stale are page-level
 * and decided separately so a page can be both served and tampered with.
 */
export class FaultSchedule {
  private requests = 0;
  private pages = 0;

  constructor(private plan: FaultPlan = {}) {}

  /** Replaces the plan (e.g. "now stop failing") without resetting counters. */
  setPlan(plan: FaultPlan): void {
    this.plan = plan;
  }

  get requestCount(): number {
    return this.requests;
  }

  nextRequest(): RequestFault {
    const n = ++this.requests;
    const every = (k: number | undefined) => k !== undefined && k > 0 && n % k === 0;
    if (every(this.plan.timeoutEvery)) return 'timeout';
    if (every(this.plan.throttleEvery)) return 'throttle';
    if (every(this.plan.serverErrorEvery)) return 'server_error';
    if (every(this.plan.malformedJsonEvery)) return 'malformed_json';
    return null;
  }

  /** True once more than `expireTokenAfter` requests have been made with the current token. */
  tokenExpired(requestsWithToken: number): boolean {
    const after = this.plan.expireTokenAfter;
    return after !== undefined && after > 0 && requestsWithToken > after;
  }

  /** Page-level tampering for the page about to be served. */
  nextPage(): { duplicate: boolean; stale: boolean } {
    const n = ++this.pages;
    const every = (k: number | undefined) => k !== undefined && k > 0 && n % k === 0;
    return { duplicate: every(this.plan.duplicateEvery), stale: every(this.plan.staleVersionEvery) };
  }
}
