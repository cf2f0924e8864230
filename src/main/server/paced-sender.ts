/**
 * Frames for many sockets, written in turns of the event loop of at most `budgetMs` each.
 *
 * A broadcast to 50 tablets is 50 socket writes, and on one machine each write also runs the
 * receiving side of loopback TCP: bench:soak's profile put an `orders.figuresChanged` plus
 * `orders.linesChanged` to 50 clients at 5-10 ms in one turn, ten times a second, on top of the
 * ledger's commit in the same turn. Queued and paced, the show's timers (OBS heartbeats, overlay
 * countdowns) run between the writes. One queue for every frame, first in first out, so each
 * socket still gets its frames in the order they were sent: an answer to a call goes out at once
 * only when nothing waits, otherwise behind the frames before it.
 */
export class PacedSender<T> {
  private queue: ({ target: T; data: Buffer | string } | undefined)[] = [];
  private head = 0;
  private scheduled = false;

  constructor(
    /** Writes one frame; must not throw (the caller checks the socket is open, or drops it). */
    private readonly write: (target: T, data: Buffer | string) => void,
    private readonly budgetMs = 2,
    private readonly now: () => number = () => performance.now(),
    /** Runs a drain in a later turn (setImmediate: called from a drain, it is the next loop iteration). */
    private readonly defer: (fn: () => void) => void = (fn) => void setImmediate(fn),
  ) {}

  /** Frames waiting to be written. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /** Queues a frame behind whatever waits; written in a later turn. */
  push(target: T, data: Buffer | string): void {
    this.queue.push({ target, data });
    this.schedule();
  }

  /** Writes at once when nothing waits, else queues (so a socket's frames keep their order). */
  sendOrQueue(target: T, data: Buffer | string): void {
    if (this.pending === 0) this.write(target, data);
    else this.push(target, data);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    const started = this.now();
    // Bounded: each pass writes one frame off the queue; at least one per turn.
    while (this.head < this.queue.length) {
      const frame = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      this.write(frame.target, frame.data);
      if (this.now() - started >= this.budgetMs) break;
    }
    if (this.head >= this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else this.schedule();
  }
}
