import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatYuan, formatYuanCompact } from '@shared/format/money';
import { beijingClock } from '@shared/time/beijing';
import { MinuteChart } from '../../components/MinuteChart';
import { ShowPicker } from '../../components/ShowPicker';
import { FigureTables } from './FigureTables';
import { useDashboard } from './use-dashboard';
import './dashboard.css';

/**
 * Live dashboard: big numbers readable across a studio, and a big-screen mode for an event hall
 * (full screen, no controls: Esc or a double click leaves it).
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation('showday');
  const d = useDashboard();
  const root = useRef<HTMLDivElement>(null);
  const [big, setBig] = useState(false);
  const leave = () => {
    setBig(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };
  const enter = () => {
    setBig(true);
    // Full screen where the browser allows it; the big-screen layout works either way.
    void root.current?.requestFullscreen?.().catch(() => undefined);
  };
  useEffect(() => {
    if (!big) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && leave();
    // Leaving the browser's full screen (its own Esc) leaves the big screen too.
    const onFull = () => !document.fullscreenElement && setBig(false);
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFull);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFull);
    };
  }, [big]);
  const data = d.data;
  const show = d.shows.find((s) => s.id === d.showId);
  const lang = i18n.language;
  return (
    <div
      ref={root}
      className={big ? 'dashboard dash-big' : 'dashboard'}
      data-testid="dashboard"
      data-big={big || undefined}
      onDoubleClick={big ? leave : undefined}
    >
      {big ? (
        <header className="dash-big-head">
          <h2 data-testid="dash-big-title">{show ? show.title : t('dash.title')}</h2>
          <Clock />
        </header>
      ) : (
        <div className="dash-toolbar">
          <h2>{t('dash.title')}</h2>
          <ShowPicker
            shows={d.shows}
            value={d.showId}
            testId="dash-show"
            ariaLabel={t('figures2.chooseShow')}
            onChange={(id) => id !== null && d.choose(id)}
          />
          <button type="button" data-testid="dash-big" onClick={enter}>
            {t('dash.bigScreen')}
          </button>
          <span className="muted dash-exit-hint">{t('figures2.bigScreenHint')}</span>
        </div>
      )}
      {data && (
        <>
          <div className="dash-tiles">
            <Tile
              id="gmv"
              label={t('figures2.gmv')}
              value={data.totals.gmvFen}
              text={big ? formatYuanCompact(data.totals.gmvFen, lang) : formatYuan(data.totals.gmvFen)}
              title={formatYuan(data.totals.gmvFen)}
            />
            <Tile
              id="orders"
              label={t('dash.orders')}
              value={data.totals.orders}
              text={formatCount(data.totals.orders)}
            />
            <Tile
              id="units"
              label={t('dash.units')}
              value={data.totals.units}
              text={formatCount(data.totals.units)}
            />
          </div>
          {/* Viewers: a figure only when a platform reports it; otherwise a quiet note, not a giant "—". */}
          {data.viewers === null ? (
            <p className="muted dash-viewers-note" data-testid="viewers-note">
              {t('dash.viewers')}: {t('dash.viewersUnknown')}
            </p>
          ) : (
            <p className="dash-viewers" data-testid="viewers">
              {t('dash.viewers')}: <strong dir="ltr">{formatCount(data.viewers)}</strong>
            </p>
          )}
          {data.totals.orders === 0 && <p className="muted">{t('dash.noData')}</p>}
          <div className="dash-main">
            <MinuteChart minutes={data.perMinute} big={big} />
            <FigureTables data={data} big={big} />
          </div>
          <p className="muted dash-updated" data-testid="dash-updated">
            {t('dash.updated', { time: t('figures2.beijingTime', { time: beijingClock(data.at, true) }) })}
          </p>
        </>
      )}
    </div>
  );
}

/** The hall clock, in Beijing time; its own component so its ticks do not redraw the figures. */
function Clock() {
  const { t } = useTranslation('showday');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <span className="dash-clock" data-testid="dash-clock">
      {t('figures2.beijingTime', { time: beijingClock(now, true) })}
    </span>
  );
}

function Tile({
  id,
  label,
  value,
  text,
  title,
}: {
  id: string;
  label: string;
  /** The raw figure, for tests and tools reading the page. */
  value: number;
  text: string;
  title?: string;
}) {
  return (
    <div className="dash-tile" data-testid={`tile-${id}`} data-value={value} title={title}>
      <span className="dash-tile-label">{label}</span>
      <span className="dash-tile-value" dir="ltr">
        {text}
      </span>
    </div>
  );
}
