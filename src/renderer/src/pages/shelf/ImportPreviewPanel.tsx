import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping, ImportIssue, ImportPreview } from '@shared/api/domains/shelf';
import { ImportIssueText } from './ImportIssueText';

export const PREVIEW_ROW_HEIGHT = 30;
const OVERSCAN = 10;

type Show = 'all' | 'problems' | 'errors' | 'warnings';
type PreviewRow = ImportPreview['rows'][number];

/** The reason code of an issue key: `shelf:importRules.issue.bad_price` → `bad_price`. */
export const reasonOf = (key: string) => key.slice(key.lastIndexOf('.') + 1);

/**
 * The preview of an import: what was found (header row, sheet, rows skipped), every error and
 * warning counted by reason and column (click one to filter), and the rows, windowed so that a
 * preview of 100,000 rows keeps only the rows in view in the DOM.
 */
export function ImportPreviewPanel({ preview, mapping }: { preview: ImportPreview; mapping: ColumnMapping }) {
  const { t } = useTranslation('shelf');
  const hasProblems = preview.totals.invalid + preview.totals.warned > 0;
  const [show, setShow] = useState<Show>('all');
  const [reason, setReason] = useState('');
  const [column, setColumn] = useState<string | null>(null);

  const reasonLabel = (key: string) =>
    t(`importRules.reason.${reasonOf(key)}`, { defaultValue: reasonOf(key) });
  const reasons = useMemo(() => [...new Set(preview.issueCounts.map((c) => c.key))], [preview]);
  const columns = useMemo(() => [...new Set(preview.issueCounts.map((c) => c.column))], [preview]);

  const rows = useMemo(() => {
    const matches = (i: ImportIssue) =>
      (reason === '' || i.key === reason) && (column === null || i.column === column);
    const filtered = reason !== '' || column !== null;
    return preview.rows.filter((r) => {
      const errors = show !== 'warnings' ? r.issues : [];
      const warnings = show !== 'errors' ? r.warnings : [];
      if (show === 'errors' && r.issues.length === 0) return false;
      if (show === 'warnings' && r.warnings.length === 0) return false;
      if (show === 'problems' && r.issues.length + r.warnings.length === 0) return false;
      return !filtered || errors.some(matches) || warnings.some(matches);
    });
  }, [preview, show, reason, column]);

  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 360 });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight || 360 });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, []);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [show, reason, column]);

  const first = Math.max(0, Math.floor(view.top / PREVIEW_ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / PREVIEW_ROW_HEIGHT) + OVERSCAN);
  const span = preview.headers.length + 3;
  const problemRows = preview.rows.filter((r) => r.issues.length + r.warnings.length > 0).length;

  const pick = (key: string, col: string, severity: 'error' | 'warning') => {
    setShow(severity === 'error' ? 'errors' : 'warnings');
    setReason(key);
    setColumn(col);
  };

  return (
    <div className="import-preview">
      <p className="help" data-testid="import-found">
        {[
          preview.sheet !== null ? t('importRules.sheet', { sheet: preview.sheet }) : '',
          t('importRules.headerAt', { row: preview.headerRow }),
          t('importRules.skipped', preview.skipped),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {preview.totals.warned > 0 && (
        <p className="warn-text" data-testid="import-warned">
          {t('importRules.warned', { count: preview.totals.warned })}
        </p>
      )}
      {hasProblems && (
        <details className="import-problems" open>
          <summary>{t('importRules.problems')}</summary>
          <ul data-testid="import-problems">
            {preview.issueCounts.map((c) => (
              <li key={`${c.severity}${c.key}${c.column}`}>
                <button
                  type="button"
                  className={`link ${c.severity === 'error' ? 'issue' : 'warning'}`}
                  data-testid="import-problem"
                  data-severity={c.severity}
                  onClick={() => pick(c.key, c.column, c.severity)}
                >
                  {t(`importRules.severity.${c.severity}`)} · {c.column || t('importRules.filter.wholeRow')} ·{' '}
                  {reasonLabel(c.key)} × {c.count}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="import-filters">
        <label>
          <span>{t('importRules.filter.show')}</span>
          <select
            data-testid="import-filter-show"
            value={show}
            onChange={(e) => setShow(e.target.value as Show)}
          >
            {(['all', 'problems', 'errors', 'warnings'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`importRules.filter.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('importRules.filter.reason')}</span>
          <select
            data-testid="import-filter-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          >
            <option value="">{t('importRules.filter.anyReason')}</option>
            {reasons.map((k) => (
              <option key={k} value={k}>
                {reasonLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('importRules.filter.column')}</span>
          <select
            data-testid="import-filter-column"
            value={column === null ? '\u0000' : column}
            onChange={(e) => setColumn(e.target.value === '\u0000' ? null : e.target.value)}
          >
            <option value={'\u0000'}>{t('importRules.filter.anyColumn')}</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c || t('importRules.filter.wholeRow')}
              </option>
            ))}
          </select>
        </label>
        <span className="help" data-testid="import-shown">
          {t('importRules.shown', { shown: rows.length, total: preview.totals.rows })}
        </span>
      </div>
      {problemRows < preview.totals.invalid + preview.totals.warned && (
        <p className="help" data-testid="import-capped">
          {t('importRules.capped', { count: problemRows })}
        </p>
      )}
      <div className="preview-scroll" ref={scroller} data-testid="import-preview-scroll">
        <table className="preview-table is-windowed">
          <thead>
            <tr>
              <th>{t('import.row')}</th>
              <th>{t('import.action')}</th>
              <th className="issues-col">{t('importRules.problems')}</th>
              {preview.headers.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && (
              <tr aria-hidden="true" style={{ blockSize: first * PREVIEW_ROW_HEIGHT }}>
                <td colSpan={span} />
              </tr>
            )}
            {rows.slice(first, last).map((r) => (
              <PreviewLine key={r.row} r={r} headers={preview.headers} mapping={mapping} />
            ))}
            {last < rows.length && (
              <tr aria-hidden="true" style={{ blockSize: (rows.length - last) * PREVIEW_ROW_HEIGHT }}>
                <td colSpan={span} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function PreviewLine({ r, headers, mapping }: { r: PreviewRow; headers: string[]; mapping: ColumnMapping }) {
  const { t } = useTranslation('shelf');
  const kind = r.issues.length > 0 ? 'error' : r.warnings.length > 0 ? 'warning' : 'ok';
  const hit = (list: ImportIssue[], i: number) =>
    list.some((x) => x.field !== null && mapping[x.field] === i);
  return (
    <tr
      className={kind === 'error' ? 'row-error' : kind === 'warning' ? 'row-warning' : undefined}
      style={{ blockSize: PREVIEW_ROW_HEIGHT }}
      data-testid={
        kind === 'error' ? 'import-error-row' : kind === 'warning' ? 'import-warning-row' : 'import-row'
      }
    >
      <td>{r.row}</td>
      <td>{t(`import.actions.${r.action}`)}</td>
      <td className="issues-col">
        {r.issues.map((issue, i) => (
          <span key={`e${i}`} className="issue">
            <ImportIssueText issue={issue} />{' '}
          </span>
        ))}
        {r.warnings.map((issue, i) => (
          <span key={`w${i}`} className="warning">
            <ImportIssueText issue={issue} />{' '}
          </span>
        ))}
      </td>
      {headers.map((_, i) => (
        <td
          key={i}
          title={r.cells[i] ?? ''}
          className={hit(r.issues, i) ? 'cell-error' : hit(r.warnings, i) ? 'cell-warning' : undefined}
        >
          {r.cells[i] ?? ''}
        </td>
      ))}
    </tr>
  );
}
