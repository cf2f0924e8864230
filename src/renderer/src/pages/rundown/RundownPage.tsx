import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePicker } from '../../components/FilePicker';
import type { Rundown, RundownEntry } from '@shared/api/domains/shelf';
import { ok, type Result } from '@shared/api/errors';
import { beijingDate } from '@shared/time/beijing';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { ShowPicker } from '../../components/ShowPicker';
import { useAction } from '../../data/use-action';
import { useLiveQuery } from '../../data/use-live-query';
import { useShows } from '../../data/use-shows';
import { downloadFile } from '../../lib/download';
import { fileToBase64 } from '../../lib/files';
import { keyBelongsToField, useKeydown } from '../../lib/keys';
import { ShowWindowEditor } from '../../components/ShowWindowEditor';
import { UndoBar, type UndoOffer } from '../../components/UndoBar';
import { AddSlot } from './AddSlot';
import { RundownBoard } from './RundownBoard';
import { SlotDetails } from './SlotDetails';
import './rundown.css';

/** A show's rundown: order, presenters, on-air slot; the same data the Live page drives. */
export function RundownPage() {
  const { t } = useTranslation('shelf');
  const { t: tc } = useTranslation();
  const api = useApi();
  const { shows, reload: loadShows } = useShows();
  const [showId, setShowId] = useState<number | null>(null);
  // Each new list of shows: the picked show stays if it is still there, else the first one.
  const [listed, setListed] = useState(shows);
  if (listed !== shows) {
    setListed(shows);
    setShowId((id) => (id !== null && shows.some((s) => s.id === id) ? id : (shows[0]?.id ?? null)));
  }
  // The show's rundown, keyed by the show; an order sync announces stock many times a second, so
  // reloads for a burst of shelf changes share one read (at most one per 400 ms).
  const query = useLiveQuery<Rundown | null>(
    (a) => (showId === null ? Promise.resolve(ok(null)) : a.rundown.get({ showId })),
    {
      'rundown.changed': (e) => e.showId === showId,
      'rundown.onAirChanged': (e) => e.showId === showId,
      'shelf.changed': (e): boolean => !!loaded?.slots.some((slot) => e.productIds.includes(slot.productId)),
    },
    { key: showId ?? '', throttleMs: 400 },
  );
  const loaded = query.data ?? undefined;
  const rundown = loaded && loaded.show.id === showId ? loaded : undefined;
  const setRundown = (r: Rundown) => query.setData(() => r);
  const loadRundown = query.reload;
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const action = useAction();
  const { run } = action;
  const error = action.error ?? query.error;
  // Shows are dated in Beijing time: at 01:00 in Beijing the UTC date is still yesterday.
  const [newShow, setNewShow] = useState(() => ({ title: '', showDate: beijingDate(Date.now()) }));

  const move = async (slotId: number, toPosition: number) => {
    setSelectedId(slotId);
    const moved = await run(() => api.rundown.moveSlot({ slotId, toPosition }));
    if (moved) setRundown(moved);
  };
  const onAir = async <T,>(call: Promise<Result<T>>) => {
    await run(() => call);
    loadRundown();
  };
  const remove = async (slot: RundownEntry) => {
    // Every delete asks first; the answer says where to take it back (the history, from any page).
    if (
      !window.confirm(
        t('onair2.removeSlotConfirm', { name: slot.product.nameZh, position: slot.position + 1 }),
      )
    )
      return;
    const removed = await run(() => api.rundown.removeSlot({ slotId: slot.id }));
    if (!removed) return;
    setSelectedId(null);
    setUndo({ undoToken: removed.undoToken, message: t('rundown.removed', { name: slot.product.nameZh }) });
  };
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const made = await run(() => api.shows.create(newShow));
    if (!made) return;
    setShowId(made.id);
    setNewShow({ ...newShow, title: '' });
  };
  const deleteShow = async () => {
    if (!rundown || !window.confirm(t('rundown.deleteShowConfirm', { title: rundown.show.title }))) return;
    const deleted = await run(() => api.shows.delete({ id: rundown.show.id }));
    if (!deleted) return;
    setShowId(null);
    setUndo({
      undoToken: deleted.undoToken,
      message: t('rundown.showDeleted', { title: rundown.show.title }),
    });
  };

  const importRundown = async (file: File | undefined, input: HTMLInputElement) => {
    if (!file || !rundown) return;
    const contentBase64 = await fileToBase64(file);
    const imported = await run(() =>
      api.rundown.import({ showId: rundown.show.id, fileName: file.name, contentBase64 }),
    );
    input.value = '';
    if (!imported) return;
    setRundown(imported);
    setUndo({
      undoToken: imported.undoToken,
      message: t('rundown.imported', { count: imported.slots.length }),
    });
  };

  // Next / previous from anywhere on the page, except while typing.
  useKeydown((e) => {
    if (showId === null || keyBelongsToField(e.target, { selects: true })) return;
    if (e.key === 'PageDown') void onAir(api.rundown.next({ showId }));
    else if (e.key === 'PageUp') void onAir(api.rundown.previous({ showId }));
    else return;
    e.preventDefault();
  });

  const selected = rundown?.slots.find((s) => s.id === selectedId);
  return (
    <section className="page rundown-page" data-testid="page-rundown">
      <header className="page-header">
        <h1>{tc('page.rundown.title')}</h1>
        <p>{tc('page.rundown.description')}</p>
      </header>
      <div className="toolbar">
        <ShowPicker
          shows={shows}
          ariaLabel={t('rundown.show')}
          testId="show-select"
          value={showId}
          none={shows.length === 0 ? { label: t('rundown.noShows') } : undefined}
          onChange={(id) => setShowId(id)}
        />
        {rundown && (
          <>
            <button
              type="button"
              onClick={() => void onAir(api.rundown.previous({ showId: rundown.show.id }))}
              aria-keyshortcuts="PageUp"
              data-testid="rundown-previous"
            >
              {t('rundown.previous')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void onAir(api.rundown.next({ showId: rundown.show.id }))}
              aria-keyshortcuts="PageDown"
              data-testid="rundown-next"
            >
              {t('rundown.next')}
            </button>
            <button
              type="button"
              onClick={() => void onAir(api.rundown.setOnAir({ showId: rundown.show.id, slotId: null }))}
            >
              {t('rundown.clearOnAir')}
            </button>
            <button
              type="button"
              onClick={() =>
                void api.rundown
                  .export({ showId: rundown.show.id, format: 'xlsx' })
                  .then((r) => r.ok && downloadFile(r.value))
              }
            >
              {t('actions.exportXlsx')}
            </button>
            <button
              type="button"
              onClick={() =>
                void api.rundown
                  .export({ showId: rundown.show.id, format: 'csv' })
                  .then((r) => r.ok && downloadFile(r.value))
              }
            >
              {t('actions.exportCsv')}
            </button>
            <FilePicker
              label={t('rundown.importFile')}
              accept=".csv,.xlsx"
              data-testid="rundown-import"
              onChange={(e) => void importRundown(e.target.files?.[0], e.target)}
            />
            <button
              type="button"
              className="danger"
              data-testid="delete-show"
              onClick={() => void deleteShow()}
            >
              {t('rundown.deleteShow')}
            </button>
          </>
        )}
      </div>
      {rundown && <ShowWindowEditor key={rundown.show.id} show={rundown.show} />}
      <form className="toolbar" onSubmit={(e) => void create(e)}>
        <input
          aria-label={t('rundown.newTitle')}
          placeholder={t('rundown.newTitle')}
          value={newShow.title}
          onChange={(e) => setNewShow({ ...newShow, title: e.target.value })}
        />
        <input
          type="date"
          aria-label={t('rundown.newDate')}
          value={newShow.showDate}
          onChange={(e) => setNewShow({ ...newShow, showDate: e.target.value })}
        />
        <button type="submit" disabled={newShow.title.trim() === ''}>
          {t('rundown.createShow')}
        </button>
      </form>
      {error && <ApiErrorText error={error} />}
      {rundown && (
        <div className="rundown-layout">
          <div>
            <p className="help">{t('rundown.keyboardHelp')}</p>
            {rundown.slots.length === 0 ? (
              <div className="empty-state">{t('rundown.empty')}</div>
            ) : (
              <RundownBoard
                rundown={rundown}
                selectedId={selectedId}
                onSelect={setSelectedId}
                onMove={(id, to) => void move(id, to)}
                onOnAir={(id) => void onAir(api.rundown.setOnAir({ showId: rundown.show.id, slotId: id }))}
                onRemove={(slot) => void remove(slot)}
              />
            )}
          </div>
          <aside>
            {selected && (
              <SlotDetails key={selected.id} slot={selected} onRemove={() => void remove(selected)} />
            )}
            <AddSlot
              onAdd={(p) =>
                void run(() => api.rundown.addSlot({ showId: rundown.show.id, productId: p.id })).then(
                  (added) => added && loadRundown(),
                )
              }
            />
          </aside>
        </div>
      )}
      {undo && (
        <UndoBar
          offer={undo}
          onClose={() => setUndo(null)}
          onUndo={() => {
            setUndo(null);
            void run(() => api.shelf.undo({ undoToken: undo.undoToken })).then(() => {
              loadShows();
              loadRundown();
            });
          }}
        />
      )}
    </section>
  );
}
