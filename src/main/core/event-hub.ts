import type { EventName, EventPayload } from '@shared/api/contract';
import type { Logger } from './logging/log-hub';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Who listens: an area (`overlays`, `showday`) or a transport (`ipc`, `console`), named in the log. */
type Subscriber<L> = { listener: L; area: string };

/** Typed fan-out of contract events to the transports (IPC, WebSocket) and to services. */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<Subscriber<Listener<EventName>>>>();
  private readonly anyListeners = new Set<Subscriber<(event: EventName, payload: unknown) => void>>();
  /** Set while a failure is being logged: a failing `log.line` listener must not log itself forever. */
  private reporting = false;

  /** `log`: where a listener's failure is told (event and area); without one it is only contained. */
  constructor(private readonly log?: Logger) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const s of this.listeners.get(event) ?? [])
      this.safeCall(event, s.area, () => (s.listener as Listener<E>)(payload));
    for (const s of this.anyListeners) this.safeCall(event, s.area, () => s.listener(event, payload));
  }

  on<E extends EventName>(event: E, listener: Listener<E>, area = 'unnamed'): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const s = { listener: listener as Listener<EventName>, area };
    set.add(s);
    return () => set.delete(s);
  }

  /** Every event; used by transports that forward by subscription. */
  onAny(listener: (event: EventName, payload: unknown) => void, area = 'unnamed'): () => void {
    const s = { listener, area };
    this.anyListeners.add(s);
    return () => this.anyListeners.delete(s);
  }

  /** One failing subscriber (a closed socket, a destroyed window) must not starve the others. */
  private safeCall(event: EventName, area: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (!this.log || this.reporting) return;
      this.reporting = true;
      try {
        this.log.error('event listener failed', { event, area, err });
      } catch {
        // The log itself failed: nothing more can be told.
      } finally {
        this.reporting = false;
      }
    }
  }
}
