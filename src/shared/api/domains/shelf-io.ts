import { z } from 'zod';
import { ApiErrorSchema } from '../errors';
import {
  FenSchema,
  IdSchema,
  ListingSchema,
  PlatformSchema,
  ProductImageSchema,
  ProductSchema,
  ProductStatusSchema,
  RundownSlotSchema,
  ShowSchema,
} from './shelf-model';

/** Input and output shapes of the shelf and rundown operations (the model lives in ./shelf-model). */
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
/** Up to 100 million yuan in fen: far above any live-commerce price, far below 2^53. */
const price = FenSchema.max(10_000_000_000);

export const ProductInputSchema = z.strictObject({
  nameZh: text(1000).min(1), // the product table's limit (migration 0630)
  nameEn: optionalText(200),
  nameUg: optionalText(200),
  sellingPoints: text(4000).default(''),
  category: text(80).default(''),
  originProvince: text(40).default(''),
  originCity: text(40).default(''),
  originCounty: text(40).default(''),
  specification: text(120).default(''),
  unit: text(20).default(''),
  listPriceFen: price,
  livePriceFen: price,
  stock: z.number().int().nonnegative().max(1_000_000_000).default(0),
  status: ProductStatusSchema.default('draft'),
  outerSku: optionalText(80),
});
export type ProductInput = z.output<typeof ProductInputSchema>;

export const ProductPatchSchema = z.strictObject({
  nameZh: text(1000).min(1).optional(),
  nameEn: optionalText(200),
  nameUg: optionalText(200),
  sellingPoints: text(4000).optional(),
  category: text(80).optional(),
  originProvince: text(40).optional(),
  originCity: text(40).optional(),
  originCounty: text(40).optional(),
  specification: text(120).optional(),
  unit: text(20).optional(),
  listPriceFen: price.optional(),
  livePriceFen: price.optional(),
  stock: z.number().int().nonnegative().max(1_000_000_000).optional(),
  status: ProductStatusSchema.optional(),
  outerSku: optionalText(80),
});
export type ProductPatch = z.output<typeof ProductPatchSchema>;

export const ListingInputSchema = z.strictObject({
  platform: PlatformSchema,
  platformLabel: text(40).default(''),
  shopId: text(80).default(''),
  itemId: text(80).min(1),
  skuIds: z.array(text(80).min(1)).max(200).default([]),
  outerSku: text(80).default(''),
  cartLinkNo: z.number().int().positive().max(100_000).nullable().default(null),
});
export type ListingInput = z.output<typeof ListingInputSchema>;

export const ProductDetailSchema = z.object({
  product: ProductSchema,
  listings: z.array(ListingSchema),
  images: z.array(ProductImageSchema),
  /**
   * Event mode: the event shelf revision this studio's copy of the product is at (absent when the
   * product is not on the event shelf). An edit sends it back as `eventRevision`.
   */
  eventRevision: z.number().int().positive().optional(),
});
export type ProductDetail = z.infer<typeof ProductDetailSchema>;

export const SearchInputSchema = z.strictObject({
  query: text(100).default(''),
  city: text(40).optional(),
  county: text(40).optional(),
  category: text(80).optional(),
  platform: PlatformSchema.optional(),
  inStock: z.boolean().optional(),
  statuses: z.array(ProductStatusSchema).max(3).optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(1000).default(200),
});
export type SearchInput = z.output<typeof SearchInputSchema>;

export const SearchResultSchema = z.object({
  total: z.number().int().nonnegative(),
  items: z.array(ProductSchema),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const FacetsSchema = z.object({
  cities: z.array(z.object({ city: z.string(), counties: z.array(z.string()) })),
  categories: z.array(z.string()),
  total: z.number().int().nonnegative(),
});

export const UndoTicketSchema = z.object({
  /** Pass to `shelf.undo` to restore what this action changed. */
  undoToken: z.string(),
  count: z.number().int().nonnegative(),
});
export type UndoTicket = z.infer<typeof UndoTicketSchema>;

export const BulkChangeSchema = z
  .strictObject({
    category: text(80).optional(),
    status: ProductStatusSchema.optional(),
    /** Live price × (100 + percent) / 100, rounded to the fen. */
    livePricePercent: z.number().int().min(-90).max(500).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'nothing to change' });

export const ShowInputSchema = z.strictObject({
  title: text(200).min(1),
  showDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  platforms: z.array(PlatformSchema).max(5).default([]),
  notes: text(4000).default(''),
});

export const ShowPatchSchema = z.strictObject({
  id: IdSchema,
  title: text(200).min(1).optional(),
  showDate: ShowInputSchema.shape.showDate.optional(),
  platforms: z.array(PlatformSchema).max(5).optional(),
  notes: text(4000).optional(),
});

export const SlotInputSchema = z.strictObject({
  productId: IdSchema,
  presenterName: text(80).default(''),
  presenterTitle: text(80).default(''),
  presenterCounty: text(40).default(''),
  /** The lower third's tag (主播, 嘉宾, 县长 …); '' for the default (see `presenterRoleOf`). */
  presenterRole: text(40).default(''),
  plannedSeconds: z.number().int().nonnegative().max(86_400).default(300),
  cameraPreset: text(80).default(''),
  livePriceOverrideFen: price.nullable().default(null),
  notes: text(4000).default(''),
});
export type SlotInput = z.output<typeof SlotInputSchema>;
export const SlotPatchSchema = z.strictObject({
  productId: IdSchema.optional(),
  presenterName: text(80).optional(),
  presenterTitle: text(80).optional(),
  presenterCounty: text(40).optional(),
  presenterRole: text(40).optional(),
  plannedSeconds: z.number().int().nonnegative().max(86_400).optional(),
  cameraPreset: text(80).optional(),
  livePriceOverrideFen: price.nullable().optional(),
  notes: text(4000).optional(),
});
export type SlotPatch = z.output<typeof SlotPatchSchema>;

export const RundownEntrySchema = RundownSlotSchema.extend({
  product: ProductSchema,
  listings: z.array(ListingSchema),
});
export type RundownEntry = z.infer<typeof RundownEntrySchema>;

export const RundownSchema = z.object({ show: ShowSchema, slots: z.array(RundownEntrySchema) });
export type Rundown = z.infer<typeof RundownSchema>;

export const OnAirResultSchema = z.object({ show: ShowSchema, onAirSlotId: IdSchema.nullable() });

export const FileFormatSchema = z.enum(['csv', 'xlsx']);
export type FileFormat = z.infer<typeof FileFormatSchema>;

/** A file travels as base64 inside the call (the console accepts frames up to 16 MiB). */
export const FileUploadSchema = z.strictObject({
  fileName: text(255).min(1),
  contentBase64: z.string().max(16 * 1024 * 1024),
});

export const FileDownloadSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  contentBase64: z.string(),
});

export const ImportFieldSchema = z.enum([
  'outerSku',
  'nameZh',
  'nameEn',
  'nameUg',
  'sellingPoints',
  'category',
  'originProvince',
  'originCity',
  'originCounty',
  'specification',
  'unit',
  'listPrice',
  'livePrice',
  'stock',
  'status',
  'kuaishouItemId',
  'kuaishouSkuIds',
  'kuaishouCartLink',
  'douyinItemId',
  'douyinSkuIds',
  'douyinCartLink',
  'jdItemId',
  'jdSkuIds',
  'jdCartLink',
  'taobaoItemId',
  'taobaoSkuIds',
  'taobaoCartLink',
]);
export type ImportField = z.infer<typeof ImportFieldSchema>;

/** Field → column index in the file (0-based); fields left out are not imported. */
export const ColumnMappingSchema = z.partialRecord(ImportFieldSchema, z.number().int().nonnegative());
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** Above this, a file goes by upload (POST /api/upload, or the desktop bridge) and is named by its id. */
export const INLINE_FILE_MAX = 16 * 1024 * 1024;
/** The largest import file (see the upload store in the core). */
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

/** An import file: small ones may travel inline (scripts); large ones are uploaded first. */
export const ImportSourceSchema = z.strictObject({
  fileName: text(255).min(1),
  contentBase64: z.string().max(INLINE_FILE_MAX).optional(),
  /** What the upload answered: `{ uploadId }`. Exactly one of contentBase64 and uploadId. */
  uploadId: z
    .string()
    .regex(/^[0-9a-f-]{36}$/)
    .optional(),
});

export const UploadReceiptSchema = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
});
export type UploadReceipt = z.infer<typeof UploadReceiptSchema>;

export const ImportOptionsSchema = ImportSourceSchema.extend({
  encoding: z.enum(['auto', 'utf-8', 'gbk']).default('auto'),
  /** Omitted: recognise the headers. */
  mapping: ColumnMappingSchema.optional(),
  /** How a row finds the product it updates: the outer SKU code, or name + specification. */
  matchKey: z.enum(['outerSku', 'nameAndSpec']).default('outerSku'),
});

/** One problem in an import file: where (file, row, column) and why (an i18n key with params). */
export const ImportIssueSchema = z.object({
  file: z.string(),
  /** Spreadsheet row number as the operator sees it (the header is row 1); 0 for the whole file. */
  row: z.number().int().nonnegative(),
  /** Header text of the column, '' for the whole row or file. */
  column: z.string(),
  field: ImportFieldSchema.nullable(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

/** How many rows or cells one reason (an issue key) hits in one column. */
export const ImportIssueCountSchema = z.object({
  severity: z.enum(['error', 'warning']),
  key: z.string(),
  /** Header text as written in the file; '' for the whole row. */
  column: z.string(),
  count: z.number().int().positive(),
});
export type ImportIssueCount = z.infer<typeof ImportIssueCountSchema>;

export const ImportPreviewSchema = z.object({
  fileName: z.string(),
  encoding: z.string(),
  /** The XLSX sheet read (null for CSV) and the row its header is on; rows above are titles. */
  sheet: z.string().nullable(),
  headerRow: z.number().int().nonnegative(),
  /** Rows not counted as data: blank, totals (合计/总计/小计) and title rows above the header. */
  skipped: z.object({
    blank: z.number().int().nonnegative(),
    totals: z.number().int().nonnegative(),
    title: z.number().int().nonnegative(),
  }),
  headers: z.array(z.string()),
  mapping: ColumnMappingSchema,
  /** Problems with the file as a whole (unreadable, missing required columns). */
  fileIssues: z.array(ImportIssueSchema),
  rows: z.array(
    z.object({
      row: z.number().int().positive(),
      cells: z.array(z.string()),
      action: z.enum(['create', 'update', 'skip']),
      /** Errors: the row is not imported. */
      issues: z.array(ImportIssueSchema),
      /** Warnings: the row is imported as it is. */
      warnings: z.array(ImportIssueSchema),
    }),
  ),
  /** Every error and warning of the file counted by reason and column (rows carry at most some). */
  issueCounts: z.array(ImportIssueCountSchema),
  totals: z.object({
    rows: z.number().int().nonnegative(),
    valid: z.number().int().nonnegative(),
    invalid: z.number().int().nonnegative(),
    /** Valid rows with a warning. */
    warned: z.number().int().nonnegative(),
    creates: z.number().int().nonnegative(),
    updates: z.number().int().nonnegative(),
  }),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  productIds: z.array(IdSchema),
  /** Takes the whole import back (created products removed, updated ones restored) via shelf.undo. */
  undoToken: z.string(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportJobSchema = z.object({ jobId: z.string() });

/** A background import (or its undo) moving on: rows read from the file, rows written so far. */
export const ImportProgressSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['import', 'undo']),
  phase: z.enum(['reading', 'writing', 'undoing']),
  rowsRead: z.number().int().nonnegative(),
  rowsWritten: z.number().int().nonnegative(),
  /** Rows to write (known once the file is read; 0 before). */
  rowsTotal: z.number().int().nonnegative(),
});
export type ImportProgress = z.infer<typeof ImportProgressSchema>;

/** How a background import (or undo) ended; a cancelled or failed import leaves nothing written. */
export const ImportFinishedSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['import', 'undo']),
  outcome: z.enum(['done', 'failed', 'cancelled']),
  result: ImportResultSchema.nullable(),
  /** An undo job: the products it changed back. */
  undone: z.object({ productIds: z.array(IdSchema) }).nullable(),
  error: ApiErrorSchema.nullable(),
});
export type ImportFinished = z.infer<typeof ImportFinishedSchema>;
