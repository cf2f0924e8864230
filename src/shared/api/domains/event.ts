import { z } from 'zod';
import { operation } from '../define';

const Slice = z.object({
  key: z.string(),
  orders: z.number().int(),
  units: z.number().int(),
  gmvFen: z.number().int(),
});

export const BoothViewSchema = z.object({
  booth: z.string(),
  onAir: z.object({ code: z.string(), name: z.string() }).nullable(),
  onAirSince: z.number().int().nullable(),
  countdownEnd: z.number().int().nullable(),
  showGmvFen: z.number().int(),
  lastHeard: z.number().int(),
  online: z.boolean(),
});

export const EventFiguresSchema = z.object({
  eventId: z.string(),
  at: z.number().int(),
  totals: z.object({ orders: z.number().int(), units: z.number().int(), gmvFen: z.number().int() }),
  byBooth: z.array(Slice),
  byCounty: z.array(Slice),
  byCity: z.array(Slice),
  byPlatform: z.array(Slice),
  topProducts: z.array(Slice.extend({ name: z.string() })),
  booths: z.array(BoothViewSchema),
});
export type EventFigures = z.infer<typeof EventFiguresSchema>;

export const EventStatusSchema = z.object({
  running: z.boolean(),
  role: z.enum(['director', 'booth', 'none']),
  eventId: z.string().nullable(),
  booth: z.string().nullable(),
  url: z.string().nullable(),
  connected: z.boolean(),
  outbox: z.number().int(),
  projectedSeq: z.number().int(),
  /** Messages refused as malformed (or naming another booth), skipped: orders and booths' live states. */
  rejected: z.number().int(),
  lastError: z.string().nullable(),
  /** Director: join links per booth (with their QR codes as data URLs). */
  joins: z.array(z.object({ booth: z.string(), link: z.string(), qr: z.string() })),
});
export type EventStatus = z.infer<typeof EventStatusSchema>;

export const eventOperations = {
  'event.shelfAdd': operation({
    summary:
      'Director: put shelf products on the event shelf (by merchant code; booths apply them). Later Shelf page edits of their name, prices or stock are published to the event with compare-and-set.',
    input: z.strictObject({ productIds: z.array(z.number().int().positive()).min(1).max(1_000) }),
    output: z.object({ added: z.array(z.string()), already: z.array(z.string()) }),
    errors: ['not_found', 'bad_request', 'conflict', 'unavailable'],
    access: 'control',
  }),
  'event.addBooth': operation({
    summary:
      'Director: add a booth while the event runs (its own credentials; the local nats-server re-reads its configuration, connected booths stay). Answers with its join link once the server accepts it.',
    input: z.strictObject({ booth: z.string().trim().min(1).max(32) }),
    output: z.object({ booth: z.string(), link: z.string(), qr: z.string(), added: z.boolean() }),
    errors: ['bad_request', 'conflict', 'unavailable'],
    access: 'control',
  }),
  'event.figures': operation({
    summary:
      "The event's big screen: GMV, orders and units of every booth together, by booth, county, city and platform; top products; each booth's on-air product and when it was last heard.",
    input: z.strictObject({}),
    output: EventFiguresSchema,
    errors: ['unavailable'],
    access: 'read',
  }),
  'event.status': operation({
    summary:
      "This studio's part in an event: role, link state, orders waiting to go out, join links (director).",
    input: z.strictObject({}),
    output: EventStatusSchema,
    errors: [],
    access: 'read',
  }),
};
