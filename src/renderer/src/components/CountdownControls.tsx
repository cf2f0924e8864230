import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountdownCommand } from '@shared/api/domains/overlays';
import type { OverlayState } from '@shared/overlays/overlay-state';
import { useApi } from '../api/studio-api';
import type { useOverlayState } from '../data/use-overlay-state';

type Run = ReturnType<typeof useOverlayState>['run'];

/** Flash-sale countdown: length, start (for the card's product), pause/resume, add time, end. */
export function CountdownControls({
  state,
  run,
  compact = false,
}: {
  state: OverlayState;
  run: Run;
  compact?: boolean;
}) {
  const { t } = useTranslation('overlays');
  const api = useApi();
  const [minutes, setMinutes] = useState(5);
  const c = state.countdown;
  const send = (cmd: CountdownCommand) => void run(() => api.overlays.countdown(cmd));
  const productId = state.productCard.product?.id ?? null;
  return (
    <div className="ovp-controls" data-testid="countdown-controls">
      {!compact && (
        <label>
          {t('page.minutes')}
          <input
            type="number"
            min={1}
            max={120}
            value={minutes}
            onChange={(e) => setMinutes(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
      )}
      <button
        type="button"
        className="primary"
        data-testid="countdown-start"
        onClick={() => send({ action: 'start', seconds: minutes * 60, productId, endOnSoldOut: true })}
      >
        {t('page.countdownStart')}
      </button>
      {c.status === 'running' && (
        <button type="button" onClick={() => send({ action: 'pause' })}>
          {t('page.countdownPause')}
        </button>
      )}
      {c.status === 'paused' && (
        <button type="button" onClick={() => send({ action: 'resume' })}>
          {t('page.countdownResume')}
        </button>
      )}
      {(c.status === 'running' || c.status === 'paused') && (
        <>
          <button type="button" onClick={() => send({ action: 'addTime', seconds: 30 })}>
            {t('page.countdownAdd30')}
          </button>
          <button type="button" className="danger" onClick={() => send({ action: 'end' })}>
            {t('page.countdownEnd')}
          </button>
        </>
      )}
      <span className="ovp-hint">{t(`page.countdownStatus.${c.status}`)}</span>
    </div>
  );
}
