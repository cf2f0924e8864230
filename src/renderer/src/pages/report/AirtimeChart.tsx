import { useTranslation } from 'react-i18next';
import type { AirtimeRow } from '@shared/api/domains/showday';
import { formatYuan } from '@shared/format/money';

/** Horizontal bars: GMV per minute of airtime for each product, best first. */
export function AirtimeChart({ rows }: { rows: AirtimeRow[] }) {
  const { t } = useTranslation('showday');
  const max = Math.max(1, ...rows.map((r) => r.gmvPerAirMinuteFen ?? 0));
  return (
    <figure className="airtime-chart" data-testid="airtime-chart">
      <figcaption>{t('report.gmvPerAirMinute')}</figcaption>
      {rows.map((r) => (
        <div key={r.productId} className="airtime-bar">
          <span>{r.name}</span>
          <span className="airtime-track">
            <span
              className="airtime-fill"
              style={{ inlineSize: `${((r.gmvPerAirMinuteFen ?? 0) / max) * 100}%` }}
            />
          </span>
          <span className="num" dir="ltr">
            {r.gmvPerAirMinuteFen === null ? '—' : formatYuan(r.gmvPerAirMinuteFen)}
          </span>
        </div>
      ))}
    </figure>
  );
}
