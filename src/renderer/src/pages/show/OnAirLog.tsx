import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '@shared/api/domains/showday';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { actorText, detailText } from '@shared/showday/on-air-log-text';
import { beijingClock } from '@shared/time/beijing';

/** Beijing time, as every other time of the show (the computer's own zone may be anything). */
const clock = (at: number) => beijingClock(at, true);

/** The on-air log of a show, newest first, live. */
export function OnAirLog({ showId }: { showId: number }) {
  const { t } = useTranslation('showday');
  const api = useApi();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  useOnConnected(() => {
    void api.show.log({ showId, limit: 100 }).then((r) => r.ok && setEntries(r.value.entries));
  });
  useStudioEvent('show.logged', (e) => e.showId === showId && setEntries((old) => [e, ...old].slice(0, 100)));
  return (
    <section className="on-air-log" data-testid="on-air-log">
      <h3>{t('show.log')}</h3>
      {entries.length === 0 && <p className="muted">{t('log.nothing')}</p>}
      <ol>
        {entries.map((e) => (
          <li key={e.id} data-action={e.action}>
            <time dir="ltr">{clock(e.at)}</time> {t(`log.${e.action}`)} {detailText(e, t)}{' '}
            <span className="muted" data-actor={e.actor}>
              {actorText(e.actor, t)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
