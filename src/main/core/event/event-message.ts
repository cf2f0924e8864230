import { OrderStatusSchema, RefundStateSchema } from '@shared/api/domains/orders';
import { SyncedPlatformSchema } from '@shared/api/domains/shelf';
import type { OrderLine } from '../orders';
import type { BoothLiveState } from './event-link';
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

/** A JSON object's fields, each still to be checked; or why the bytes are not one. */
function readObject<T>(
  data: Uint8Array,
): { ok: true; body: Partial<Record<keyof T, unknown>> } | { ok: false; problem: string } {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  if (typeof body !== 'object' || body === null) return { ok: false, problem: 'not an object' };
  return { ok: true, body: body as Partial<Record<keyof T, unknown>> };
}

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
  const read = readObject<EventOrderMessage>(data);
  if (!read.ok) return read;
  const m = read.body;
  if (m.b !== subjectBooth)
    return { ok: false, problem: `booth ${JSON.stringify(m.b)} on ${subjectBooth}'s subject` };
  if (!isInteger(m.at)) return { ok: false, problem: 'at' };
  if (!Array.isArray(m.lines) || m.lines.length > MAX_LINES) return { ok: false, problem: 'lines' };
  for (const l of m.lines) {
    const problem = lineProblem(l);
    if (problem) return { ok: false, problem: `line ${problem}` };
  }
  return { ok: true, msg: m as EventOrderMessage };
}

const isTime = (v: unknown): v is number | null => v === null || isInteger(v);

/**
 * A booth's live state from the booths bucket, checked before the director's booth list and big
 * screen show it: the shape a booth writes, under its own key (an entry naming another booth is
 * refused, so no booth speaks for another). Nothing else is trusted either: a GMV given as text
 * or a product name given as an object would reach the director's board as it is (an object
 * where React expects text takes the whole Event page down).
 */
export function readBoothState(
  data: Uint8Array,
  key: string,
): { ok: true; state: BoothLiveState } | { ok: false; problem: string } {
  const read = readObject<BoothLiveState>(data);
  if (!read.ok) return read;
  const s = read.body;
  if (s.booth !== key) return { ok: false, problem: `booth ${JSON.stringify(s.booth)} under ${key}'s key` };
  const onAir = s.onAir as { code?: unknown; name?: unknown } | null | undefined;
  if (onAir !== null && (typeof onAir !== 'object' || !isKey(onAir.code) || !isText(onAir.name)))
    return { ok: false, problem: 'onAir' };
  if (!isTime(s.onAirSince)) return { ok: false, problem: 'onAirSince' };
  if (!isTime(s.countdownEnd)) return { ok: false, problem: 'countdownEnd' };
  if (!isInteger(s.showGmvFen) || s.showGmvFen < 0) return { ok: false, problem: 'showGmvFen' };
  if (!isInteger(s.at)) return { ok: false, problem: 'at' };
  const state: BoothLiveState = {
    booth: key,
    onAir: onAir === null ? null : { code: onAir.code as string, name: onAir.name as string },
    onAirSince: s.onAirSince,
    countdownEnd: s.countdownEnd,
    showGmvFen: s.showGmvFen,
    at: s.at,
  };
  return { ok: true, state };
}
