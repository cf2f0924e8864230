import { z } from 'zod';
import { event, operation } from '../define';
import { SyncedPlatformSchema } from './shelf';

const count = z.number().int().nonnegative();
const money = z.number().int();
const rowId = z.number().int().positive();

/** Live sales figures: what overlays (sales counter, leaderboard) and the dashboard show. */
export const SalesFiguresSchema = z.object({
  at: z.number().int(),
  /** The show these figures belong to, or null for all orders. */
  showId: z.number().int().positive().nullable(),
  totals: z.object({ orders: count, units: count, gmvFen: money, refundedFen: money }),
  byPlatform: z.array(
    z.object({ platform: SyncedPlatformSchema, orders: count, units: count, gmvFen: money }),
  ),
  byProduct: z.array(
    z.object({ productId: z.number().int().positive(), orders: count, units: count, gmvFen: money }),
  ),
  byCounty: z.array(z.object({ city: z.string(), county: z.string(), units: count, gmvFen: money })),
});
export type SalesFigures = z.infer<typeof SalesFiguresSchema>;

export const OrderStatusSchema = z.enum(['unpaid', 'paid', 'shipped', 'completed', 'cancelled']);
export const RefundStateSchema = z.enum(['none', 'requested', 'refunded']);

/** One order line as the Orders page lists it (no raw payload). */
export const OrderLineViewSchema = z.object({
  platform: SyncedPlatformSchema,
  shopId: z.string(),
  orderId: z.string(),
  lineId: z.string(),
  status: OrderStatusSchema,
  refundState: RefundStateSchema,
  itemId: z.string(),
  skuId: z.string(),
  title: z.string(),
  quantity: count,
  paidFen: money,
  createdAt: z.number().int(),
  paidAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
  /** null: the line's SKU maps to no shelf product (it waits in the unmapped queue). */
  productId: z.number().int().positive().nullable(),
});
export type OrderLineView = z.infer<typeof OrderLineViewSchema>;

export const UnmappedSkuSchema = z.object({
  platform: SyncedPlatformSchema,
  skuId: z.string(),
  itemId: z.string(),
  outerSku: z.string(),
  title: z.string(),
  lines: count,
  units: count,
  gmvFen: money,
});
export type UnmappedSku = z.infer<typeof UnmappedSkuSchema>;

/** Why a shop's last call failed; the UI translates `orders:reason.<kind>`. */
export const SyncErrorKindSchema = z.enum([
  'bad_signature',
  'token_expired',
  'no_permission',
  'throttled',
  'unreachable',
  'server',
  'bad_request',
  'malformed',
  'no_credentials',
  /** The studio's disk is full: sync paused, resumes by itself when space returns. */
  'disk_full',
  'bad_app_key',
  'method_refused',
  /** The platform refused the app secret on a token refresh: permanent until the settings change. */
  'bad_app_secret',
]);
export type SyncErrorKind = z.infer<typeof SyncErrorKindSchema>;

export const ShopSyncStatusSchema = z.object({
  shop: rowId,
  state: z.enum(['idle', 'syncing', 'ok', 'retrying', 'error', 'disabled']),
  lastSuccessAt: z.number().int().nullable(),
  /** How far behind the platform the ledger is: now − watermark, ms. */
  lagMs: z.number().int().nullable(),
  errorKind: SyncErrorKindSchema.nullable(),
  retryAt: z.number().int().nullable(),
  /** Lines written since the studio started. */
  linesSynced: count,
  retries: count,
  /** Why the create-time sweep is off for this shop (the platform refused it); null while on. */
  sweepOff: SyncErrorKindSchema.nullable().optional(),
  /** The last "re-read this range" of this run of the studio, with its progress; absent: none. */
  backfill: z
    .object({
      from: z.number().int(),
      to: z.number().int(),
      /** Query windows the range is read in (the platform's longest span each), and how many are done. */
      windows: count,
      windowsDone: count,
      /** Lines written (new, or a newer version than the one stored). */
      lines: count,
      state: z.enum(['running', 'done', 'failed']),
      errorKind: SyncErrorKindSchema.nullable(),
    })
    .optional(),
});
export type ShopBackfill = NonNullable<ShopSyncStatus['backfill']>;
export type ShopSyncStatus = z.infer<typeof ShopSyncStatusSchema>;

export const SignMethodSchema = z.enum(['md5', 'hmac-sha256']);

export const ShopSchema = z.object({
  id: rowId,
  platform: SyncedPlatformSchema,
  shopId: z.string(),
  label: z.string(),
  appKey: z.string(),
  signMethod: SignMethodSchema,
  /** Gateway origin; empty = the platform's public gateway. */
  gateway: z.string(),
  simulated: z.boolean(),
  enabled: z.boolean(),
  /** Which secrets are stored (their values never leave the core). */
  secrets: z.object({
    appSecret: z.boolean(),
    signSecret: z.boolean(),
    accessToken: z.boolean(),
    refreshToken: z.boolean(),
    /** Kuaishou push message key (push is optional). */
    pushKey: z.boolean(),
  }),
  status: ShopSyncStatusSchema,
});
export type Shop = z.infer<typeof ShopSchema>;

const secretInput = z.string().min(1).max(512).optional();

export const ShopInputSchema = z.strictObject({
  /** Absent: add a shop; present: edit it (omitted secrets stay as stored). */
  id: rowId.optional(),
  platform: SyncedPlatformSchema,
  shopId: z.string().trim().min(1).max(64),
  label: z.string().trim().min(1).max(100),
  appKey: z.string().trim().min(1).max(128),
  signMethod: SignMethodSchema.default('md5'),
  /** Gateway origin; a whole endpoint URL pasted from a platform's docs is cut to its origin. */
  gateway: z
    .union([z.literal(''), z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin)])
    .default(''),
  appSecret: secretInput,
  signSecret: secretInput,
  accessToken: secretInput,
  refreshToken: secretInput,
  /** Kuaishou only: the push message key from the console (Base64 of a 16/24/32-byte AES key). */
  pushKey: secretInput,
  /**
   * Adding a shop only: where its order sync starts, UTC ms (default: the start of today in
   * Beijing time; at most the platform's lookback). Earlier orders can be re-read later.
   */
  syncFrom: z.number().int().nonnegative().optional(),
});

/** An IPv4/IPv6 literal or a host name the push receiver binds to. */
const PushHostSchema = z.union([
  z.ipv4(),
  z.ipv6(),
  z
    .string()
    .max(253)
    .regex(
      /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    ),
]);

/** Optional order push (webhook) receiver: off by default, it needs a public HTTPS URL in front. */
export const PushSettingsSchema = z.object({
  enabled: z.boolean(),
  host: PushHostSchema,
  port: z.number().int().min(1).max(65535),
});
export type PushSettings = z.infer<typeof PushSettingsSchema>;

/** Why the receiver is not listening although push is on; the UI translates `orders:push.error.<kind>`. */
export const PushErrorKindSchema = z.enum(['port_busy', 'address_unavailable', 'bind_failed']);
/** Why a push was refused (bad signature, does not decrypt, malformed, another app). */
export const PushRejectReasonSchema = z.enum(['bad_signature', 'bad_ciphertext', 'bad_body', 'unknown_app']);

export const PushStatusSchema = z.object({
  settings: PushSettingsSchema,
  state: z.enum(['off', 'listening', 'error']),
  /** e.g. http://127.0.0.1:18480 while listening. */
  origin: z.string().nullable(),
  error: PushErrorKindSchema.nullable(),
  /** Shops push can reach (enabled, not simulated, Kuaishou or Douyin), with their endpoint path. */
  shops: z.array(
    z.object({
      id: rowId,
      platform: z.enum(['kuaishou', 'douyin']),
      shopId: z.string(),
      label: z.string(),
      path: z.string(),
      /** False: the shop lacks what push needs (Kuaishou push key; Douyin app key and secret). */
      ready: z.boolean(),
    }),
  ),
  /** Since the receiver started: new events (each triggered a sync), redeliveries ignored, refused. */
  received: count,
  duplicates: count,
  rejected: count,
  lastEventAt: z.number().int().nullable(),
  lastRejected: z.object({ at: z.number().int(), reason: PushRejectReasonSchema }).nullable(),
});
export type PushStatus = z.infer<typeof PushStatusSchema>;

/** The optional push receiver (issue 6): settings and live status. */
const pushOperations = {
  'orders.pushSettings': operation({
    summary: 'The optional push receiver settings (enabled, host, port).',
    input: z.strictObject({}),
    output: PushSettingsSchema,
    errors: [],
    access: 'read',
  }),
  'orders.setPushSettings': operation({
    summary: 'Turns the push receiver on or off or moves it; restarts it. A busy port shows in the status.',
    input: z.strictObject({
      enabled: z.boolean().optional(),
      host: PushHostSchema.optional(),
      port: z.number().int().min(1).max(65535).optional(),
    }),
    output: PushStatusSchema,
    errors: ['unavailable'],
    access: 'control',
  }),
  'orders.pushStatus': operation({
    summary: 'Push receiver state: listening address, per-shop paths, event counters, last error.',
    input: z.strictObject({}),
    output: PushStatusSchema,
    errors: [],
    access: 'read',
  }),
};

export const ordersOperations = {
  ...pushOperations,
  'orders.figures': operation({
    summary: 'Current sales figures, for all orders or one show.',
    input: z.strictObject({ showId: rowId.nullable().default(null) }),
    output: SalesFiguresSchema,
    errors: [],
    access: 'read',
  }),
  'orders.timeline': operation({
    summary: 'Units and sales per minute (for the sales curve).',
    input: z.strictObject({ showId: rowId.nullable().default(null), since: z.number().int().default(0) }),
    output: z.object({
      minutes: z.array(z.object({ minute: z.number().int(), units: count, gmvFen: money })),
    }),
    errors: [],
    access: 'read',
  }),
  'orders.list': operation({
    summary: 'Order lines, newest change first, filtered.',
    input: z.strictObject({
      platform: SyncedPlatformSchema.optional(),
      status: OrderStatusSchema.optional(),
      refunded: z.boolean().optional(),
      unmappedOnly: z.boolean().default(false),
      productId: rowId.optional(),
      /** Order id or title contains. */
      text: z.string().max(100).default(''),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ lines: z.array(OrderLineViewSchema) }),
    errors: [],
    access: 'read',
  }),
  'orders.unmapped': operation({
    summary: 'SKUs seen in orders that map to no shelf product, with what they sold.',
    input: z.strictObject({}),
    output: z.object({ skus: z.array(UnmappedSkuSchema) }),
    errors: [],
    access: 'read',
  }),
  'orders.resolveUnmapped': operation({
    summary: 'Maps a platform SKU to a shelf product (remembered), moving its orders to that product.',
    input: z.strictObject({ platform: SyncedPlatformSchema, skuId: z.string().min(1), productId: rowId }),
    output: z.object({ lines: count }),
    errors: ['not_found'],
    access: 'control',
  }),
  'shops.list': operation({
    summary: 'Platform shops with their sync status.',
    input: z.strictObject({}),
    output: z.object({ shops: z.array(ShopSchema) }),
    errors: [],
    access: 'read',
  }),
  'shops.save': operation({
    summary: 'Adds or edits a shop; secrets are sealed before they are stored.',
    input: ShopInputSchema,
    output: ShopSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'shops.remove': operation({
    summary: 'Removes a shop and its secrets (its orders stay in the ledger).',
    input: z.strictObject({ id: rowId }),
    output: z.object({}),
    errors: ['not_found'],
    access: 'control',
  }),
  'shops.setEnabled': operation({
    summary: 'Pauses or resumes syncing a shop.',
    input: z.strictObject({ id: rowId, enabled: z.boolean() }),
    output: ShopSchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'shops.test': operation({
    summary: 'Makes one authenticated call with the stored credentials; fails with the reason.',
    input: z.strictObject({ id: rowId }),
    output: z.object({ ok: z.literal(true), ms: z.number().int() }),
    errors: ['not_found', 'unavailable', 'unauthorized', 'forbidden', 'timeout'],
    access: 'control',
  }),
  'shops.backfill': operation({
    summary:
      "Re-reads a range of a shop's orders by create time (UTC ms; at most the platform's lookback) through the same adapter and ledger upsert; progress in the shop's status.",
    input: z.strictObject({
      id: rowId,
      from: z.number().int().nonnegative(),
      to: z.number().int().nonnegative(),
    }),
    output: z.object({ windows: count }),
    errors: ['not_found', 'bad_request', 'conflict', 'unavailable'],
    access: 'control',
  }),
  'shops.syncNow': operation({
    summary: 'Starts a sync cycle for a shop now instead of at its next poll.',
    input: z.strictObject({ id: rowId }),
    output: z.object({}),
    errors: ['not_found'],
    access: 'control',
  }),
};

export const ordersEvents = {
  'orders.figuresChanged': event({
    summary: 'Sales figures changed (new, updated, refunded or cancelled orders).',
    payload: SalesFiguresSchema,
  }),
  'orders.linesChanged': event({
    summary: 'Order lines were written (newest first, at most 50 per event).',
    payload: z.object({ count, lines: z.array(OrderLineViewSchema) }),
  }),
  'orders.pushStatusChanged': event({
    summary: 'The push receiver started, stopped, failed, or received an event.',
    payload: PushStatusSchema,
  }),
  'shops.statusChanged': event({
    summary: "A shop's sync status changed.",
    payload: ShopSyncStatusSchema,
  }),
};
