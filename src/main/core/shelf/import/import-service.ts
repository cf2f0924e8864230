import type {
  ColumnMapping,
  ImportField,
  ImportPreview,
  ImportResult,
  Listing,
  ListingInput,
  ProductInput,
  ProductPatch,
} from '@shared/api/domains/shelf';
import { ApiFailure } from '@shared/api/errors';
import type { ProductSnapshot, ProductStore } from '../product-store';
import { importPreviewOf, parseImportFile, type ParsedImport } from './parse-import';
import type { ParsedRow } from './validate-rows';

export interface ImportRequest {
  fileName: string;
  contentBase64: string;
  encoding: 'auto' | 'utf-8' | 'gbk';
  mapping?: ColumnMapping | undefined;
  matchKey: 'outerSku' | 'nameAndSpec';
}

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

type Analysis = ParsedImport;

/** CSV/XLSX import: preview (nothing written) and apply (one transaction, all or nothing). */
export class ShelfImporter {
  constructor(
    private readonly products: ProductStore,
    private readonly transaction: <T>(fn: () => T) => T,
    /** Stores what the import changed and returns the undo token (inside the transaction). */
    private readonly recordUndo: (payload: { created: number[]; updated: ProductSnapshot[] }) => string,
  ) {}

  async preview(req: ImportRequest): Promise<ImportPreview> {
    return importPreviewOf(await this.analyse(req));
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
            patchOf(r.product, a.mapping, r.keep),
            mergeListings(this.products, r, a.mapping),
          );
          result.productIds.push(r.existingId);
          result.updated++;
        }
      }
      return { ...result, undoToken: this.recordUndo(undo) };
    });
  }

  private analyse(req: ImportRequest): Promise<Analysis> {
    return parseImportFile(
      {
        fileName: req.fileName,
        bytes: Buffer.from(req.contentBase64, 'base64'),
        encoding: req.encoding,
        mapping: req.mapping,
        matchKey: req.matchKey,
      },
      {
        findProduct: (outerSku, nameZh, spec) =>
          this.products.findForImport(req.matchKey, outerSku, nameZh, spec)?.id,
        listingOwner: (platform, itemId) => this.products.listingOwner(platform, itemId),
      },
    );
  }
}

/**
 * Only the mapped columns change an existing product: a file without a stock column keeps stock,
 * and a row whose list price cell is empty (absent) keeps the stored list price.
 */
function patchOf(
  product: ProductInput,
  mapping: ColumnMapping,
  keep: readonly (keyof ProductInput)[] = [],
): ProductPatch {
  const patch: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(PRODUCT_FIELDS) as [ImportField, keyof ProductInput][]) {
    if (mapping[field] !== undefined && !keep.includes(key)) patch[key] = product[key];
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
