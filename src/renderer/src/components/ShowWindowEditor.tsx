import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Show } from '@shared/api/domains/shelf';
import { beijingText, fromBeijingInput, toBeijingInput } from '@shared/time/beijing';
import { useApi } from '../api/studio-api';
import { useAction } from '../data/use-action';
import { ApiErrorText } from './ApiErrorText';
import { BeijingTimeInput, Field } from './Field';

const inputOf = (ms: number | null) => (ms === null ? '' : toBeijingInput(ms));

/** Where the show stands: not started, on air since, or on air from–to (Beijing time). */
export function ShowWindowStatus({ show }: { show: Pick<Show, 'onAirFrom' | 'onAirTo'> }) {
  const { t } = useTranslation('showday');
  const state = show.onAirFrom === null ? 'none' : show.onAirTo === null ? 'open' : 'closed';
  return (
    <span className="muted" data-testid="show-window-status" data-state={state}>
      {show.onAirFrom === null
        ? t('showWindow.notStarted')
        : show.onAirTo === null
          ? t('showWindow.onAirSince', { from: beijingText(show.onAirFrom) })
          : t('showWindow.onAirWas', { from: beijingText(show.onAirFrom), to: beijingText(show.onAirTo) })}
    </span>
  );
}

/**
 * A show's date and on-air window, edited in Beijing time. Saving the window re-attributes the
 * show's orders (the core says how many lines moved); a window that overlaps another show's is
 * refused with that show's name. Mount it keyed by the show's id: when the stored values change
 * (saved here, GO, end show), the fields follow them.
 */
export function ShowWindowEditor({ show }: { show: Show }) {
  const { t } = useTranslation('showday');
  const { t: ts } = useTranslation('shelf');
  const api = useApi();
  const [date, setDate] = useState(show.showDate);
  const [from, setFrom] = useState(inputOf(show.onAirFrom));
  const [to, setTo] = useState(inputOf(show.onAirTo));
  const { error, setError, run } = useAction();
  const [saved, setSaved] = useState<number | null>(null);
  // The stored values changed: the fields show them (React's "adjust state while rendering").
  const stored = `${show.showDate}|${show.onAirFrom}|${show.onAirTo}`;
  const [shown, setShown] = useState(stored);
  if (shown !== stored) {
    setShown(stored);
    setDate(show.showDate);
    setFrom(inputOf(show.onAirFrom));
    setTo(inputOf(show.onAirTo));
  }

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const fromMs = from === '' ? null : fromBeijingInput(from);
    const toMs = to === '' ? null : fromBeijingInput(to);
    if (
      (from !== '' && fromMs === null) ||
      (to !== '' && toMs === null) ||
      (fromMs === null && toMs !== null)
    ) {
      setError({ code: 'bad_request', message: 'not a time', key: 'showday:showWindow.errors.notATime' });
      return;
    }
    if (fromMs === null && show.onAirFrom !== null && !window.confirm(t('showWindow.confirmClear'))) return;
    if (date !== show.showDate && !(await run(() => api.shows.update({ id: show.id, showDate: date }))))
      return;
    const done = await run(() =>
      api.show.setWindow({ showId: show.id, from: fromMs, to: fromMs === null ? null : toMs }),
    );
    if (done) setSaved(done.moved);
  };

  return (
    <form
      className="toolbar show-window-editor"
      data-testid="show-window-editor"
      onSubmit={(e) => void save(e)}
    >
      <Field className="field" label={ts('rundown.newDate')}>
        <input
          type="date"
          data-testid="show-window-date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </Field>
      <fieldset>
        <legend>{t('showWindow.window')}</legend>
        <Field className="field" label={t('showWindow.from')}>
          <BeijingTimeInput testId="show-window-from" value={from} onChange={setFrom} />
        </Field>
        <Field className="field" label={t('showWindow.to')}>
          <BeijingTimeInput testId="show-window-to" value={to} onChange={setTo} />
        </Field>
      </fieldset>
      <button type="submit" data-testid="show-window-save">
        {t('showWindow.save')}
      </button>
      {saved !== null && (
        <span role="status" data-testid="show-window-saved">
          {t('showWindow.saved', { moved: saved })}
        </span>
      )}
      {error && <ApiErrorText error={error} />}
    </form>
  );
}
