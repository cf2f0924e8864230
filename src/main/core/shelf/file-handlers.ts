import type { Handlers } from '../api/dispatcher';
import { ApiFailure } from '@shared/api/errors';
import { loadDemoWorkspace } from './demo/load-demo';
import { readProductImage, saveProductImage } from './product-images';
import { readRundown } from './rundown-handlers';
import type { ShelfContext } from './shelf-context';
import { recordUndo } from './shelf-undo';
import { readTable, UnreadableFileError } from './import/read-table';
import { exportRundown, rundownSlotsFrom } from './import/rundown-file';
import { exportShelf } from './import/shelf-export';
import { failureOf } from './import/import-service';
import { actorOf, checkPriceChange, showOpen } from './price-guard';
import type { SlotInput } from '@shared/api/domains/shelf';
import type { PriceRisk } from '@shared/api/domains/shelf-price';
import { formatFen } from '@shared/format/money';

type FileOps =
  | 'shelf.addImage'
  | 'shelf.image'
  | 'shelf.importPreview'
  | 'shelf.importApply'
  | 'shelf.importStart'
  | 'shelf.importCancel'
  | 'shelf.importUndo'
  | 'shelf.export'
  | 'shelf.loadDemo'
  | 'rundown.export'
  | 'rundown.import';

const stamp = () => new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');

/** Files in and out of the shelf: import, export, images and the demo workspace. */
export function fileHandlers(s: ShelfContext): Pick<Handlers, FileOps> {
  const tx = <T>(fn: () => T): T => s.db().transaction(fn)();
  return {
    'shelf.addImage': ({ productId, fileName, contentBase64, thumbnailBase64 }) => {
      if (!s.products.row(productId))
        throw new ApiFailure('not_found', `product ${productId} not found`, {
          key: 'shelf:errors.productNotFound',
          params: { id: productId },
        });
      const image = saveProductImage(
        s,
        productId,
        fileName,
        Buffer.from(contentBase64, 'base64'),
        thumbnailBase64 === undefined ? undefined : Buffer.from(thumbnailBase64, 'base64'),
      );
      s.shelf.announceChanged([productId]);
      return image;
    },
    'shelf.image': ({ id }) => readProductImage(s, id),
    'shelf.importPreview': (input) => s.imports.preview(input),
    // The one-call form (scripts, small files): the same background job, awaited.
    'shelf.importApply': async (input, c) => {
      const end = await s.imports.start(input, actorOf(c)).done;
      if (end.result) return end.result;
      throw failureOf(end);
    },
    'shelf.importStart': (input, c) => ({ jobId: s.imports.start(input, actorOf(c)).jobId }),
    'shelf.importCancel': ({ jobId }) => ({ cancelling: s.imports.cancel(jobId) }),
    'shelf.importUndo': ({ undoToken }) => ({ jobId: s.imports.startUndo(undoToken).jobId }),
    'shelf.export': ({ format }) => exportShelf(s.db(), format, stamp()),
    'shelf.loadDemo': () => {
      const result = loadDemoWorkspace(s);
      for (const show of s.rundowns.listShows()) s.rundownChanged(show.id);
      return result;
    },
    'rundown.export': ({ showId, format }) => exportRundown(readRundown(s, showId), format),
    'rundown.import': async ({ showId, fileName, contentBase64 }, c) => {
      s.rundowns.showRow(showId);
      let table;
      try {
        table = await readTable(fileName, Buffer.from(contentBase64, 'base64'), 'auto');
      } catch (err) {
        if (err instanceof UnreadableFileError) {
          throw new ApiFailure('conflict', `${fileName} cannot be read`, {
            key: `shelf:import.issue.file_${err.reason}`,
            params: { file: fileName },
          });
        }
        throw err;
      }
      const { slots, issues } = rundownSlotsFrom(fileName, table, (outerSku, nameZh) =>
        outerSku ? s.products.findForImport('outerSku', outerSku, '', '')?.id : s.products.findByName(nameZh),
      );
      const first = issues[0];
      if (first) {
        throw new ApiFailure(
          'conflict',
          `${issues.length} problems in ${fileName}; the rundown is unchanged`,
          {
            key: 'shelf:import.errors.rundownRow',
            params: {
              file: fileName,
              row: first.row,
              column: first.column,
              count: issues.length,
              value: String(first.params.value ?? ''),
            },
          },
        );
      }
      const { undoToken, onAirBefore } = tx(() => {
        const extras = s.undoExtras.capture({
          showIds: [],
          slotIds: s.rundowns.slots(showId).map((r) => r.id),
        });
        // The slots' prices go through the price guard and into the audit log, like an edit.
        const { value: before } = s.prices.during('import', actorOf(c), () => {
          const changes = rundownPriceChanges(s, showId, slots);
          const risky = changes.filter((ch) => ch.reasons.length > 0);
          const first = risky[0];
          if (first && showOpen(s.db()))
            throw new ApiFailure('conflict', `${risky.length} suspicious slot prices while a show is open`, {
              key: 'shelf:onair2.rundownPriceRefused',
              params: {
                count: risky.length,
                row: first.index + 2,
                name: first.name,
                old: formatFen(first.oldFen),
                new: formatFen(first.newFen),
                reason: first.reasons.join(','),
                why: first.reasons[0]!,
              },
            });
          const before = s.rundowns.replaceSlots(showId, slots);
          const inserted = s.rundowns.slots(showId);
          for (const ch of changes) {
            const slot = inserted[ch.index]!;
            s.prices.logInsertedOverride(slot.id, showId, slot.productId, ch.oldFen, ch.newFen);
            // The rundown is made with this price: no "changed since the rundown was made" warning.
            s.prices.acknowledge(slot.id);
          }
          return before;
        });
        return {
          undoToken: recordUndo(s.undo, 'replaceRundown', { showId, ...before, extras }),
          onAirBefore: before.onAirSlotId,
        };
      });
      if (onAirBefore !== null) s.studio.events.emit('rundown.onAirChanged', { showId, slotId: null });
      s.rundownChanged(showId);
      return { ...readRundown(s, showId), undoToken };
    },
  };
}

/**
 * The slot prices a rundown import changes: each imported slot with a price override, against the
 * price the customer saw for that product in this show until now (its old slot's override, else
 * the product's live price). Unchanged prices are no change. `index`: the slot's place in the file.
 */
function rundownPriceChanges(
  s: ShelfContext,
  showId: number,
  slots: readonly SlotInput[],
): { index: number; name: string; oldFen: number; newFen: number; reasons: PriceRisk[] }[] {
  const before = new Map<number, number>();
  for (const old of s.rundowns.slots(showId))
    if (old.livePriceOverrideFen !== null && !before.has(old.productId))
      before.set(old.productId, old.livePriceOverrideFen);
  const out = [];
  for (const [index, slot] of slots.entries()) {
    const newFen = slot.livePriceOverrideFen;
    const product = s.products.row(slot.productId);
    if (newFen === null || !product) continue;
    const oldFen = before.get(slot.productId) ?? product.live_price_fen;
    if (newFen === oldFen) continue;
    const reasons = checkPriceChange({ oldFen, newFen, listFen: product.list_price_fen });
    out.push({ index, name: product.name_zh, oldFen, newFen, reasons });
  }
  return out;
}
