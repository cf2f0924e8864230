import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '@shared/api/domains/obs';
import { useCountdown } from './use-obs';

/** "Connected · OBS 29.0.2 · obs-websocket 5.1.0", "Retrying in 3 s", with the reason. */
export function ConnectionStatusText({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation('obs');
  const seconds = useCountdown(status.state === 'retrying' ? status.retryAt : null);
  const text =
    status.state === 'connected'
      ? t('state.connected', { obs: status.obsVersion ?? '', ws: status.websocketVersion ?? '' })
      : status.state === 'retrying'
        ? t('state.retrying', { seconds })
        : t(`state.${status.state}`);
  return (
    <span
      className={`obs-status obs-status-${status.state}`}
      data-testid="obs-status"
      data-state={status.state}
    >
      <span className="dot" aria-hidden="true" />
      <span>{text}</span>
      {status.reason && status.state !== 'connected' && (
        <span className="obs-reason" data-reason={status.reason}>
          {t('connections.reason', { reason: t(`reason.${status.reason}`) })}
        </span>
      )}
      {status.state !== 'connected' && status.attempt > 1 && (
        <span className="obs-attempt">{t('connections.attempts', { attempt: status.attempt })}</span>
      )}
    </span>
  );
}
