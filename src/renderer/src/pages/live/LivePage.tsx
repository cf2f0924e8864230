import { useTranslation } from 'react-i18next';
import type { Rundown } from '@shared/api/domains/shelf';
import { ok, type Result } from '@shared/api/errors';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { ShowPicker } from '../../components/ShowPicker';
import { useAction } from '../../data/use-action';
import { useLiveQuery } from '../../data/use-live-query';
import { useShows } from '../../data/use-shows';
import { CountdownControls } from '../../components/CountdownControls';
import { OverlayPreview } from '../../components/OverlayPreview';
import { useOverlayState } from '../../data/use-overlay-state';
import { useLiveKeys } from './use-live-keys';
import '../../components/overlay-controls.css';

// Key caps come from the physical key codes the shortcuts listen to.
const liveKeys = [
  ['KeyN', 'live.keyNext'],
  ['KeyP', 'live.keyPrevious'],
  ['KeyS', 'live.keyCard'],
  ['KeyC', 'live.keyCountdown'],
] as const;

/** Live: walk the rundown; the product card and the countdown follow the on-air slot. */
export function LivePage() {
  const { t } = useTranslation('overlays');
  const api = useApi();
  const { state, error: overlayError, run } = useOverlayState();
  const { shows } = useShows();
  const showId = state?.look.showId ?? null;
  // The look's show's rundown, keyed by the show: a read for another show is never shown.
  const loaded = useLiveQuery<Rundown | null>(
    (a) => (showId === null ? Promise.resolve(ok(null)) : a.rundown.get({ showId })),
    {
      'rundown.onAirChanged': (e) => e.showId === showId,
      'rundown.changed': (e) => e.showId === showId,
    },
    { key: showId ?? '' },
  );
  const rundown = loaded.data ?? null;
  const action = useAction();
  const check = <T,>(p: Promise<Result<T>>) => action.run(() => p);
  const error = action.error ?? loaded.error;
  const cardUp = state?.productCard.visible ?? false;
  const toggleCard = () => {
    if (showId === null) return;
    if (cardUp) void run(() => api.overlays.setVisible({ overlay: 'product-card', visible: false }));
    else void run(() => api.overlays.followOnAir({ showId, visible: true }));
  };
  const next = () => showId !== null && void check(api.rundown.next({ showId }));
  const previous = () => showId !== null && void check(api.rundown.previous({ showId }));
  const countdownKey = () => {
    const c = state?.countdown;
    if (!c) return;
    const productId = state.productCard.product?.id ?? null;
    if (c.status === 'running') void run(() => api.overlays.countdown({ action: 'pause' }));
    else if (c.status === 'paused') void run(() => api.overlays.countdown({ action: 'resume' }));
    else void run(() => api.overlays.countdown({ action: 'start', seconds: 300, productId }));
  };
  useLiveKeys({ KeyN: next, KeyP: previous, KeyS: toggleCard, KeyC: countdownKey });

  // A rundown loaded for another show is not shown.
  const shown = rundown && rundown.show.id === showId ? rundown : null;
  const onAirId = shown?.show.onAirSlotId ?? null;
  return (
    <section className="page" data-testid="page-live">
      <header className="page-header">
        <h1>{t('live.title')}</h1>
        <p>{t('live.description')}</p>
      </header>
      {(error ?? overlayError) && <ApiErrorText error={(error ?? overlayError)!} />}
      <div className="ovp-look">
        <label>
          {t('page.showLabel')}
          <ShowPicker
            shows={shows}
            value={showId}
            testId="live-show"
            none={{ label: t('page.noShow') }}
            onChange={(id) => void run(() => api.overlays.setLook({ showId: id }))}
          />
        </label>
        <button type="button" onClick={previous} disabled={showId === null} data-testid="live-previous">
          {t('live.previous')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={next}
          disabled={showId === null}
          data-testid="live-next"
        >
          {t('live.next')}
        </button>
        <button
          type="button"
          className={cardUp ? 'danger' : 'primary'}
          onClick={toggleCard}
          disabled={showId === null}
          data-testid="live-card"
        >
          {cardUp ? t('live.hideCard') : t('live.showCard')}
        </button>
      </div>
      <p className="live-keys">
        {liveKeys.map(([code, label]) => (
          <span key={code}>
            <kbd>{code.slice(3)}</kbd>
            {t(label)}{' '}
          </span>
        ))}
      </p>
      <div className="live-layout">
        <ol className="live-rundown" data-testid="live-rundown">
          {shown?.slots.map((s) => (
            <li key={s.id} data-on-air={s.id === onAirId}>
              <button
                type="button"
                onClick={() => showId !== null && void check(api.rundown.setOnAir({ showId, slotId: s.id }))}
              >
                {s.position + 1}
              </button>
              <span>{s.product.nameZh}</span>
              {s.id === onAirId && <strong>{t('live.onAir')}</strong>}
            </li>
          ))}
          {showId !== null && shown?.slots.length === 0 && <li>{t('live.emptyRundown')}</li>}
          {showId === null && <li>{t('live.chooseShow')}</li>}
        </ol>
        {state && (
          <div>
            <OverlayPreview id="product-card" state={state} scale={0.3} />
            <CountdownControls state={state} run={run} compact />
            <OverlayPreview id="countdown" state={state} scale={0.3} />
          </div>
        )}
      </div>
    </section>
  );
}
