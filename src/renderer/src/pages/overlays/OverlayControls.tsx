import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverlayId, OverlayState } from '@shared/overlays/overlay-state';
import { useApi } from '../../api/studio-api';
import { CountdownControls } from '../../components/CountdownControls';
import type { useOverlayState } from '../../data/use-overlay-state';

type Run = ReturnType<typeof useOverlayState>['run'];

/** The options of one overlay under its preview. */
export function OverlayControls({ id, state, run }: { id: OverlayId; state: OverlayState; run: Run }) {
  const { t } = useTranslation('overlays');
  const api = useApi();
  switch (id) {
    case 'product-card':
      return (
        <div className="ovp-controls">
          <button
            type="button"
            disabled={state.look.showId === null}
            onClick={() =>
              state.look.showId && void run(() => api.overlays.followOnAir({ showId: state.look.showId! }))
            }
          >
            {t('page.followOnAir')}
          </button>
          <span className="ovp-hint">
            {state.productCard.followOnAir ? t('page.followingOnAir') : t('page.cardHint')}
          </span>
        </div>
      );
    case 'price-ticker':
      return <TickerControls state={state} run={run} />;
    case 'countdown':
      return <CountdownControls state={state} run={run} />;
    case 'sales-counter':
      return (
        <div className="ovp-controls">
          <label>
            <input
              type="checkbox"
              checked={state.salesCounter.splitByPlatform}
              onChange={(e) =>
                void run(() => api.overlays.setSalesCounter({ splitByPlatform: e.target.checked }))
              }
            />
            {t('page.splitByPlatform')}
          </label>
        </div>
      );
    case 'leaderboard':
      return (
        <div className="ovp-controls">
          <select
            value={state.leaderboard.by}
            onChange={(e) =>
              void run(() =>
                api.overlays.setLeaderboard({
                  by: e.target.value as 'product' | 'county',
                  metric: state.leaderboard.metric,
                }),
              )
            }
          >
            <option value="product">{t('page.byProduct')}</option>
            <option value="county">{t('page.byCounty')}</option>
          </select>
          <select
            value={state.leaderboard.metric}
            onChange={(e) =>
              void run(() =>
                api.overlays.setLeaderboard({
                  by: state.leaderboard.by,
                  metric: e.target.value as 'units' | 'gmv',
                }),
              )
            }
          >
            <option value="units">{t('page.byUnits')}</option>
            <option value="gmv">{t('page.byGmv')}</option>
          </select>
        </div>
      );
    case 'lower-third':
      return <LowerThirdForm state={state} run={run} />;
  }
}

function TickerControls({ state, run }: { state: OverlayState; run: Run }) {
  const { t } = useTranslation('overlays');
  const api = useApi();
  const [ids, setIds] = useState('');
  const list = ids
    .split(/[\s,，]+/)
    .filter(Boolean)
    .map(Number);
  return (
    <div className="ovp-controls">
      <button
        type="button"
        aria-pressed={state.ticker.source === 'show'}
        onClick={() => void run(() => api.overlays.setTicker({ source: 'show' }))}
      >
        {t('page.tickerFromShow')}
      </button>
      <input
        value={ids}
        placeholder={t('page.tickerIds')}
        aria-label={t('page.tickerIds')}
        onChange={(e) => setIds(e.target.value)}
      />
      <button
        type="button"
        disabled={list.length === 0}
        onClick={() => void run(() => api.overlays.setTicker({ source: 'list', productIds: list }))}
      >
        {t('page.tickerUseList')}
      </button>
      <span className="ovp-hint">{t('page.tickerCount', { count: state.ticker.items.length })}</span>
    </div>
  );
}

function LowerThirdForm({ state, run }: { state: OverlayState; run: Run }) {
  const { t } = useTranslation('overlays');
  const api = useApi();
  const [guest, setGuest] = useState({
    name: state.lowerThird.name,
    title: state.lowerThird.title,
    county: state.lowerThird.county,
  });
  const field = (key: keyof typeof guest) => (
    <input
      value={guest[key]}
      placeholder={t(`page.guest.${key}`)}
      aria-label={t(`page.guest.${key}`)}
      data-testid={`guest-${key}`}
      onChange={(e) => setGuest({ ...guest, [key]: e.target.value })}
    />
  );
  return (
    <form
      className="ovp-controls"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => api.overlays.setLowerThird({ ...guest, visible: true }));
      }}
    >
      {field('name')}
      {field('title')}
      {field('county')}
      <button type="submit" className="primary">
        {t('page.guest.apply')}
      </button>
    </form>
  );
}
