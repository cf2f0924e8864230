import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePicker } from '../../components/FilePicker';
import {
  ImportFieldSchema,
  type ColumnMapping,
  type ImportField,
  type ImportFinished,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
} from '@shared/api/domains/shelf';
import { uploadImportFile } from '../../api/upload';
import { useApi, useStudioEvent } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';
import { ImportIssueText } from './ImportIssueText';
import { ImportPreviewPanel } from './ImportPreviewPanel';

type Step = 'pick' | 'mapping' | 'preview' | 'importing' | 'done';
type Encoding = 'auto' | 'utf-8' | 'gbk';
type MatchKey = 'outerSku' | 'nameAndSpec';

/** Import a CSV or XLSX: pick → column mapping → preview with the bad rows marked → import. */
export function ImportWizard({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('shelf');
  const api = useApi();
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<{ fileName: string; uploadId: string }>();
  const [uploading, setUploading] = useState<{ fileName: string; percent: number }>();
  /** The background job (import or its undo) this dialog follows, and its latest progress. */
  const [job, setJob] = useState<{ id: string; progress?: ImportProgress }>();
  const jobRef = useRef<string | undefined>(undefined);
  /** Ends that arrived before the call that started their job answered. */
  const earlyEnds = useRef(new Map<string, ImportFinished>());
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [matchKey, setMatchKey] = useState<MatchKey>('outerSku');
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [preview, setPreview] = useState<ImportPreview>();
  const [validOnly, setValidOnly] = useState(false);
  const [result, setResult] = useState<ImportResult>();
  const [cancelled, setCancelled] = useState(false);
  const { error, setError, busy, run } = useAction();
  const [undone, setUndone] = useState(false);

  const previewOf = (
    f: { fileName: string; uploadId: string },
    opts: { mapping?: ColumnMapping; encoding?: Encoding; matchKey?: MatchKey },
  ) =>
    api.shelf.importPreview({
      ...f,
      encoding: opts.encoding ?? encoding,
      matchKey: opts.matchKey ?? matchKey,
      ...(opts.mapping ? { mapping: opts.mapping } : {}),
    });
  const shown = (p: ImportPreview | undefined) => {
    if (!p) return;
    setPreview(p);
    setMapping(p.mapping);
    return p;
  };

  const runPreview = async (
    f = file,
    opts: { mapping?: ColumnMapping; encoding?: Encoding; matchKey?: MatchKey } = {},
  ) => {
    if (!f) return;
    setError(undefined);
    return shown(await run(() => previewOf(f, opts)));
  };

  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    setError(undefined);
    setUploading({ fileName: picked.name, percent: 0 });
    // Upload and first preview are one action: busy from the first byte to the preview.
    const p = await run(async () => {
      const up = await uploadImportFile(picked, (sent, total) =>
        setUploading({ fileName: picked.name, percent: total > 0 ? Math.floor((sent / total) * 100) : 0 }),
      );
      setUploading(undefined);
      if (!up.ok) return up;
      const f = { fileName: picked.name, uploadId: up.value.uploadId };
      setFile(f);
      return previewOf(f, {});
    });
    if (shown(p)) setStep('mapping');
  };

  const onJobEnd = (end: ImportFinished) => {
    jobRef.current = undefined;
    setJob(undefined);
    if (end.kind === 'undo') {
      if (end.outcome === 'done') setUndone(true);
      else if (end.error) setError(end.error);
      return;
    }
    if (end.outcome === 'done' && end.result) {
      setResult(end.result);
      return setStep('done');
    }
    if (end.outcome === 'cancelled') setCancelled(true);
    if (end.error) setError(end.error);
    setStep('preview');
  };

  useStudioEvent('shelf.importProgress', (p) => {
    if (p.jobId === jobRef.current) setJob({ id: p.jobId, progress: p });
  });
  useStudioEvent('shelf.importFinished', (end) => {
    if (end.jobId === jobRef.current) onJobEnd(end);
    else earlyEnds.current.set(end.jobId, end);
  });

  const follow = (jobId: string) => {
    jobRef.current = jobId;
    setJob({ id: jobId });
    const early = earlyEnds.current.get(jobId);
    if (early) onJobEnd(early);
  };

  const apply = async () => {
    if (!file || !preview) return;
    setStep('importing');
    setError(undefined);
    setCancelled(false);
    const r = await api.shelf.importStart({ ...file, encoding, matchKey, mapping, validOnly });
    if (!r.ok) {
      setError(r.error);
      return setStep('preview');
    }
    follow(r.value.jobId);
  };

  const cancelImport = async () => {
    if (job) await api.shelf.importCancel({ jobId: job.id });
  };

  const undoImport = async (undoToken: string) => {
    setError(undefined);
    const r = await api.shelf.importUndo({ undoToken });
    if (r.ok) follow(r.value.jobId);
    else setError(r.error);
  };

  const progress = job?.progress;

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
          <div className="form-field">
            <span>{t('import.file')}</span>
            <FilePicker
              accept=".csv,.xlsx,.txt"
              data-testid="import-file"
              onChange={(e) => void pick(e.target.files?.[0])}
            />
          </div>
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
          {uploading && (
            <div className="import-progress" role="status" data-testid="import-upload-progress">
              <progress max={100} value={uploading.percent} />
              <span>{t('importJob.uploading', uploading)}</span>
            </div>
          )}
          {busy && !uploading && (
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
            <div className="import-progress" role="status" data-testid="import-progress">
              {progress?.phase === 'writing' ? (
                <>
                  <progress max={Math.max(1, progress.rowsTotal)} value={progress.rowsWritten} />
                  <span>
                    {t('importJob.writing', { written: progress.rowsWritten, total: progress.rowsTotal })}
                  </span>
                </>
              ) : (
                <>
                  <progress />
                  <span>{t('importJob.reading', { file: preview.fileName })}</span>
                </>
              )}
              <button type="button" onClick={() => void cancelImport()} data-testid="import-cancel">
                {t('importJob.cancel')}
              </button>
            </div>
          )}
          {cancelled && (
            <p className="notice" role="status" data-testid="import-cancelled">
              {t('importJob.cancelled')}
            </p>
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
          {!undone && !job && (
            <button type="button" onClick={() => void undoImport(result.undoToken)} data-testid="import-undo">
              {t('import.undo')}
            </button>
          )}
          {progress?.phase === 'undoing' && (
            <span className="import-progress" data-testid="import-undo-progress">
              <progress max={Math.max(1, progress.rowsTotal)} value={progress.rowsWritten} />
              {t('importJob.undoing', { done: progress.rowsWritten, total: progress.rowsTotal })}
            </span>
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
