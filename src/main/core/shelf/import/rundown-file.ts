import type { FileFormat, ImportIssue, Rundown, SlotInput } from '@shared/api/domains/shelf';
import { formatFen, parseCount, parseMoneyToFen } from './money';
import { normaliseHeader, recogniseColumns } from './columns';
import type { Table } from './read-table';
import { writeTable, type FileDownload } from './table-file';

type RundownField =
  | 'outerSku'
  | 'nameZh'
  | 'presenterName'
  | 'presenterTitle'
  | 'presenterCounty'
  | 'plannedSeconds'
  | 'cameraPreset'
  | 'priceOverride'
  | 'notes'
  | 'presenterRole';

/** Rundown columns: the header our export writes first, then other names people use. */
const RUNDOWN_COLUMNS: Record<Exclude<RundownField, 'outerSku' | 'nameZh'>, readonly string[]> = {
  presenterName: ['主播', '讲解人', '出镜人', 'presenter'],
  presenterTitle: ['头衔', '职务', 'title'],
  presenterCounty: ['主播所在县', '所在县', 'presenter county'],
  plannedSeconds: ['时长秒', '时长', 'seconds', 'duration'],
  cameraPreset: ['机位', '镜头', 'camera'],
  priceOverride: ['本场价', '直播价覆盖', 'price override'],
  notes: ['备注', 'notes'],
  // Last, so files written before it keep their column order.
  presenterRole: ['身份', '角色', 'role'],
};
const HEADERS = ['序号', '外部编码', '商品名称', ...Object.values(RUNDOWN_COLUMNS).map((names) => names[0]!)];

export async function exportRundown(rundown: Rundown, format: FileFormat): Promise<FileDownload> {
  const rows = rundown.slots.map((s) => [
    String(s.position + 1),
    s.product.outerSku ?? '',
    s.product.nameZh,
    s.presenterName,
    s.presenterTitle,
    s.presenterCounty,
    String(s.plannedSeconds),
    s.cameraPreset,
    s.livePriceOverrideFen === null ? '' : formatFen(s.livePriceOverrideFen),
    s.notes,
    s.presenterRole,
  ]);
  return writeTable(`rundown-${rundown.show.showDate}-${rundown.show.id}`, format, HEADERS, rows);
}

/**
 * Slots from a rundown file, in file order. Products are found by outer SKU code, else by exact
 * Chinese name; rows that name no product on the shelf are errors.
 */
export function rundownSlotsFrom(
  fileName: string,
  table: Table,
  findProduct: (outerSku: string, nameZh: string) => number | undefined,
): { slots: SlotInput[]; issues: ImportIssue[] } {
  const shelfMapping = recogniseColumns(table.headers);
  const headers = table.headers.map(normaliseHeader);
  const index: Partial<Record<RundownField, number>> = {
    outerSku: shelfMapping.outerSku,
    nameZh: shelfMapping.nameZh,
  };
  for (const [field, names] of Object.entries(RUNDOWN_COLUMNS)) {
    const i = headers.findIndex((h) => names.map(normaliseHeader).includes(h));
    if (i >= 0) index[field as RundownField] = i;
  }
  const issues: ImportIssue[] = [];
  if (index.outerSku === undefined && index.nameZh === undefined) {
    issues.push({
      file: fileName,
      row: 0,
      column: '',
      field: 'nameZh',
      key: 'shelf:import.issue.missingColumn',
      params: { field: 'nameZh' },
    });
    return { slots: [], issues };
  }
  const slots: SlotInput[] = [];
  for (const { row, cells } of table.rows) {
    const get = (f: RundownField) => (index[f] === undefined ? '' : (cells[index[f]] ?? '').trim());
    const at = (f: RundownField) => (index[f] === undefined ? '' : (table.headers[index[f]] ?? ''));
    const productId = findProduct(get('outerSku'), get('nameZh'));
    const rowIssues: ImportIssue[] = [];
    const issue = (f: RundownField, key: string, params: ImportIssue['params'] = {}) =>
      rowIssues.push({
        file: fileName,
        row,
        column: at(f),
        field: null,
        key: `shelf:import.issue.${key}`,
        params,
      });
    if (productId === undefined)
      issue(index.outerSku !== undefined ? 'outerSku' : 'nameZh', 'unknownProduct', {
        value: get('outerSku') || get('nameZh'),
      });
    const secondsText = get('plannedSeconds');
    const seconds = secondsText === '' ? 300 : parseCount(secondsText);
    if (seconds === null) issue('plannedSeconds', 'badStock', { value: secondsText });
    const priceText = get('priceOverride');
    const price = priceText === '' ? null : parseMoneyToFen(priceText);
    if (priceText !== '' && price === null) issue('priceOverride', 'badPrice', { value: priceText });
    issues.push(...rowIssues);
    if (rowIssues.length === 0) {
      slots.push({
        productId: productId!,
        presenterName: get('presenterName'),
        presenterTitle: get('presenterTitle'),
        presenterCounty: get('presenterCounty'),
        plannedSeconds: seconds!,
        cameraPreset: get('cameraPreset'),
        livePriceOverrideFen: price,
        notes: get('notes'),
        presenterRole: get('presenterRole').slice(0, 40),
      });
    }
  }
  return { slots, issues };
}
