import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { OrderLine } from '../../../src/main/core/orders/order-record';
import type { PlatformAdapter } from '../../../src/main/core/orders/platform-adapter';
import {
  startLoopbackServer,
  type GatewayRequest as HarnessRequest,
  type GatewayResponse as HarnessResponse,
} from '../../../src/main/core/orders/demo/gateways/simulated-gateway';
import type { StrictOrder, StrictTruth } from './truth';

/**
 * A strict gateway: one platform's order list as `shared/docs/platform-order-apis.md` describes it,
 * written from that text alone (only the fields it names; windows inclusive at both ends; page
 * numbers that shift when an order changes between pages). It shares only the loopback HTTP
 * bootstrap with the simulators. Where the description is silent (the answer's envelope), the
 * platform's well-known envelope is used and the choice is said in the platform's file.
 */
export interface StrictProtocol {
  platform: SyncedPlatform;
  /** Answers one request; `page` is called once per order page served (for mid-drain updates). */
  handle(req: HarnessRequest, ctx: StrictContext): HarnessResponse;
  /** How the platform answers a method it does not offer. */
  methodRefused(): HarnessResponse;
  /** The faults this platform's answers can carry beyond HTTP 503, a hang and cut-off JSON. */
  throttled?: () => HarnessResponse;
  /** The adapter under test, for a shop whose gateway is `origin`. */
  adapter(origin: string, signMethod: string, clock: () => number): PlatformAdapter;
  signMethods: readonly string[];
  /** The lines a correct sync stores for an order; [] when the platform does not list it. */
  expected(o: StrictOrder): ExpectedLine[];
}

/** The fields compared (issue 17 point 7, plus the SKU-level merchant code). */
export type ExpectedLine = Pick<
  OrderLine,
  | 'orderId'
  | 'lineId'
  | 'status'
  | 'skuId'
  | 'outerSku'
  | 'quantity'
  | 'paidFen'
  | 'createdAt'
  | 'paidAt'
  | 'updatedAt'
> &
  Partial<Pick<OrderLine, 'refundState'>>;

export interface StrictContext {
  truth: StrictTruth;
  now: () => number;
  credentials: { appKey: string; secret: string; token: string };
  /** Called after each order page is built, before it is sent: where updates land mid-drain. */
  pageServed(): void;
  /** A request whose signature did not verify (a correct adapter makes none). */
  refused(why: string): void;
}

export interface StrictFaults {
  /** The gateway's own credentials differ from the adapter's (wrong secret, expired token). */
  credentials?: Partial<typeof STRICT_CREDENTIALS>;
  /** The order method is not offered: answered as the platform answers an unknown method. */
  refuseMethod?: boolean;
  serverErrorEvery?: number;
  hangEvery?: number;
  cutJsonEvery?: number;
  throttleEvery?: number;
}

export interface StrictGateway {
  origin: string;
  /** Signature or parameter refusals, with the reason (a correct adapter makes none). */
  refusals: string[];
  requests: number;
  pages: number;
  stop(): Promise<void>;
}

export const STRICT_CREDENTIALS = {
  appKey: 'strict-app',
  secret: 'strict-secret-密钥',
  token: 'strict-token',
};

export async function startStrictGateway(
  protocol: StrictProtocol,
  truth: StrictTruth,
  now: () => number,
  faults: StrictFaults,
  onPage: () => void,
): Promise<StrictGateway> {
  const refusals: string[] = [];
  let requests = 0;
  let pages = 0;
  const every = (k: number | undefined) => k !== undefined && k > 0 && requests % k === 0;
  const ctx: StrictContext = {
    truth,
    now,
    credentials: { ...STRICT_CREDENTIALS, ...faults.credentials },
    pageServed: () => {
      pages++;
      onPage();
    },
    refused: (why) => refusals.push(why),
  };
  const server = await startLoopbackServer((req) => {
    requests++;
    if (every(faults.hangEvery)) return { status: 200, body: '', hang: true };
    if (every(faults.serverErrorEvery)) return { status: 503, body: 'busy', contentType: 'text/plain' };
    if (every(faults.throttleEvery) && protocol.throttled) return protocol.throttled();
    if (faults.refuseMethod) return protocol.methodRefused();
    const res = protocol.handle(req, ctx);
    if (every(faults.cutJsonEvery) && res.status === 200) return { ...res, body: res.body.slice(0, 40) };
    return res;
  });
  return {
    origin: server.origin,
    refusals,
    get requests() {
      return requests;
    },
    get pages() {
      return pages;
    },
    stop: () => server.stop(),
  };
}

/** The form fields of a request: the query string and an urlencoded body, merged. */
export function formOf(req: HarnessRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of req.query) out[k] = v;
  if (/urlencoded/.test(String(req.headers['content-type'] ?? '')))
    for (const [k, v] of new URLSearchParams(req.body)) out[k] = v;
  return out;
}

export const json = (body: string): HarnessResponse => ({ status: 200, body });
