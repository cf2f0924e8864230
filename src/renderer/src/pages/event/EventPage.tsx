import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventFigures } from '@shared/api/domains/event';
import { formatCount, formatYuan } from '@shared/format/money';
import { beijingClock } from '@shared/time/beijing';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';
import { useLiveQuery } from '../../data/use-live-query';

/** How often the big screen re-reads the event (booth heartbeats come every 2 s). */
const RELOAD_MS = 1_000;

/** Times on the event page are Beijing time, like every clock in the studio. */
const time = (ms: number | null) => (ms === null ? '—' : beijingClock(ms, true));

type Slice = EventFigures['byBooth'][number];

function SliceTable({ title, rows }: { title: string; rows: readonly Slice[] }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h3>{title}</h3>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('event.figures.gmv')}</th>
            <th>{t('event.figures.orders')}</th>
            <th>{t('event.figures.units')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key || '—'}</td>
              <td>{formatYuan(r.gmvFen)}</td>
              <td>{formatCount(r.orders)}</td>
              <td>{formatCount(r.units)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Minutes and seconds left of a countdown ending at `end`, as the booth's overlay shows it. */
const left = (end: number, now: number) => {
  const s = Math.max(0, Math.ceil((end - now) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * Each booth as the director follows it: what is on air and since when, a running flash sale's
 * time left, the GMV of its show, and when it was last heard (an unheard booth is marked offline).
 */
function BoothTable({ booths, now }: { booths: EventFigures['booths']; now: number }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="event-booths">
      <h3>{t('event.figures.booths')}</h3>
      {booths.length === 0 ? (
        <p className="empty">{t('eventLive.noBooths')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('eventLive.booth')}</th>
              <th>{t('eventLive.onAir')}</th>
              <th>{t('eventLive.since')}</th>
              <th>{t('eventLive.countdown')}</th>
              <th>{t('eventLive.showGmv')}</th>
              <th>{t('eventLive.heard')}</th>
            </tr>
          </thead>
          <tbody>
            {booths.map((b) => (
              <tr key={b.booth} className={b.online ? 'booth-online' : 'booth-offline'} data-booth={b.booth}>
                <td>{b.booth}</td>
                <td>
                  {b.onAir ? (
                    <>
                      {b.onAir.name} {b.onAir.code && <code>{b.onAir.code}</code>}
                    </>
                  ) : (
                    t('event.figures.nothingOnAir')
                  )}
                </td>
                <td>{b.onAirSince ? time(b.onAirSince) : '—'}</td>
                <td>
                  {b.countdownEnd === null
                    ? '—'
                    : b.countdownEnd > now
                      ? t('eventLive.countdownLeft', { left: left(b.countdownEnd, now) })
                      : t('eventLive.countdownOver')}
                </td>
                <td>{formatYuan(b.showGmvFen)}</td>
                <td>
                  {b.online ? (
                    <span className="pill ok">{t('event.figures.online')}</span>
                  ) : (
                    <span className="pill error">
                      {t('event.figures.lastHeard', { time: time(b.lastHeard) })}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Director: adds a booth while the event runs (its join link appears with the others). */
function AddBooth({ onAdded }: { onAdded(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [booth, setBooth] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const add = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const added = await add.run(() => api.event.addBooth({ booth }));
    if (!added) return;
    setMessage(t(added.added ? 'eventMore.boothAdded' : 'eventMore.boothKnown', { booth: added.booth }));
    setBooth('');
    onAdded();
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="event-add-booth">
      <h3>{t('eventMore.addBooth')}</h3>
      <label>
        <span>{t('eventMore.boothId')}</span>
        <input
          value={booth}
          dir="ltr"
          placeholder={t('eventMore.boothPlaceholder')}
          onChange={(e) => setBooth(e.target.value)}
          data-testid="event-booth-id"
        />
      </label>
      <button type="submit" disabled={booth.trim() === '' || add.busy}>
        {t('eventMore.add')}
      </button>
      {add.error && <ApiErrorText error={add.error} />}
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
    </form>
  );
}

/** The event's big screen: every booth together, and each booth's live state (director). */
export function EventPage() {
  const { t } = useTranslation();
  // Read on connect and every RELOAD_MS (no contract event says the event's figures moved).
  const statusQuery = useLiveQuery((api) => api.event.status({}), {});
  const figuresQuery = useLiveQuery((api) => api.event.figures({}), {});
  const { reload: reloadStatus } = statusQuery;
  const { reload: reloadFigures } = figuresQuery;
  useEffect(() => {
    const timer = setInterval(() => {
      reloadStatus();
      reloadFigures();
    }, RELOAD_MS);
    return () => clearInterval(timer);
  }, [reloadStatus, reloadFigures]);
  const status = statusQuery.data;
  const figures = figuresQuery.data;
  const error = figuresQuery.error;

  if (status && !status.running)
    return (
      <p className="empty" data-testid="page-event">
        {t('event.errors.notInEvent')}
      </p>
    );
  return (
    <div className="event-page" data-testid="page-event">
      <h2>
        {t('event.figures.title', { event: status?.eventId ?? '' })}{' '}
        <span className={status?.connected ? 'pill ok' : 'pill error'}>
          {status?.connected ? t('event.figures.linked') : t('event.figures.offline')}
        </span>
      </h2>
      {status && status.outbox > 0 && (
        <p className="warning">{t('event.figures.waiting', { count: status.outbox })}</p>
      )}
      {status && status.rejected > 0 && (
        <p className="error" role="alert" data-testid="event-rejected">
          {t('event.figures.rejected', { count: status.rejected, error: status.lastError ?? '' })}
        </p>
      )}
      {error && <ApiErrorText error={error} />}
      {figures && (
        <>
          <section className="card totals">
            <div>
              <strong>{formatYuan(figures.totals.gmvFen)}</strong> {t('event.figures.gmv')}
            </div>
            <div>
              <strong>{formatCount(figures.totals.orders)}</strong> {t('event.figures.orders')}
            </div>
            <div>
              <strong>{formatCount(figures.totals.units)}</strong> {t('event.figures.units')}
            </div>
          </section>
          <BoothTable booths={figures.booths} now={figures.at} />
          <SliceTable title={t('event.figures.byBooth')} rows={figures.byBooth} />
          <SliceTable title={t('event.figures.byCounty')} rows={figures.byCounty} />
          <SliceTable title={t('event.figures.byCity')} rows={figures.byCity} />
          <SliceTable title={t('event.figures.byPlatform')} rows={figures.byPlatform} />
          <SliceTable
            title={t('event.figures.top')}
            rows={figures.topProducts.map((p) => ({ ...p, key: `${p.name} (${p.key})` }))}
          />
        </>
      )}
      {status?.role === 'director' && <AddBooth onAdded={reloadStatus} />}
      {status && status.joins.length > 0 && (
        <section className="card">
          <h3>{t('event.figures.join')}</h3>
          {status.joins.map((j) => (
            <figure key={j.booth}>
              <img src={j.qr} alt={t('event.figures.qrOf', { booth: j.booth })} width={160} height={160} />
              <figcaption>
                {j.booth}: <code>{j.link}</code>
              </figcaption>
            </figure>
          ))}
        </section>
      )}
    </div>
  );
}
