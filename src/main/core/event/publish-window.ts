import type { OutboxRow } from './outbox';

export interface PublishWindowOptions {
  /** The outbox: rows after a seq, oldest first; forgetting every row up to a seq. */
  next: (limit: number, afterSeq: number) => OutboxRow[];
  ack: (seq: number) => void;
  /** Publishes one row (with its message id); resolves with the stream sequence once acknowledged. */
  send: (row: OutboxRow) => Promise<{ seq: number }>;
  /** At most this many publishes unacknowledged at once. */
  window: number;
  /** Whether to go on (the link is up). */
  live: () => boolean;
  /** Waits for new rows (or a timeout) when the outbox is empty and nothing is in flight. */
  idle: () => Promise<void>;
  /**
   * Whether rows were added since last asked (and forget it): while publishes are in flight the
   * outbox is read again only then. Without it, it is read at every step.
   */
  takeNew?: () => boolean;
  /** The stream sequence of each acknowledgement, in the outbox's order. */
  onAcked?: (streamSeq: number) => void;
}

interface InFlight {
  row: OutboxRow;
  promise: Promise<{ seq: number }>;
  state: 'waiting' | 'acked' | 'failed';
  streamSeq: number;
  error: unknown;
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Publishes the outbox as a sliding window: up to `window` rows in flight, in outbox order on one
 * connection, and a new row goes as soon as the oldest is acknowledged (not after a whole round's
 * acknowledgements: a round waited for its slowest ack while new sales queued behind it). Rows
 * are deleted from the outbox only up to the oldest one not yet acknowledged, so a failure (thrown
 * once the rows before it are settled) leaves every unacknowledged row to be sent again from the
 * outbox; JetStream drops a version it already has by its message id, so each goes in once.
 */
export async function publishWindow(o: PublishWindowOptions): Promise<void> {
  const flight: InFlight[] = [];
  let lastRead = 0;
  let acked: OutboxRow | undefined;
  let ackedSinceDelete = 0;
  let full = false;
  try {
    while (o.live()) {
      const room = o.window - flight.length;
      if (room > 0 && (flight.length === 0 || full || (o.takeNew?.() ?? true))) {
        const rows = o.next(room, lastRead);
        // A full read may have left rows behind: read again at the next step.
        full = rows.length === room;
        for (const row of rows) {
          const f: InFlight = { row, promise: o.send(row), state: 'waiting', streamSeq: 0, error: undefined };
          f.promise.then(
            (a) => {
              f.state = 'acked';
              f.streamSeq = a.seq;
            },
            (err: unknown) => {
              f.state = 'failed';
              f.error = err;
            },
          );
          flight.push(f);
          lastRead = row.seq;
        }
      }
      if (flight.length === 0) {
        await o.idle();
        continue;
      }
      await flight[0]!.promise.catch(() => undefined);
      // The acknowledgements that came in the same read settle in this turn: take them all at once
      // (one outbox delete for the lot).
      await nextTurn();
      while (flight.length > 0 && flight[0]!.state === 'acked') {
        const f = flight.shift()!;
        acked = f.row;
        ackedSinceDelete++;
        o.onAcked?.(f.streamSeq);
      }
      // Deleting is a write of its own: done once a burst is all acknowledged (or half a window
      // waits), not per acknowledgement. Rows acknowledged and not yet deleted are never read
      // again here (lastRead); after a crash they go again and JetStream drops them.
      const failed = flight[0]?.state === 'failed';
      if (acked && (flight.length === 0 || failed || ackedSinceDelete >= o.window / 2)) {
        o.ack(acked.seq);
        acked = undefined;
        ackedSinceDelete = 0;
      }
      if (failed) throw flight[0]!.error;
    }
  } finally {
    if (acked) o.ack(acked.seq);
    // Nothing is left unobserved (their outcomes no longer matter: the rows stay in the outbox).
    for (const f of flight) f.promise.catch(() => undefined);
  }
}
