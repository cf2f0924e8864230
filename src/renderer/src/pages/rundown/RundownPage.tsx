import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePicker } from '../../components/FilePicker';
import type { Rundown, RundownEntry } from '@shared/api/domains/shelf';
import type { ApiError } from '@shared/api/errors';
import { beijingDate } from '@shared/time/beijing';
import { useApi, useStudioEvent } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { ShowPicker } from '../../components/ShowPicker';
import { useShows } from '../../data/use-shows';
import { downloadFile } from '../../lib/download';
import { fileToBase64 } from '../../lib/files';
import { keyBelongsToField, useKeydown } from '../../lib/keys';
import { useCoalesced } from '../../data/use-coalesced';
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
  const [loaded, setRundown] = useState<Rundown>();
  const rundown = loaded && loaded.show.id === showId ? loaded : undefined;
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const [error, setError] = useState<ApiError>();
  // Shows are dated in Beijing time: at 01:00 in Beijing the UTC date is still yesterday.
  const [newShow, setNewShow] = useState(() => ({ title: '', showDate: beijingDate(Date.now()) }));

  const loadRundown = useCallback(() => {
    if (showId === null) return;
    void api.rundown.get({ showId }).then((r) => (r.ok ? setRundown(r.value) : setError(r.error)));
  }, [api, showId]);
  useEffect(loadRundown, [loadRundown]);
  useStudioEvent('rundown.changed', (e) => e.showId === showId && loadRundown());
  useStudioEvent('rundown.onAirChanged', (e) => e.showId === showId && loadRundown());
  const reloadSoon = useCoalesced(loadRundown, 400);
  useStudioEvent('shelf.changed', (e) => {
    if (loaded?.slots.some((slot) => e.productIds.includes(slot.productId))) reloadSoon();
  });

  const result = (r: { ok: true; value: Rundown } | { ok: false; error: ApiError }) =>
    r.ok ? (setRundown(r.value), setError(undefined)) : setError(r.error);
  const move = async (slotId: number, toPosition: number) => {
    setSelectedId(slotId);
    result(await api.rundown.moveSlot({ slotId, toPosition }));
  };
  const onAir = async (call: Promise<{ ok: boolean; error?: ApiError }>) => {
    const r = await call;
    if (!r.ok) setError(r.error);
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
    const r = await api.rundown.removeSlot({ slotId: slot.id });
    if (!r.ok) return setError(r.error);
    setSelectedId(null);
    setUndo({ undoToken: r.value.undoToken, message: t('rundown.removed', { name: slot.product.nameZh }) });
  };
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.shows.create(newShow);
    if (!r.ok) return setError(r.error);
    setShowId(r.value.id);
    setNewShow({ ...newShow, title: '' });
  };
  const deleteShow = async () => {
    if (!rundown || !window.confirm(t('rundown.deleteShowConfirm', { title: rundown.show.title }))) return;
    const r = await api.shows.delete({ id: rundown.show.id });
    if (!r.ok) return setError(r.error);
    setShowId(null);
    setUndo({
      undoToken: r.value.undoToken,
      message: t('rundown.showDeleted', { title: rundown.show.title }),
    });
  };

  const importRundown = async (file: File | undefined, input: HTMLInputElement) => {
    if (!file || !rundown) return;
    const r = await api.rundown.import({
      showId: rundown.show.id,
      fileName: file.name,
      contentBase64: await fileToBase64(file),
    });
    input.value = '';
    if (!r.ok) return setError(r.error);
    setRundown(r.value);
    setError(undefined);
    setUndo({
      undoToken: r.value.undoToken,
      message: t('rundown.imported', { count: r.value.slots.length }),
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
                void api.rundown
                  .addSlot({ showId: rundown.show.id, productId: p.id })
                  .then((r) => (r.ok ? loadRundown() : setError(r.error)))
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
            void api.shelf.undo({ undoToken: undo.undoToken }).then((r) => {
              if (!r.ok) setError(r.error);
              loadShows();
              loadRundown();
            });
          }}
        />
      )}
    </section>
  );
}
