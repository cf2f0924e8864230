import { z } from 'zod';
import { event, operation } from '../define';
import {
  BulkChangeSchema,
  FacetsSchema,
  FileDownloadSchema,
  FileFormatSchema,
  FileUploadSchema,
  ImportFinishedSchema,
  ImportJobSchema,
  ImportOptionsSchema,
  ImportProgressSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  ListingInputSchema,
  OnAirResultSchema,
  ProductDetailSchema,
  ProductInputSchema,
  ProductPatchSchema,
  RundownEntrySchema,
  RundownSchema,
  SearchInputSchema,
  SearchResultSchema,
  ShowInputSchema,
  ShowPatchSchema,
  SlotInputSchema,
  SlotPatchSchema,
  UndoTicketSchema,
} from './shelf-io';
import { IdSchema, ProductImageSchema, ShowSchema } from './shelf-model';
import { confirmPriceFen, PriceChangeSchema, PriceLogInputSchema } from './shelf-price';

export * from './shelf-model';
export * from './shelf-io';
export * from './shelf-price';

const id = IdSchema;
const byId = z.strictObject({ id });
const byShow = z.strictObject({ showId: id });
const none = z.strictObject({});

/** One entry of the undo history. */
export const UndoHistoryEntrySchema = z.object({
  token: z.string(),
  /** What was done: `common:onair2.history.kind.<kind>` says it with `params`. */
  kind: z.string(),
  at: z.number().int(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type UndoHistoryEntry = z.infer<typeof UndoHistoryEntrySchema>;

export const shelfOperations = {
  'shelf.search': operation({
    summary: 'Find products: substring search over names, origin and selling points, with filters.',
    input: SearchInputSchema,
    output: SearchResultSchema,
    errors: [],
    access: 'read',
  }),
  'shelf.facets': operation({
    summary: 'Cities with their counties, and categories, for the filter bar.',
    input: none,
    output: FacetsSchema,
    errors: [],
    access: 'read',
  }),
  'shelf.get': operation({
    summary: 'One product with its platform listings and images.',
    input: byId,
    output: ProductDetailSchema,
    errors: ['not_found'],
    access: 'read',
  }),
  'shelf.create': operation({
    summary: 'Add a product (money in integer fen), optionally with its platform listings.',
    input: z.strictObject({
      product: ProductInputSchema,
      listings: z.array(ListingInputSchema).max(50).optional(),
    }),
    output: ProductDetailSchema,
    errors: ['conflict'],
    access: 'control',
  }),
  'shelf.update': operation({
    summary:
      'Change a product; `listings`, when given, replaces all of its listings. While a show is open a ' +
      'suspicious live price (price guard) is refused (conflict) unless `confirmPriceFen` repeats it. ' +
      "On an event's director, a product on the event shelf is published to the event with " +
      'compare-and-set on `eventRevision` (from shelf.get): an edit from an older revision is refused (conflict).',
    input: z.strictObject({
      id,
      patch: ProductPatchSchema,
      listings: z.array(ListingInputSchema).max(50).optional(),
      confirmPriceFen,
      /** The event shelf revision the edit was made from (shelf.get's `eventRevision`). */
      eventRevision: z.number().int().positive().optional(),
    }),
    output: ProductDetailSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'shelf.archive': operation({
    summary: 'Archive products (they leave the active shelf); undo with shelf.undo.',
    input: z.strictObject({ ids: z.array(id).min(1).max(20_000) }),
    output: UndoTicketSchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'shelf.bulkUpdate': operation({
    summary: 'Set the category or status, or adjust the live price by a percentage, for many products.',
    input: z.strictObject({
      ids: z.array(id).min(1).max(20_000),
      change: BulkChangeSchema,
      /** While a show is open, a percentage the price guard flags is applied only when repeated here. */
      confirmPricePercent: z.number().int().optional(),
    }),
    output: UndoTicketSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'shelf.priceLog': operation({
    summary: 'The price audit log, newest first: every live/list price and slot override change.',
    input: PriceLogInputSchema,
    output: z.object({ changes: z.array(PriceChangeSchema) }),
    errors: [],
    access: 'read',
  }),
  'shelf.delete': operation({
    summary: 'Delete a product that no rundown uses; undo with shelf.undo.',
    input: byId,
    output: UndoTicketSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'shelf.undo': operation({
    summary: 'Reverse a destructive shelf or rundown action by its undo token.',
    input: z.strictObject({ undoToken: z.string().min(1).max(100) }),
    output: z.object({ productIds: z.array(id), showIds: z.array(id) }),
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'shelf.history': operation({
    summary:
      'The undo history the operator can reach from any page: the destructive shelf and rundown actions ' +
      'that can still be taken back, newest first (the last 100, kept across restarts). Undo one with ' +
      'shelf.undo and its token; an undo puts back the cue settings and the console’s show with the rows.',
    input: none,
    output: z.object({ entries: z.array(UndoHistoryEntrySchema) }),
    errors: [],
    access: 'read',
  }),
  'shelf.addImage': operation({
    summary:
      'Copy an image (PNG, JPEG, WebP, GIF) into the data directory and attach it to a product, with the ' +
      'thumbnail the client made (the original stands in when there is none).',
    input: FileUploadSchema.extend({
      productId: id,
      /** A small JPEG/PNG/WebP (≤ 320 px, ≤ 1 MiB) the UI drew from the image; no native image code in the core. */
      thumbnailBase64: z
        .string()
        .max(1.5 * 1024 * 1024)
        .optional(),
    }),
    output: ProductImageSchema,
    errors: ['not_found', 'bad_request', 'unavailable'],
    access: 'control',
  }),
  'shelf.image': operation({
    summary: 'The bytes of a product image’s thumbnail, for display.',
    input: byId,
    output: z.object({ mimeType: z.string(), contentBase64: z.string() }),
    errors: ['not_found'],
    access: 'read',
  }),
  'shelf.importPreview': operation({
    summary: 'Read a CSV or XLSX file: recognised columns, per-row problems, what an import would do.',
    input: ImportOptionsSchema,
    output: ImportPreviewSchema,
    errors: [],
    access: 'read',
  }),
  'shelf.importApply': operation({
    summary: 'Import a CSV or XLSX file: all rows or nothing, unless validOnly skips the bad rows.',
    input: ImportOptionsSchema.extend({ validOnly: z.boolean().default(false) }),
    output: ImportResultSchema,
    errors: ['conflict'],
    access: 'control',
  }),
  'shelf.importStart': operation({
    summary:
      'Start importing a CSV or XLSX file in the background (all rows or nothing, unless validOnly): ' +
      'progress comes as shelf.importProgress, the result as shelf.importFinished.',
    input: ImportOptionsSchema.extend({ validOnly: z.boolean().default(false) }),
    output: ImportJobSchema,
    errors: ['conflict', 'not_found'],
    access: 'control',
  }),
  'shelf.importCancel': operation({
    summary:
      'Stop a background import; what it had written is taken back (shelf.importFinished says cancelled).',
    input: z.strictObject({ jobId: z.string().min(1).max(100) }),
    output: z.object({ cancelling: z.boolean() }),
    errors: [],
    access: 'control',
  }),
  'shelf.importUndo': operation({
    summary: 'Take an import back in the background, in chunks; the end comes as shelf.importFinished.',
    input: z.strictObject({ undoToken: z.string().min(1).max(100) }),
    output: ImportJobSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'shelf.export': operation({
    summary: 'The whole shelf as a CSV or XLSX file that imports back unchanged.',
    input: z.strictObject({ format: FileFormatSchema }),
    output: FileDownloadSchema,
    errors: [],
    access: 'read',
  }),
  'shelf.loadDemo': operation({
    summary: 'Fill an empty shelf with the demo workspace (Gansu and Hotan specialties, one show).',
    input: none,
    output: z.object({ products: z.number().int(), shows: z.number().int(), showId: id }),
    errors: ['conflict'],
    access: 'control',
  }),
  'shows.list': operation({
    summary: 'Every show, newest date first.',
    input: none,
    output: z.array(ShowSchema),
    errors: [],
    access: 'read',
  }),
  'shows.create': operation({
    summary: 'Plan a new show.',
    input: ShowInputSchema,
    output: ShowSchema,
    errors: [],
    access: 'control',
  }),
  'shows.update': operation({
    summary: 'Change a show’s title, date, platforms or notes.',
    input: ShowPatchSchema,
    output: ShowSchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'shows.delete': operation({
    summary: 'Delete a show with its rundown; undo with shelf.undo.',
    input: byId,
    output: UndoTicketSchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'rundown.get': operation({
    summary: 'A show with its rundown slots in order, each with its product and listings.',
    input: byShow,
    output: RundownSchema,
    errors: ['not_found'],
    access: 'read',
  }),
  'rundown.addSlot': operation({
    summary: 'Add a product to a show’s rundown (at the end, or at a position).',
    input: SlotInputSchema.extend({ showId: id, position: z.number().int().nonnegative().optional() }),
    output: RundownEntrySchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'rundown.updateSlot': operation({
    summary:
      'Change a slot’s presenter, duration, camera preset, price override or notes. While a show is ' +
      'open a suspicious price override is refused (conflict) unless `confirmPriceFen` repeats it.',
    input: z.strictObject({ slotId: id, patch: SlotPatchSchema, confirmPriceFen }),
    output: RundownEntrySchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'rundown.removeSlot': operation({
    summary: 'Remove a slot; the ones after it move up. Undo with shelf.undo.',
    input: z.strictObject({ slotId: id }),
    output: UndoTicketSchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'rundown.moveSlot': operation({
    summary: 'Move a slot to another position (0-based); positions stay contiguous.',
    input: z.strictObject({ slotId: id, toPosition: z.number().int().nonnegative() }),
    output: RundownSchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'rundown.setOnAir': operation({
    summary:
      'Put a slot on air through the Show console’s cue path (camera, overlays, standby, log), like show.go; null takes it off air (card only).',
    input: z.strictObject({ showId: id, slotId: id.nullable() }),
    output: OnAirResultSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'rundown.next': operation({
    summary: 'Fire the next slot’s cue (the first when none is on air), like show.go; stays at the last.',
    input: byShow,
    output: OnAirResultSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'rundown.previous': operation({
    summary: 'Fire the previous slot’s cue, like show.go; stays at the first.',
    input: byShow,
    output: OnAirResultSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'rundown.export': operation({
    summary: 'A show’s rundown as a CSV or XLSX file.',
    input: z.strictObject({ showId: id, format: FileFormatSchema }),
    output: FileDownloadSchema,
    errors: ['not_found'],
    access: 'read',
  }),
  'rundown.import': operation({
    summary: 'Replace a show’s rundown from a CSV or XLSX file (products matched by outer SKU code).',
    input: FileUploadSchema.extend({ showId: id }),
    output: RundownSchema.extend({ undoToken: z.string() }),
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
};

export const shelfEvents = {
  'shelf.changed': event({
    summary: 'Products were created, edited, archived, imported or their stock changed.',
    payload: z.object({
      productIds: z.array(id),
      /**
       * Who changed them, when it was not the shelf itself: `ledger` is the order ledger moving
       * stock for sales and refunds (no listing, name or origin changed).
       */
      origin: z.enum(['ledger']).optional(),
    }),
  }),
  'shelf.importProgress': event({
    summary: 'A background import or undo moved on (rows read, rows written).',
    payload: ImportProgressSchema,
  }),
  'shelf.importFinished': event({
    summary: 'A background import or undo ended: done (with its result), failed or cancelled.',
    payload: ImportFinishedSchema,
  }),
  'rundown.onAirChanged': event({
    summary: 'A show moved its on-air slot (or cleared it).',
    payload: z.object({ showId: id, slotId: id.nullable() }),
  }),
  'rundown.changed': event({
    summary: 'A show or its rundown changed (slots added, removed, moved or edited).',
    payload: z.object({ showId: id }),
  }),
};
