import { useTranslation } from 'react-i18next';
import type { Health } from '@shared/api/domains/obs';

/** Live OBS figures; warnings past the thresholds are listed first. */
export function HealthPanel({ health }: { health: Health | null }) {
  const { t } = useTranslation('obs');
  return (
    <section className="card obs-health" aria-labelledby="obs-health-title" data-testid="obs-health">
      <h2 id="obs-health-title">{t('health.title')}</h2>
      {!health ? (
        <p className="help">{t('health.noData')}</p>
      ) : (
        <>
          {health.warnings.length === 0 ? (
            <p className="notice">{t('health.ok')}</p>
          ) : (
            <ul className="obs-warnings" data-testid="obs-health-warnings">
              {health.warnings.map((w) => (
                <li key={w.code} className="warning" data-code={w.code}>
                  {t(`health.warning.${w.code}`, w.params)}
                </li>
              ))}
            </ul>
          )}
          <dl className="facts obs-facts" dir="auto">
            <dt>{t('health.fps')}</dt>
            <dd dir="ltr">
              {t('health.fpsValue', { fps: health.activeFps.toFixed(1), target: health.targetFps ?? '?' })}
            </dd>
            <dt>{t('health.cpu')}</dt>
            <dd dir="ltr">{t('units.percent', { value: health.cpuPercent.toFixed(1) })}</dd>
            <dt>{t('health.memory')}</dt>
            <dd dir="ltr">{t('units.mb', { value: Math.round(health.memoryMb) })}</dd>
            <dt>{t('health.disk')}</dt>
            <dd dir="ltr">{t('units.gb', { value: (health.diskFreeMb / 1024).toFixed(1) })}</dd>
            <dt>{t('health.renderSkipped')}</dt>
            <dd dir="ltr">
              {health.renderSkippedFrames} / {health.renderTotalFrames}
            </dd>
            <dt>{t('health.outputSkipped')}</dt>
            <dd dir="ltr">
              {health.outputSkippedFrames} / {health.outputTotalFrames}
            </dd>
            {health.streamCongestion !== null && (
              <>
                <dt>{t('health.congestion')}</dt>
                <dd dir="ltr">{t('units.percent', { value: Math.round(health.streamCongestion * 100) })}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
