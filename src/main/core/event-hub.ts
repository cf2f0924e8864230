import type { EventName, EventPayload } from '@shared/api/contract';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Typed fan-out of contract events to the transports (IPC, WebSocket) and to services. */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly anyListeners = new Set<(event: EventName, payload: unknown) => void>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) safeCall(() => (l as Listener<E>)(payload));
    for (const l of this.anyListeners) safeCall(() => l(event, payload));
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Every event; used by transports that forward by subscription. */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }
}

function safeCall(fn: () => void): void {
  try {
    fn();
  } catch {
    // One failing subscriber (a closed socket, a destroyed window) must not starve the others.
  }
}
