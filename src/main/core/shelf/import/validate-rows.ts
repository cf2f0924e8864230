import type {
  ColumnMapping,
  ImportField,
  ImportIssue,
  ListingInput,
  Platform,
  ProductInput,
  ProductStatus,
} from '@shared/api/domains/shelf';
import { PRODUCT_NAME_MAX } from '../../db/migrations/0630-product-long-names';
import { readMoney, readStock, trimText, type Read } from './cell-rules';
import { formatFen, parseCartLink } from './money';
import type { Table, TableRow } from './read-table';

export interface ParsedRow {
  row: number;
  cells: string[];
  product: ProductInput | null;
  listings: ListingInput[];
  /** Errors: the row is not imported. */
  issues: ImportIssue[];
  /** Warnings: the row is valid and imported as it is (live above list price, long name). */
  warnings: ImportIssue[];
  /** Fields whose cell is empty: absent, so an update keeps the stored value (list price). */
  keep?: (keyof ProductInput)[];
  /** The product this row updates, when one matches. */
  existingId: number | null;
}

export interface RowLookups {
  /** The product a row updates under the chosen match key. */
  findProduct(outerSku: string | null, nameZh: string, spec: string): number | undefined;
  /** Which product owns a platform listing already. */
  listingOwner(platform: Platform, itemId: string): number | undefined;
}

/** Columns a file must have; the outer code is the key a re-import matches on. */
export const requiredFields = (matchKey: 'outerSku' | 'nameAndSpec'): readonly ImportField[] =>
  matchKey === 'outerSku' ? ['nameZh', 'livePrice', 'outerSku'] : ['nameZh', 'livePrice'];
/** Names longer than this are stored whole, with a warning (they crowd the overlays). */
export const NAME_WARN_LENGTH = 60;
const RULES = 'shelf:importRules.issue.';
const LISTING_PLATFORMS = ['kuaishou', 'douyin', 'jd', 'taobao'] as const;
const STATUS_WORDS: Record<string, ProductStatus> = {
  draft: 'draft',
  草稿: 'draft',
  ready: 'ready',
  就绪: 'ready',
  在售: 'ready',
  上架: 'ready',
  archived: 'archived',
  已归档: 'archived',
  归档: 'archived',
  下架: 'archived',
};
const LIMITS: Partial<Record<ImportField, number>> = {
  outerSku: 80,
  nameZh: PRODUCT_NAME_MAX, // the product table's limit; a warning from 60 on
  nameEn: 200,
  nameUg: 200,
  sellingPoints: 4000,
  category: 80,
  originProvince: 40,
  originCity: 40,
  originCounty: 40,
  specification: 120,
  unit: 20,
};

/** Problems with the file as a whole: required columns not mapped. */
export function missingColumns(
  fileName: string,
  mapping: ColumnMapping,
  matchKey: 'outerSku' | 'nameAndSpec' = 'outerSku',
): ImportIssue[] {
  return requiredFields(matchKey)
    .filter((f) => mapping[f] === undefined)
    .map((field) => ({
      file: fileName,
      row: 0,
      column: '',
      field,
      key: 'shelf:import.issue.missingColumn',
      params: { field },
    }));
}

/**
 * Turns each data row into a product and its listings, or says what is wrong where: file, row,
 * column (as headed in the file) and a translatable reason. Rows repeating an earlier row's match
 * key are errors: which of the two is right is the operator's call.
 */
export function validateRows(
  fileName: string,
  table: Table,
  mapping: ColumnMapping,
  matchKey: 'outerSku' | 'nameAndSpec',
  lookups: RowLookups,
): ParsedRow[] {
  return table.rows.map(rowValidator(fileName, table, mapping, matchKey, lookups));
}

/**
 * `validateRows` one row at a time, in file order: the validator remembers the match keys and
 * listings of the rows before (for duplicates), nothing else. A new validator starts a new pass.
 */
export function rowValidator(
  fileName: string,
  table: Pick<Table, 'headers'>,
  mapping: ColumnMapping,
  matchKey: 'outerSku' | 'nameAndSpec',
  lookups: RowLookups,
): (row: TableRow) => ParsedRow {
  const seen = new Map<string, number>();
  const seenListings = new Map<string, number>();
  return ({ row, cells, values, unterminated }) => {
    const issues: ImportIssue[] = [];
    const warnings: ImportIssue[] = [];
    const make = (field: ImportField | null, key: string, params: ImportIssue['params']): ImportIssue => ({
      file: fileName,
      row,
      column: field !== null && mapping[field] !== undefined ? (table.headers[mapping[field]] ?? '') : '',
      field,
      key: key.includes(':') ? key : `shelf:import.issue.${key}`,
      params,
    });
    const issue = (field: ImportField | null, key: string, params: ImportIssue['params'] = {}) =>
      issues.push(make(field, key, params));
    const warn = (field: ImportField | null, key: string, params: ImportIssue['params'] = {}) =>
      warnings.push(make(field, key, params));
    if (unterminated) {
      issue(null, `${RULES}unterminated_quote`, { line: unterminated.line });
      return { row, cells, product: null, listings: [], issues, warnings, existingId: null };
    }
    const cell = (field: ImportField): string => {
      const i = mapping[field];
      return i === undefined ? '' : trimText(cells[i] ?? '');
    };
    const valueOf = (field: ImportField) => {
      const i = mapping[field];
      return i === undefined ? undefined : values?.[i];
    };
    const reported = <T>(field: ImportField, read: Read<T>): T | null => {
      if (read.ok) return read.value;
      issue(field, `${RULES}${read.reason}`, { value: read.value });
      return null;
    };
    const textOf = (field: ImportField): string => {
      const v = cell(field);
      const max = LIMITS[field];
      if (max !== undefined && v.length > max && Array.from(v).length > max) issue(field, 'tooLong', { max });
      return v;
    };

    const nameZh = textOf('nameZh');
    if (nameZh === '') issue('nameZh', 'required');
    else if (nameZh.length > NAME_WARN_LENGTH && Array.from(nameZh).length > NAME_WARN_LENGTH)
      warn('nameZh', `${RULES}name_too_long`, { length: Array.from(nameZh).length, max: NAME_WARN_LENGTH });
    const livePriceText = cell('livePrice');
    const livePriceFen =
      livePriceText === '' ? null : reported('livePrice', readMoney(livePriceText, valueOf('livePrice')));
    if (livePriceText === '') issue('livePrice', 'required');
    const listPriceText = cell('listPrice');
    const listPriceFen =
      listPriceText === ''
        ? livePriceFen
        : reported('listPrice', readMoney(listPriceText, valueOf('listPrice')));
    if (listPriceText !== '' && livePriceFen !== null && listPriceFen !== null && livePriceFen > listPriceFen)
      warn('livePrice', `${RULES}live_above_list`, {
        live: formatFen(livePriceFen),
        list: formatFen(listPriceFen),
      });
    const stockText = cell('stock');
    const stock = stockText === '' ? 0 : reported('stock', readStock(stockText, valueOf('stock')));
    const statusText = cell('status');
    const status = statusText === '' ? 'ready' : STATUS_WORDS[statusText.toLowerCase()];
    if (!status) issue('status', 'badStatus', { value: statusText });
    const outerSku = textOf('outerSku') || null;
    if (outerSku === null && matchKey === 'outerSku') issue('outerSku', `${RULES}missing_code`);
    const specification = textOf('specification');
    const texts = {
      nameEn: textOf('nameEn') || null,
      nameUg: textOf('nameUg') || null,
      sellingPoints: textOf('sellingPoints'),
      category: textOf('category'),
      originProvince: textOf('originProvince'),
      originCity: textOf('originCity'),
      originCounty: textOf('originCounty'),
      unit: textOf('unit'),
    };

    const listings: ListingInput[] = [];
    for (const platform of LISTING_PLATFORMS) {
      const itemId = cell(`${platform}ItemId`);
      const skuText = cell(`${platform}SkuIds`);
      const linkText = cell(`${platform}CartLink`);
      if (itemId === '') {
        if (skuText !== '' || linkText !== '') issue(`${platform}ItemId`, 'required');
        continue;
      }
      if (!/^[0-9A-Za-z_-]{1,80}$/.test(itemId)) issue(`${platform}ItemId`, 'badId', { value: itemId });
      const skuIds = skuText === '' ? [] : skuText.split(/[|,;，；\s]+/).filter(Boolean);
      for (const sku of skuIds) {
        if (!/^[0-9A-Za-z_-]{1,80}$/.test(sku)) issue(`${platform}SkuIds`, 'badId', { value: sku });
      }
      const cartLinkNo = linkText === '' ? null : parseCartLink(linkText);
      if (linkText !== '' && cartLinkNo === null)
        issue(`${platform}CartLink`, 'badCartLink', { value: linkText });
      listings.push({
        platform,
        platformLabel: '',
        shopId: '',
        itemId,
        skuIds,
        outerSku: outerSku ?? '',
        cartLinkNo,
      });
    }

    const key = matchKey === 'outerSku' ? outerSku : nameZh === '' ? null : `${nameZh}\u0000${specification}`;
    if (key !== null) {
      const first = seen.get(key);
      if (first !== undefined)
        issue(matchKey === 'outerSku' ? 'outerSku' : null, `${RULES}duplicate_key`, { first });
      else seen.set(key, row);
    }
    const existingId = nameZh === '' ? null : (lookups.findProduct(outerSku, nameZh, specification) ?? null);
    for (const l of listings) {
      const idField = `${l.platform as (typeof LISTING_PLATFORMS)[number]}ItemId` as const;
      const owner = lookups.listingOwner(l.platform, l.itemId);
      const listingKey = `${l.platform}:${l.itemId}`;
      const firstRow = seenListings.get(listingKey);
      if (owner !== undefined && owner !== existingId) {
        issue(idField, 'listingTaken', { value: l.itemId });
      } else if (firstRow !== undefined) {
        issue(idField, 'duplicateListing', { value: l.itemId, first: firstRow });
      } else seenListings.set(listingKey, row);
    }

    const product: ProductInput | null =
      issues.length > 0
        ? null
        : {
            nameZh,
            ...texts,
            specification,
            listPriceFen: listPriceFen!,
            livePriceFen: livePriceFen!,
            stock: stock!,
            status: status!,
            outerSku,
          };
    const keep: (keyof ProductInput)[] = listPriceText === '' ? ['listPriceFen'] : [];
    return { row, cells, product, listings, issues, warnings, existingId, keep };
  };
}
