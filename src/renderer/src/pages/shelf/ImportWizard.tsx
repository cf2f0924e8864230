import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '@shared/api/contract';
import {
  ImportFieldSchema,
  type ColumnMapping,
  type ImportField,
  type ImportPreview,
} from '@shared/api/domains/shelf';
import type { ApiError } from '@shared/api/errors';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { ImportIssueText } from './ImportIssueText';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { fileToBase64 } from './shelf-files';

type Step = 'pick' | 'mapping' | 'preview' | 'importing' | 'done';
type Encoding = 'auto' | 'utf-8' | 'gbk';
type MatchKey = 'outerSku' | 'nameAndSpec';

/** Import a CSV or XLSX: pick → column mapping → preview with the bad rows marked → import. */
export function ImportWizard({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('shelf');
  const api = useApi();
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<{ fileName: string; contentBase64: string }>();
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [matchKey, setMatchKey] = useState<MatchKey>('outerSku');
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [preview, setPreview] = useState<ImportPreview>();
  const [validOnly, setValidOnly] = useState(false);
  const [result, setResult] = useState<OperationOutput<'shelf.importApply'>>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [undone, setUndone] = useState(false);

  const runPreview = async (
    f = file,
    opts: { mapping?: ColumnMapping; encoding?: Encoding; matchKey?: MatchKey } = {},
  ) => {
    if (!f) return;
    setBusy(true);
    setError(undefined);
    const r = await api.shelf.importPreview({
      ...f,
      encoding: opts.encoding ?? encoding,
      matchKey: opts.matchKey ?? matchKey,
      ...(opts.mapping ? { mapping: opts.mapping } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setPreview(r.value);
    setMapping(r.value.mapping);
    return r.value;
  };

  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    setBusy(true);
    setFile({ fileName: picked.name, contentBase64: '' });
    const f = { fileName: picked.name, contentBase64: await fileToBase64(picked) };
    setFile(f);
    if (await runPreview(f)) setStep('mapping');
  };

  const apply = async () => {
    if (!file || !preview) return;
    setStep('importing');
    setError(undefined);
    const r = await api.shelf.importApply({ ...file, encoding, matchKey, mapping, validOnly });
    if (!r.ok) {
      setError(r.error);
      return setStep('preview');
    }
    setResult(r.value);
    setStep('done');
  };

  const undoImport = async (undoToken: string) => {
    const r = await api.shelf.undo({ undoToken });
    if (r.ok) setUndone(true);
    else setError(r.error);
  };

  const column = (field: ImportField) => mapping[field];
  const setColumn = (field: ImportField, value: string) => {
    const next = { ...mapping };
    if (value === '') delete next[field];
    else next[field] = Number(value);
    setMapping(next);
  };

  return (
    <div
      className="import-wizard card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="import-title"
      data-testid="import-wizard"
    >
      <header className="wizard-head">
        <h2 id="import-title">{t('import.title')}</h2>
        <ol className="wizard-steps">
          {(['pick', 'mapping', 'preview', 'done'] as const).map((s) => (
            <li
              key={s}
              aria-current={step === s || (s === 'done' && step === 'importing') ? 'step' : undefined}
            >
              {t(`import.step.${s}`)}
            </li>
          ))}
        </ol>
      </header>

      {step === 'pick' && (
        <div className="form">
          <label>
            <span>{t('import.file')}</span>
            <input
              type="file"
              accept=".csv,.xlsx,.txt"
              data-testid="import-file"
              onChange={(e) => void pick(e.target.files?.[0])}
            />
          </label>
          <label>
            <span>{t('import.encoding')}</span>
            <select value={encoding} onChange={(e) => setEncoding(e.target.value as Encoding)}>
              <option value="auto">{t('import.encodingAuto')}</option>
              <option value="utf-8">{t('import.encodingUtf8')}</option>
              <option value="gbk">{t('import.encodingGbk')}</option>
            </select>
          </label>
          <label>
            <span>{t('import.matchKey')}</span>
            <select value={matchKey} onChange={(e) => setMatchKey(e.target.value as MatchKey)}>
              <option value="outerSku">{t('import.matchOuterSku')}</option>
              <option value="nameAndSpec">{t('import.matchNameSpec')}</option>
            </select>
          </label>
          <p className="help">{t('import.pickHelp')}</p>
          {busy && (
            <div className="import-progress" role="status">
              <progress />
              <span>{t('import.reading', { file: file?.fileName ?? '' })}</span>
            </div>
          )}
        </div>
      )}

      {step === 'mapping' && preview && (
        <div className="form">
          <p className="help" data-testid="import-encoding">
            {t('import.detected', {
              file: preview.fileName,
              encoding: preview.encoding,
              rows: preview.totals.rows,
            })}
          </p>
          <div className="mapping-grid">
            {ImportFieldSchema.options.map((field) => (
              <label key={field} className={column(field) === undefined ? 'unmapped' : undefined}>
                <span>{t(`field.${field}`)}</span>
                <select
                  data-testid={`map-${field}`}
                  value={column(field) ?? ''}
                  onChange={(e) => setColumn(field, e.target.value)}
                >
                  <option value="">{t('import.notImported')}</option>
                  {preview.headers.map((h, i) => (
                    <option key={i} value={i}>
                      {h || t('import.columnN', { n: i + 1 })}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              data-testid="import-to-preview"
              onClick={() => void runPreview(file, { mapping }).then((p) => p && setStep('preview'))}
            >
              {t('import.next')}
            </button>
          </div>
        </div>
      )}

      {(step === 'preview' || step === 'importing') && preview && (
        <div>
          <p className="import-totals" data-testid="import-totals">
            {t('import.totals', preview.totals)}
          </p>
          {preview.fileIssues.map((issue, i) => (
            <p key={i} className="error-text" role="alert" data-testid="import-file-issue">
              <ImportIssueText issue={issue} />
            </p>
          ))}
          <ImportPreviewPanel preview={preview} mapping={mapping} />
          {preview.totals.invalid > 0 && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={validOnly}
                onChange={(e) => setValidOnly(e.target.checked)}
                data-testid="import-valid-only"
              />
              <span>{t('import.validOnly', { count: preview.totals.valid })}</span>
            </label>
          )}
          {step === 'importing' && (
            <div className="import-progress" role="status">
              <progress />
              <span>{t('import.importing', { count: preview.totals.valid })}</span>
            </div>
          )}
          <div className="actions">
            <button type="button" onClick={() => setStep('mapping')} disabled={step === 'importing'}>
              {t('import.back')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="import-apply"
              disabled={step === 'importing' || preview.fileIssues.length > 0 || preview.totals.valid === 0}
              onClick={() => void apply()}
            >
              {t('import.apply')}
            </button>
          </div>
        </div>
      )}

      {step === 'done' && result && (
        <p className="notice" role="status" data-testid="import-result">
          {undone ? t('import.undone') : t('import.done', result)}
          {!undone && (
            <button type="button" onClick={() => void undoImport(result.undoToken)} data-testid="import-undo">
              {t('import.undo')}
            </button>
          )}
        </p>
      )}
      {error && <ApiErrorText error={error} />}
      <div className="actions">
        <button type="button" onClick={onClose} data-testid="import-close">
          {step === 'done' ? t('import.close') : t('import.cancel')}
        </button>
      </div>
    </div>
  );
}
