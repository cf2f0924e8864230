import type {
  ColumnMapping,
  ImportField,
  ImportIssue,
  ImportPreview,
  ImportResult,
  Listing,
  ListingInput,
  ProductInput,
  ProductPatch,
} from '@shared/api/domains/shelf';
import { ApiFailure } from '@shared/api/errors';
import type { ProductSnapshot, ProductStore } from '../product-store';
import { recogniseColumns } from './columns';
import { readTable, UnreadableFileError, type Table } from './read-table';
import { missingColumns, validateRows, type ParsedRow } from './validate-rows';

export interface ImportRequest {
  fileName: string;
  contentBase64: string;
  encoding: 'auto' | 'utf-8' | 'gbk';
  mapping?: ColumnMapping | undefined;
  matchKey: 'outerSku' | 'nameAndSpec';
}

/** How many rows the preview carries besides every error row; the totals always count them all. */
const PREVIEW_ROWS = 200;
const PREVIEW_ERROR_ROWS = 1000;

const PRODUCT_FIELDS: Partial<Record<ImportField, keyof ProductInput>> = {
  outerSku: 'outerSku',
  nameZh: 'nameZh',
  nameEn: 'nameEn',
  nameUg: 'nameUg',
  sellingPoints: 'sellingPoints',
  category: 'category',
  originProvince: 'originProvince',
  originCity: 'originCity',
  originCounty: 'originCounty',
  specification: 'specification',
  unit: 'unit',
  listPrice: 'listPriceFen',
  livePrice: 'livePriceFen',
  stock: 'stock',
  status: 'status',
};

interface Analysis {
  table: Table | null;
  mapping: ColumnMapping;
  fileIssues: ImportIssue[];
  rows: ParsedRow[];
}

/** CSV/XLSX import: preview (nothing written) and apply (one transaction, all or nothing). */
export class ShelfImporter {
  constructor(
    private readonly products: ProductStore,
    private readonly transaction: <T>(fn: () => T) => T,
    /** Stores what the import changed and returns the undo token (inside the transaction). */
    private readonly recordUndo: (payload: { created: number[]; updated: ProductSnapshot[] }) => string,
  ) {}

  async preview(req: ImportRequest): Promise<ImportPreview> {
    const a = await this.analyse(req);
    const errorRows = a.rows.filter((r) => r.issues.length > 0).slice(0, PREVIEW_ERROR_ROWS);
    const shown = new Set([...a.rows.slice(0, PREVIEW_ROWS), ...errorRows]);
    return {
      fileName: req.fileName,
      encoding: a.table?.encoding ?? '',
      headers: a.table?.headers ?? [],
      mapping: a.mapping,
      fileIssues: a.fileIssues,
      rows: a.rows
        .filter((r) => shown.has(r))
        .map((r) => ({
          row: r.row,
          cells: r.cells,
          action: r.issues.length > 0 ? 'skip' : r.existingId === null ? 'create' : 'update',
          issues: r.issues,
        })),
      totals: totals(a.rows),
    };
  }

  /** Writes every valid row; refuses (writing nothing) if any row is bad, unless `validOnly`. */
  async apply(req: ImportRequest & { validOnly: boolean }): Promise<ImportResult> {
    const a = await this.analyse(req);
    const bad = a.rows.filter((r) => r.issues.length > 0).length;
    if (a.fileIssues.length > 0) {
      throw new ApiFailure('conflict', `${req.fileName} cannot be imported`, {
        key: a.fileIssues[0]!.key,
        params: { ...a.fileIssues[0]!.params, file: req.fileName },
      });
    }
    if (bad > 0 && !req.validOnly) {
      throw new ApiFailure('conflict', `${bad} rows of ${req.fileName} have errors; nothing was imported`, {
        key: 'shelf:import.errors.invalidRows',
        params: { count: bad, file: req.fileName },
      });
    }
    return this.transaction(() => {
      const result: Omit<ImportResult, 'undoToken'> = {
        created: 0,
        updated: 0,
        skipped: bad,
        productIds: [],
      };
      const undo = { created: [] as number[], updated: [] as ProductSnapshot[] };
      for (const r of a.rows) {
        if (!r.product) continue;
        if (r.existingId === null) {
          const id = this.products.create(r.product, r.listings);
          undo.created.push(id);
          result.productIds.push(id);
          result.created++;
        } else {
          undo.updated.push(this.products.snapshot(r.existingId)!);
          this.products.update(
            r.existingId,
            patchOf(r.product, a.mapping),
            mergeListings(this.products, r, a.mapping),
          );
          result.productIds.push(r.existingId);
          result.updated++;
        }
      }
      return { ...result, undoToken: this.recordUndo(undo) };
    });
  }

  private async analyse(req: ImportRequest): Promise<Analysis> {
    let table: Table;
    try {
      table = await readTable(req.fileName, Buffer.from(req.contentBase64, 'base64'), req.encoding);
    } catch (err) {
      if (!(err instanceof UnreadableFileError)) throw err;
      const issue: ImportIssue = {
        file: req.fileName,
        row: 0,
        column: '',
        field: null,
        key: `shelf:import.issue.file_${err.reason}`,
        params: {},
      };
      return { table: null, mapping: {}, fileIssues: [issue], rows: [] };
    }
    const mapping = req.mapping ?? recogniseColumns(table.headers);
    const fileIssues = missingColumns(req.fileName, mapping);
    if (fileIssues.length > 0) return { table, mapping, fileIssues, rows: [] };
    const rows = validateRows(req.fileName, table, mapping, req.matchKey, {
      findProduct: (outerSku, nameZh, spec) =>
        this.products.findForImport(req.matchKey, outerSku, nameZh, spec)?.id,
      listingOwner: (platform, itemId) => this.products.listingOwner(platform, itemId),
    });
    return { table, mapping, fileIssues, rows };
  }
}

function totals(rows: ParsedRow[]): ImportPreview['totals'] {
  const valid = rows.filter((r) => r.issues.length === 0);
  return {
    rows: rows.length,
    valid: valid.length,
    invalid: rows.length - valid.length,
    creates: valid.filter((r) => r.existingId === null).length,
    updates: valid.filter((r) => r.existingId !== null).length,
  };
}

/** Only the mapped columns change an existing product: a file without a stock column keeps stock. */
function patchOf(product: ProductInput, mapping: ColumnMapping): ProductPatch {
  const patch: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(PRODUCT_FIELDS) as [ImportField, keyof ProductInput][]) {
    if (mapping[field] !== undefined) patch[key] = product[key];
  }
  return patch as ProductPatch;
}

/**
 * The listings an updated product ends up with. The file carries one listing per platform (the
 * first, as the export writes it): that one is replaced by the row's, keeping its shop id, label
 * and outer SKU when the item id is unchanged; other listings, and platforms the file has no
 * columns for, stay as they were.
 */
function mergeListings(products: ProductStore, r: ParsedRow, mapping: ColumnMapping): ListingInput[] {
  const existing = products.detail(r.existingId!)?.listings ?? [];
  const inFile = (platform: string) => mapping[`${platform as 'jd'}ItemId`] !== undefined;
  const platforms = [...new Set([...existing.map((l) => l.platform), ...r.listings.map((l) => l.platform)])];
  return platforms.flatMap((platform) => {
    const mine = existing.filter((l) => l.platform === platform).map(listingInput);
    if (!inFile(platform)) return mine;
    const [first, ...rest] = mine;
    const row = r.listings.find((l) => l.platform === platform);
    if (!row) return rest;
    const kept =
      first && first.itemId === row.itemId
        ? {
            ...row,
            shopId: first.shopId,
            platformLabel: first.platformLabel,
            outerSku: first.outerSku,
          }
        : row;
    return [kept, ...rest];
  });
}

const listingInput = ({
  platform,
  platformLabel,
  shopId,
  itemId,
  skuIds,
  outerSku,
  cartLinkNo,
}: Listing): ListingInput => ({
  platform,
  platformLabel,
  shopId,
  itemId,
  skuIds,
  outerSku,
  cartLinkNo,
});
