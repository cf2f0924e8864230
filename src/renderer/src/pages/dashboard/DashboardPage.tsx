import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '@shared/api/domains/shelf-money';
import { FigureTables } from './FigureTables';
import { MinuteChart } from './MinuteChart';
import { useDashboard } from './use-dashboard';
import './dashboard.css';

/** Live dashboard: big numbers readable across a studio, with a full-screen big-screen mode. */
export function DashboardPage() {
  const { t } = useTranslation('showday');
  const d = useDashboard();
  const root = useRef<HTMLDivElement>(null);
  const [big, setBig] = useState(false);
  const toggleBig = () => {
    const next = !big;
    setBig(next);
    // Full screen where the browser allows it; the big-screen layout works either way.
    if (next) void root.current?.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };
  const data = d.data;
  return (
    <div ref={root} className={big ? 'dashboard dash-big' : 'dashboard'} data-testid="dashboard">
      <div className="dash-toolbar">
        <h2>{t('dash.title')}</h2>
        <select
          data-testid="dash-show"
          value={d.showId ?? ''}
          onChange={(e) => e.target.value && d.choose(Number(e.target.value))}
        >
          {d.shows.map((s) => (
            <option key={s.id} value={s.id}>
              {s.showDate} {s.title}
            </option>
          ))}
        </select>
        <button type="button" data-testid="dash-big" onClick={toggleBig}>
          {big ? t('dash.exitBigScreen') : t('dash.bigScreen')}
        </button>
      </div>
      {data && (
        <>
          <div className="dash-tiles">
            <Tile id="orders" label={t('dash.orders')} value={String(data.totals.orders)} />
            <Tile id="gmv" label={t('dash.gmv')} value={formatFen(data.totals.gmvFen)} />
            <Tile id="units" label={t('dash.units')} value={String(data.totals.units)} />
            <Tile
              id="viewers"
              label={t('dash.viewers')}
              value={data.viewers === null ? t('dash.viewersUnknown') : String(data.viewers)}
            />
          </div>
          {data.totals.orders === 0 && <p className="muted">{t('dash.noData')}</p>}
          <MinuteChart minutes={data.perMinute} />
          <FigureTables data={data} />
          <p className="muted">
            {t('dash.updated', { time: new Date(data.at).toLocaleTimeString(undefined, { hour12: false }) })}
          </p>
        </>
      )}
    </div>
  );
}

function Tile({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="dash-tile" data-testid={`tile-${id}`} data-value={value}>
      <span className="dash-tile-label">{label}</span>
      <span className="dash-tile-value" dir="ltr">
        {value}
      </span>
    </div>
  );
}
