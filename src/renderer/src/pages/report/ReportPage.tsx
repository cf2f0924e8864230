import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@shared/api/errors';
import type { Show } from '@shared/api/domains/shelf';
import type { Report } from '@shared/api/domains/showday';
import { formatCount, formatYuan } from '@shared/format/money';
import { isLanguage } from '@shared/i18n/resources';
import { beijingClock, beijingText } from '@shared/time/beijing';
import { useApi, useOnConnected } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { MinuteChart } from '../dashboard/MinuteChart';
import { AirtimeChart } from './AirtimeChart';
import { downloadFile } from '../../lib/download';
import { ReportTables } from './ReportTables';
import './report-page.css';

/** Post-show report: totals, breakdowns, sales per minute of airtime; XLSX and PDF export. */
export function ReportPage() {
  const { t, i18n } = useTranslation('showday');
  const api = useApi();
  const [shows, setShows] = useState<Show[]>([]);
  const [showId, setShowId] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = (id: number | null) => {
    if (id === null) return;
    void api.report.get({ showId: id }).then((r) => {
      setError(r.ok ? null : r.error);
      setReport(r.ok ? r.value : null);
    });
  };
  useOnConnected(() => {
    void Promise.all([api.shows.list(), api.show.state({})]).then(([list, state]) => {
      if (!list.ok) return;
      setShows(list.value);
      const chosen = showId ?? (state.ok ? state.value.showId : null) ?? list.value[0]?.id ?? null;
      setShowId(chosen);
      load(chosen);
    });
  });
  const exportAs = async (format: 'xlsx' | 'pdf') => {
    if (showId === null) return;
    setBusy(true);
    const language = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
    const r = await api.report.export({ showId, format, language });
    setBusy(false);
    if (r.ok) downloadFile(r.value);
    else setError(r.error);
  };

  return (
    <div className="report-page" data-testid="report-page">
      <div className="report-toolbar">
        <h2>{t('reportPage.heading')}</h2>
        <select
          aria-label={t('figures2.chooseShow')}
          data-testid="report-show"
          value={showId ?? ''}
          onChange={(e) => {
            const id = Number(e.target.value);
            setShowId(id);
            load(id);
          }}
        >
          {shows.map((s) => (
            <option key={s.id} value={s.id}>
              {s.showDate} {s.title}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => load(showId)} data-testid="report-refresh">
          {t('reportPage.refresh')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportAs('xlsx')} data-testid="report-xlsx">
          {t('reportPage.exportXlsx')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportAs('pdf')} data-testid="report-pdf">
          {t('reportPage.exportPdf')}
        </button>
        {busy && <span className="muted">{t('reportPage.exporting')}</span>}
      </div>
      {error && <ApiErrorText error={error} />}
      {report && (
        <>
          <p className="report-meta" data-testid="report-meta">
            <strong>{report.title}</strong> · {t('report.date')}: {report.showDate} · {t('figures2.window')}:{' '}
            <span dir="ltr">
              {report.startedAt === null
                ? t('figures2.notStarted')
                : t('figures2.windowValue', {
                    from: beijingText(report.startedAt),
                    to: report.endedAt === null ? t('figures2.stillOnAir') : beijingClock(report.endedAt),
                  })}
            </span>
          </p>
          <div className="report-totals" data-testid="report-totals">
            <span>
              {t('report.orders')}:{' '}
              <strong data-testid="report-orders">{formatCount(report.totals.orders)}</strong>
            </span>
            <span>
              {t('report.units')}:{' '}
              <strong data-testid="report-units">{formatCount(report.totals.units)}</strong>
            </span>
            <span>
              {t('figures2.gmv')}:{' '}
              <strong data-testid="report-gmv" dir="ltr">
                {formatYuan(report.totals.gmvFen)}
              </strong>
            </span>
            <span>
              {t('report.refunded')}: <strong dir="ltr">{formatYuan(report.totals.refundedFen)}</strong>
            </span>
            <span>
              {t('report.cues')}: <strong>{formatCount(report.cues)}</strong>
            </span>
          </div>
          <MinuteChart minutes={report.perMinute} window={24 * 60} />
          <AirtimeChart rows={report.airtime} />
          <ReportTables r={report} />
        </>
      )}
    </div>
  );
}
