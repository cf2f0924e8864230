import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { beijingClock, onAirTimer } from '@shared/showday/on-air-clock';
import type { ObsConnection } from '@shared/api/domains/obs';
import type { SalesFigures } from '@shared/api/domains/orders';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { ShowPicker } from '../../components/ShowPicker';
import { useShows } from '../../data/use-shows';
import { AlsoObsPicker, GoPrograms } from './AlsoObsPicker';
import { CompositePreviews } from './CompositePreview';
import { CueEditor } from './CueEditor';
import { CueList } from './CueList';
import { CuePreview } from './CuePreview';
import { OnAirLog } from './OnAirLog';
import { useOnAirConsole } from './use-on-air-console';
import { useShowKeys } from './use-show-keys';
import { useCoalesced } from '../../data/use-coalesced';
import { ShowWindowEditor, ShowWindowStatus } from '../../components/ShowWindowEditor';
import './show-page.css';

/** Show: the on-air console. Cue list, GO, standby preview, next/previous, the on-air log. */
export function ShowPage() {
  const { t } = useTranslation('showday');
  const api = useApi();
  const c = useOnAirConsole();
  const { shows } = useShows();
  const [obs, setObs] = useState<ObsConnection[]>([]);
  const loadObs = () => void api.obs.connections({}).then((r) => r.ok && setObs(r.value.connections));
  useOnConnected(loadObs);
  // An OBS added or renamed elsewhere: the picker follows (useShows does the same for shows).
  useStudioEvent('obs.connectionsChanged', loadObs);
  useStudioEvent('obs.status', ({ instanceId, status }) =>
    setObs((list) => list.map((o) => (o.id === instanceId ? { ...o, status } : o))),
  );
  const state = c.state;
  const ready = state?.showId != null;
  const onAir = state?.onAirFrom != null && state.onAirTo === null;
  // While a cue is on air the show and OBS pickers are locked; unlocking is an explicit step. (An
  // open window alone does not lock them: demo mode opens its show's window when it loads.)
  const live = state?.onAirSlotId != null;
  const [unlocked, setUnlocked] = useState(false);
  const locked = live && !unlocked;
  const picked = (e: { currentTarget: HTMLSelectElement }) => {
    e.currentTarget.blur();
    setUnlocked(false);
  };
  useShowKeys(
    {
      go: () => void c.go(),
      next: () => void c.next(),
      previous: () => void c.previous(),
      clear: () => void c.clear(),
      reapply: () => state?.obsMismatch && void c.reapply(),
    },
    ready,
  );
  const standbyId = c.plan?.cue.slotId ?? null;
  const current = shows.find((s) => s.id === state?.showId);
  const now = useNow();
  const onAirCue = c.cues.find((q) => q.slotId === state?.onAirSlotId);
  const timer =
    onAirCue && state?.lastGoAt != null ? onAirTimer(state.lastGoAt, now, onAirCue.plannedSeconds) : null;
  // The show's OBS is away: say so loudly, with what still works.
  const showObs = obs.find((o) => o.id === state?.obsInstanceId);
  const obsDown = ready && showObs !== undefined && showObs.status.state !== 'connected';
  const sold = useSoldUnits(state?.showId ?? null);
  const soldOutCue = state?.soldOut ? c.cues.find((q) => q.slotId === state.soldOut!.slotId) : undefined;

  return (
    <div className="show-page" data-testid="show-page">
      <div className="show-toolbar">
        <label className="field">
          <span>{t('show.chooseShow')}</span>
          <ShowPicker
            shows={shows}
            testId="show-select"
            disabled={locked}
            value={state?.showId ?? null}
            none={{ label: '—', disabled: true }}
            onChange={(id, e) => {
              if (id !== null) void c.select(id);
              picked(e);
            }}
          />
        </label>
        <label className="field">
          <span>{t('show.obsLabel')}</span>
          <select
            data-testid="show-obs"
            disabled={!ready || locked}
            value={state?.obsInstanceId ?? ''}
            onChange={(e) => {
              if (state?.showId) void c.select(state.showId, e.target.value ? Number(e.target.value) : null);
              picked(e);
            }}
          >
            <option value="">{t('show.obsNone')}</option>
            {obs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        {ready && state.obsInstanceId !== null && (
          <AlsoObsPicker
            obs={obs}
            state={state}
            disabled={locked}
            onChange={(also) => void c.select(state.showId!, state.obsInstanceId, also)}
          />
        )}
        {live && (
          <button
            type="button"
            data-testid="show-unlock"
            aria-pressed={unlocked}
            title={t('show.lockHint')}
            onClick={() => setUnlocked((u) => !u)}
          >
            {unlocked ? t('show.lock') : t('show.unlock')}
          </button>
        )}
        {ready && (
          <label className="field-inline" title={t('onAir.autoReapplyHint')}>
            <input
              type="checkbox"
              data-testid="show-auto-reapply"
              checked={state.autoReapply}
              onChange={(e) => void c.setAutoReapply(e.target.checked)}
            />{' '}
            {t('onAir.autoReapply')}
          </label>
        )}
        <button
          type="button"
          className="primary"
          disabled={!ready || onAir}
          title={t('showWindow.startHint')}
          data-testid="show-start"
          onClick={() => void c.start()}
        >
          {t('showWindow.start')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!ready}
          data-testid="show-end"
          onClick={() => window.confirm(t('show.endConfirm')) && void c.end()}
        >
          {t('show.end')}
        </button>
      </div>
      {ready && state && <ShowWindowStatus show={state} />}
      {current && <ShowWindowEditor key={current.id} show={current} />}
      {shows.length === 0 && <p className="muted">{t('show.noShows')}</p>}
      {shows.length > 0 && !ready && (
        <p className="empty-state" data-testid="show-pick-hint">
          {t('show.pickShow')}
        </p>
      )}
      <div className="on-air-clock" dir="ltr">
        <span data-testid="show-clock">{t('onAir.clock', { time: beijingClock(now) })}</span>
        {timer && (
          <span data-testid="show-timer" data-over={timer.over || undefined}>
            {t('onAir.timer', { elapsed: timer.elapsed, planned: timer.planned })}
          </span>
        )}
      </div>
      {c.error && <ApiErrorText error={c.error} />}
      {obsDown && (
        <div className="on-air-banner" role="alert" data-testid="obs-down-banner">
          <strong>{t('onAir.obsDown', { name: showObs.name })}</strong> {t('onAir.obsDownStill')}
        </div>
      )}
      {state?.obsMismatch && (
        <div className="on-air-banner" role="alert" data-testid="obs-mismatch">
          <strong>
            {t('onAir.mismatch', {
              program: state.obsMismatch.program ?? '—',
              expected: state.obsMismatch.expected,
            })}
          </strong>
          <button
            type="button"
            className="primary"
            data-testid="show-reapply"
            onClick={() => void c.reapply()}
          >
            {t('onAir.reapply')}
          </button>
        </div>
      )}
      {soldOutCue && (
        <div className="sold-out-prompt" role="alert" data-testid="sold-out-prompt">
          <strong>{t('show.soldOut', { name: soldOutCue.product.nameZh })}</strong>
          {c.plan && (
            <button type="button" className="primary" data-testid="sold-out-go" onClick={() => void c.go()}>
              {t('show.goNext', { name: c.plan.cue.product.nameZh })}
            </button>
          )}
        </div>
      )}
      {ready && state && (
        <div className="show-grid">
          <CueList
            cues={c.cues}
            state={state}
            standbySlotId={standbyId}
            onStandby={(id) => void c.standby(id)}
            sold={sold}
          />
          <div className="show-side">
            <div className="go-bar">
              <button type="button" data-testid="show-previous" onClick={() => void c.previous()}>
                {t('show.previous')}
              </button>
              <button
                type="button"
                className="go-button"
                data-testid="show-go"
                disabled={!c.plan}
                onClick={() => void c.go()}
              >
                {t('show.go')}
              </button>
              <button type="button" data-testid="show-next" onClick={() => void c.next()}>
                {t('show.next')}
              </button>
              <button type="button" data-testid="show-clear" onClick={() => void c.clear()}>
                {t('show.clear')}
              </button>
            </div>
            <p className="muted">{t('show.keys')}</p>
            {c.lastObs && (
              <p data-testid="last-go" data-obs={c.lastObs.state}>
                {t('show.lastGo', {
                  result: c.lastObs.key ? t(c.lastObs.key, c.lastObs.params) : t('obs.applied'),
                })}
              </p>
            )}
            {c.lastObs && <GoPrograms outcome={c.lastObs} />}
            <CuePreview plan={c.plan} />
            <CompositePreviews state={state} plan={c.plan} />
            <div className="cue-editor-slot">
              {c.plan && (
                <CueEditor
                  key={c.plan.cue.slotId}
                  cue={c.plan.cue}
                  onChange={(p) => void c.updateCue(c.plan!.cue.slotId, p)}
                  onRole={(role) => void c.setRole(c.plan!.cue.slotId, role)}
                />
              )}
            </div>
            <OnAirLog key={state.showId} showId={state.showId!} />
          </div>
        </div>
      )}
    </div>
  );
}

/** The time now, ticking every second, for the clock and the on-air timer. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/** Units sold per product in the show's on-air window, from the ledger; follows every figures change. */
function useSoldUnits(showId: number | null): ReadonlyMap<number, number> {
  const api = useApi();
  const [sold, setSold] = useState<{ showId: number; units: ReadonlyMap<number, number> } | null>(null);
  const apply = (f: SalesFigures) =>
    f.showId !== null &&
    setSold({ showId: f.showId, units: new Map(f.byProduct.map((p) => [p.productId, p.units])) });
  const load = () => {
    if (showId !== null) void api.orders.figures({ showId }).then((r) => r.ok && apply(r.value));
  };
  useEffect(load, [api, showId]);
  useOnConnected(load);
  // The live figures event is for all orders: the show's own figures are re-read, at most twice a second.
  const reload = useCoalesced(load, 500);
  useStudioEvent('orders.figuresChanged', (f) => (f.showId === showId ? apply(f) : reload()));
  return sold !== null && sold.showId === showId ? sold.units : NONE_SOLD;
}

const NONE_SOLD: ReadonlyMap<number, number> = new Map();
