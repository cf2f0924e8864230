import { useTranslation } from 'react-i18next';
import type { Report } from '@shared/api/domains/showday';
import { ok } from '@shared/api/errors';
import { formatCount, formatYuan } from '@shared/format/money';
import { isLanguage } from '@shared/i18n/resources';
import { beijingClock, beijingText } from '@shared/time/beijing';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { MinuteChart } from '../../components/MinuteChart';
import { ShowPicker } from '../../components/ShowPicker';
import { useAction } from '../../data/use-action';
import { useChosenShow } from '../../data/use-chosen-show';
import { useLiveQuery } from '../../data/use-live-query';
import { downloadFile } from '../../lib/download';
import { AirtimeChart } from './AirtimeChart';
import { ReportTables } from './ReportTables';
import './report-page.css';

/** Post-show report: totals, breakdowns, sales per minute of airtime; XLSX and PDF export. */
export function ReportPage() {
  const { t, i18n } = useTranslation('showday');
  const api = useApi();
  const { shows, showId, choose } = useChosenShow();
  // Read when the page opens, on reconnect, for each show chosen and on Refresh; no event reloads
  // it (a report is read after the show, and Refresh is the operator's word for "now").
  const loaded = useLiveQuery<Report | null>(
    (a) => (showId === null ? Promise.resolve(ok(null)) : a.report.get({ showId })),
    {},
    { key: showId ?? '' },
  );
  // A report that failed to load is not shown (the error says why); an export's error leaves it.
  const report = loaded.error ? null : (loaded.data ?? null);
  const exporting = useAction();
  const error = loaded.error ?? exporting.error;
  const busy = exporting.busy;
  const exportAs = async (format: 'xlsx' | 'pdf') => {
    if (showId === null) return;
    const language = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
    const file = await exporting.run(() => api.report.export({ showId, format, language }));
    if (file) downloadFile(file);
  };

  return (
    <div className="report-page" data-testid="report-page">
      <div className="report-toolbar">
        <h2>{t('reportPage.heading')}</h2>
        <ShowPicker
          shows={shows}
          value={showId}
          testId="report-show"
          ariaLabel={t('figures2.chooseShow')}
          onChange={(id) => id !== null && choose(id)}
        />
        <button
          type="button"
          onClick={() => {
            exporting.setError(undefined);
            loaded.reload();
          }}
          data-testid="report-refresh"
        >
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
