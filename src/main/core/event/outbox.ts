import type Database from 'better-sqlite3';
import { rawDeliveries, type OrderLine } from '../orders';

/** One message on the event's orders stream: one version of one order (all its lines), as a booth's ledger took it. */
export interface EventOrderMessage {
  /** The booth whose shop sold it. */
  b: string;
  /** When the booth's ledger committed it (UTC ms): lag is measured from here. */
  at: number;
  lines: OrderLine[];
}

/** 32-bit FNV-1a of a string, as 8 hex digits. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The message id JetStream de-duplicates on: the order's key and its version (update time and
 * stage, plus a digest of what its lines say, since a change of the same stage in the same second
 * is a new version too). The same version published twice is stored once.
 */
export function messageId(lines: readonly OrderLine[]): string {
  const l = lines[0]!;
  const content = lines
    .map((x) => `${x.lineId}:${x.quantity}:${x.paidFen}:${x.skuId}:${x.paidAt ?? ''}`)
    .join('|');
  return `${l.platform}/${l.shopId}/${l.orderId}@${l.updatedAt}.${l.status}.${l.refundState}.${fnv(content)}`;
}

/** Splits a delivery into its orders' versions (consecutive lines of one order; see rawDeliveries). */
export function orderVersions(lines: readonly OrderLine[]): OrderLine[][] {
  const { deliveryOf } = rawDeliveries(lines);
  const out: OrderLine[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i === 0 || deliveryOf[i] !== deliveryOf[i - 1]) out.push([]);
    out.at(-1)!.push(lines[i]!);
  }
  return out;
}

export interface OutboxRow {
  seq: number;
  msg_id: string;
  body: string;
}

/**
 * The booth's durable outbox: its own order versions, written in the ledger's commit transaction
 * (committed together or not at all), read in order by the publisher and deleted once JetStream
 * acknowledged them. A booth offline for hours keeps them here; a crash loses none.
 */
export class EventOutbox {
  private readonly q;

  constructor(
    db: Database.Database,
    private readonly eventId: string,
    private readonly booth: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.q = {
      insert: db.prepare<[string, string, string]>(
        'INSERT INTO event_outbox (event_id, msg_id, body) VALUES (?, ?, ?)',
      ),
      next: db.prepare<[string, number, number], OutboxRow>(
        'SELECT seq, msg_id, body FROM event_outbox WHERE event_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      ack: db.prepare<[string, number]>('DELETE FROM event_outbox WHERE event_id = ? AND seq <= ?'),
      count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM event_outbox WHERE event_id = ?'),
      shop: db.prepare<[string, string, string, string]>(
        `INSERT INTO event_shop (event_id, platform, shop_id, booth) VALUES (?, ?, ?, ?)
         ON CONFLICT (event_id, platform, shop_id) DO NOTHING`,
      ),
    };
  }

  /** Inside the ledger's transaction: queues every order version of a delivery of this booth's shops. */
  addInTransaction(lines: readonly OrderLine[]): number {
    const at = this.clock();
    const shops = new Set<string>();
    let n = 0;
    for (const version of orderVersions(lines)) {
      const body: EventOrderMessage = { b: this.booth, at, lines: version };
      this.q.insert.run(this.eventId, messageId(version), JSON.stringify(body));
      const l = version[0]!;
      const key = `${l.platform}\u0000${l.shopId}`;
      if (!shops.has(key)) {
        shops.add(key);
        this.q.shop.run(this.eventId, l.platform, l.shopId, this.booth);
      }
      n++;
    }
    return n;
  }

  /** Up to `limit` waiting rows after `afterSeq`, oldest first. */
  next(limit: number, afterSeq = 0): OutboxRow[] {
    return this.q.next.all(this.eventId, afterSeq, limit);
  }

  /** Forgets every row up to `seq` (JetStream has them). */
  ack(seq: number): void {
    this.q.ack.run(this.eventId, seq);
  }

  get waiting(): number {
    return this.q.count.get(this.eventId)!.n;
  }
}
