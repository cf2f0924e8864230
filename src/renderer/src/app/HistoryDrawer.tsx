import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UndoHistoryEntry } from '@shared/api/domains/shelf';
import { beijingClock } from '@shared/showday/on-air-clock';
import { useApi, useStudioEvent } from '../api/studio-api';
import { ApiErrorText } from '../components/ApiErrorText';
import { useAction } from '../data/use-action';

/**
 * The undo history, one button away on every page: every destructive shelf and rundown action
 * that can still be taken back (kept in the core, so leaving a page or restarting loses nothing).
 */
export function HistoryDrawer() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<UndoHistoryEntry[]>([]);
  const { error, setError, run } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(() => {
    void api.shelf.history().then((r) => (r.ok ? setEntries(r.value.entries) : setError(r.error)));
  }, [api, setError]);
  useEffect(() => {
    if (open) load();
  }, [open, load]);
  // New deletes (and undos elsewhere) show up while the drawer is open.
  useStudioEvent('shelf.changed', () => open && load());
  useStudioEvent('rundown.changed', () => open && load());
  const what = (e: UndoHistoryEntry) =>
    i18n.exists(`onair2.history.kind.${e.kind}`)
      ? t(`onair2.history.kind.${e.kind}`, e.params)
      : t('onair2.history.kind.other');
  const undo = async (e: UndoHistoryEntry) => {
    if (!(await run(() => api.shelf.undo({ undoToken: e.token })))) return;
    setDone(what(e));
    load();
  };
  return (
    <>
      <button
        type="button"
        className="history-open"
        aria-expanded={open}
        aria-controls="history-drawer"
        data-testid="history-open"
        onClick={() => setOpen((o) => !o)}
      >
        {t('onair2.history.open')}
      </button>
      {open && (
        <aside
          id="history-drawer"
          className="history-drawer card"
          aria-label={t('onair2.history.title')}
          data-testid="history-drawer"
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setOpen(false))}
        >
          <header>
            <h2>{t('onair2.history.title')}</h2>
            <button type="button" data-testid="history-close" onClick={() => setOpen(false)}>
              {t('onair2.history.close')}
            </button>
          </header>
          <p className="muted">{t('onair2.history.hint')}</p>
          {done && (
            <p role="status" className="notice" data-testid="history-done">
              {t('onair2.history.undone', { what: done })}
            </p>
          )}
          {error && <ApiErrorText error={error} />}
          {entries.length === 0 ? (
            <p className="muted">{t('onair2.history.empty')}</p>
          ) : (
            <ol className="history-list">
              {entries.map((e) => (
                <li key={e.token} data-testid="history-entry" data-kind={e.kind}>
                  <time dateTime={new Date(e.at).toISOString()} dir="ltr">
                    {beijingClock(e.at)}
                  </time>
                  <span>{what(e)}</span>
                  <button
                    type="button"
                    className="primary"
                    data-testid="history-undo"
                    onClick={() => void undo(e)}
                  >
                    {t('onair2.history.undo')}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </aside>
      )}
    </>
  );
}
