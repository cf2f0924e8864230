import { OrderStatusSchema, RefundStateSchema } from '@shared/api/domains/orders';
import { SyncedPlatformSchema } from '@shared/api/domains/shelf';
import type { OrderLine } from '../orders';
import type { EventOrderMessage } from './outbox';

const PLATFORMS = new Set<unknown>(SyncedPlatformSchema.options);
const STATUSES = new Set<unknown>(OrderStatusSchema.options);
const REFUNDS = new Set<unknown>(RefundStateSchema.options);
/** More lines than this in one order version is not an order. */
const MAX_LINES = 1_000;

const isText = (v: unknown, max = 65_536): v is string => typeof v === 'string' && v.length <= max;
const isKey = (v: unknown): v is string => isText(v, 256) && v !== '';
/** Numbers as a ledger stores them (integers); their meaning is the ledger's own rules'. */
const isInteger = (v: unknown): v is number => Number.isSafeInteger(v);

/** Why a line cannot go into a ledger, or null when it can. */
function lineProblem(l: unknown): string | null {
  if (typeof l !== 'object' || l === null) return 'a line is not an object';
  const x = l as Record<keyof OrderLine, unknown>;
  if (!PLATFORMS.has(x.platform)) return 'platform';
  for (const k of ['shopId', 'orderId', 'lineId'] as const) if (!isKey(x[k])) return k;
  for (const k of ['itemId', 'skuId', 'outerSku', 'title'] as const) if (!isText(x[k])) return k;
  if (x.otherCode !== undefined && !isText(x.otherCode)) return 'otherCode';
  if (!STATUSES.has(x.status)) return 'status';
  if (!REFUNDS.has(x.refundState)) return 'refundState';
  if (!isInteger(x.quantity)) return 'quantity';
  if (!isInteger(x.paidFen)) return 'paidFen';
  if (!isInteger(x.createdAt)) return 'createdAt';
  if (!isInteger(x.updatedAt)) return 'updatedAt';
  if (x.paidAt !== null && !isInteger(x.paidAt)) return 'paidAt';
  if (typeof x.raw !== 'string') return 'raw';
  return null;
}

/**
 * One message of the orders stream, checked before any ledger sees it: valid JSON, the shape a
 * booth publishes, and the booth its subject names (a booth may publish only on its own subject;
 * a body naming another booth is refused). A message that fails is skipped by every machine,
 * never retried: retrying it would stop the projection of every message after it, forever.
 */
export function readEventMessage(
  data: Uint8Array,
  subjectBooth: string,
): { ok: true; msg: EventOrderMessage } | { ok: false; problem: string } {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  if (typeof body !== 'object' || body === null) return { ok: false, problem: 'not an object' };
  const m = body as Partial<Record<keyof EventOrderMessage, unknown>>;
  if (m.b !== subjectBooth)
    return { ok: false, problem: `booth ${JSON.stringify(m.b)} on ${subjectBooth}'s subject` };
  if (!isInteger(m.at)) return { ok: false, problem: 'at' };
  if (!Array.isArray(m.lines) || m.lines.length > MAX_LINES) return { ok: false, problem: 'lines' };
  for (const l of m.lines) {
    const problem = lineProblem(l);
    if (problem) return { ok: false, problem: `line ${problem}` };
  }
  return { ok: true, msg: body as EventOrderMessage };
}
