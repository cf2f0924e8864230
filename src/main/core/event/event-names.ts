/** Event and booth ids: short, lower-case, usable as NATS subject tokens and stream/bucket names. */
export const EVENT_ID_RE = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function validId(id: string): boolean {
  return EVENT_ID_RE.test(id);
}

/** Every NATS name one event uses (subjects, the orders stream, the key-value buckets). */
export function eventNames(eventId: string) {
  if (!validId(eventId)) throw new Error(`not an event id: ${JSON.stringify(eventId)}`);
  const token = eventId.replaceAll('-', '_');
  return {
    stream: `EV_${token}_ORDERS`,
    ordersOf: (booth: string) => `ev.${eventId}.orders.${booth}`,
    ordersAll: `ev.${eventId}.orders.>`,
    boothsBucket: `ev_${token}_booths`,
    shelfBucket: `ev_${token}_shelf`,
  };
}

export type EventNames = ReturnType<typeof eventNames>;
