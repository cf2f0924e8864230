import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMoneyToFen } from '@shared/api/domains/shelf-money';
import type { ApiError } from '@shared/api/errors';

/** The price guard refused a change and wants it typed again (see core/shelf/price-guard.ts). */
export const needsPriceConfirm = (e: ApiError | undefined): e is ApiError =>
  e?.code === 'conflict' &&
  (e.key === 'shelf:priceGuard.confirm' || e.key === 'shelf:priceGuard.confirmMismatch');

/**
 * The second confirmation of a suspicious price: old and new price, why it looks wrong, and a
 * field where the operator types the new price again. Confirm is enabled only when it matches.
 */
export function PriceConfirm({
  error,
  onConfirm,
  onCancel,
}: {
  error: ApiError;
  onConfirm(fen: number): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('shelf');
  const [typed, setTyped] = useState('');
  const p = error.params ?? {};
  const newFen = Number(p.newFen);
  const fen = parseMoneyToFen(typed);
  const matches = fen !== null && fen === newFen;
  const reasons = String(p.reason ?? '')
    .split(',')
    .filter(Boolean)
    .map((r) => t(`priceGuard.reason.${r}`))
    .join(', ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (matches) onConfirm(fen);
  };
  return (
    <div className="card price-confirm" role="alertdialog" aria-modal="true" data-testid="price-confirm">
      <h3>{t('priceGuard.title')}</h3>
      <p role="alert">{t('priceGuard.confirm', p)}</p>
      <p className="muted" data-testid="price-confirm-reasons">
        {reasons}
      </p>
      <label>
        <span>{t('priceGuard.typeAgain')}</span>
        <input
          autoFocus
          inputMode="decimal"
          data-testid="price-confirm-input"
          value={typed}
          aria-invalid={typed !== '' && !matches ? true : undefined}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit(e);
          }}
        />
        {typed !== '' && !matches && <span className="field-error">{t('priceGuard.mismatch')}</span>}
      </label>
      <div className="actions">
        <button
          type="button"
          className="primary danger"
          disabled={!matches}
          data-testid="price-confirm-ok"
          onClick={(e) => submit(e)}
        >
          {t('priceGuard.confirmButton')}
        </button>
        <button type="button" data-testid="price-confirm-cancel" onClick={onCancel}>
          {t('priceGuard.cancel')}
        </button>
      </div>
    </div>
  );
}
