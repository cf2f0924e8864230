import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RundownEntry } from '@shared/api/domains/shelf';
import { formatFen, parseCount, parseMoneyToFen } from '@shared/api/domains/shelf-money';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { Field } from '../../components/Field';
import { useAction } from '../../data/use-action';
import { needsPriceConfirm, PriceConfirm } from '../../components/PriceConfirm';
import { presenterKindOf } from '@shared/showday/presenter-role';

/** Who presents a slot, for how long, on which camera, at what price; and its notes. */
export function SlotDetails({ slot, onRemove }: { slot: RundownEntry; onRemove(): void }) {
  const { t } = useTranslation('shelf');
  const api = useApi();
  const [draft, setDraft] = useState({
    presenterName: slot.presenterName,
    presenterTitle: slot.presenterTitle,
    presenterCounty: slot.presenterCounty,
    presenterRole: slot.presenterRole,
    minutes: String(Math.round(slot.plannedSeconds / 60)),
    cameraPreset: slot.cameraPreset,
    price: slot.livePriceOverrideFen === null ? '' : formatFen(slot.livePriceOverrideFen),
    notes: slot.notes,
  });
  const [bad, setBad] = useState<string | null>(null);
  const { error, setError, run } = useAction();
  const [saved, setSaved] = useState(false);

  const save = async (e: FormEvent | null, confirmPriceFen?: number) => {
    e?.preventDefault();
    const minutes = parseCount(draft.minutes);
    const price = draft.price.trim() === '' ? null : parseMoneyToFen(draft.price);
    if (minutes === null) return setBad('minutes');
    if (draft.price.trim() !== '' && price === null) return setBad('price');
    setBad(null);
    const done = await run(() =>
      api.rundown.updateSlot({
        slotId: slot.id,
        patch: {
          presenterName: draft.presenterName,
          presenterTitle: draft.presenterTitle,
          presenterCounty: draft.presenterCounty,
          presenterRole: draft.presenterRole.trim(),
          plannedSeconds: minutes * 60,
          cameraPreset: draft.cameraPreset,
          livePriceOverrideFen: price,
          notes: draft.notes,
        },
        confirmPriceFen,
      }),
    );
    if (done) setSaved(true);
  };
  const field = (key: Exclude<keyof typeof draft, 'notes'>, label: string, placeholder?: string) => (
    <Field label={label} error={bad === key && t(key === 'price' ? 'form.error.price' : 'form.error.count')}>
      <input
        value={draft[key]}
        placeholder={placeholder}
        data-testid={`slot-${key}`}
        aria-invalid={bad === key ? true : undefined}
        onChange={(e) => {
          setSaved(false);
          setDraft({ ...draft, [key]: e.target.value });
        }}
      />
    </Field>
  );

  return (
    <form
      className="card form slot-details"
      noValidate
      onSubmit={(e) => void save(e)}
      data-testid="slot-details"
    >
      <h2>{slot.product.nameZh}</h2>
      <p className="help">
        {t('rundown.listPrice', { price: formatFen(slot.product.livePriceFen) })}
        {slot.product.sellingPoints && <span className="selling-points">{slot.product.sellingPoints}</span>}
      </p>
      <div className="form-grid">
        {field('presenterName', t('rundown.presenterName'))}
        {field('presenterTitle', t('rundown.presenterTitle'))}
        {field('presenterCounty', t('rundown.presenterCounty'))}
        {field(
          'presenterRole',
          t('onair2.presenterRole'),
          t('onair2.roleDefault', {
            role: t(
              `onair2.kind.${presenterKindOf({ title: draft.presenterTitle, county: draft.presenterCounty })}`,
            ),
          }),
        )}
        {field('minutes', t('rundown.plannedMinutes'))}
        {field('cameraPreset', t('rundown.cameraPreset'))}
        {field('price', t('rundown.priceOverride'))}
      </div>
      <label>
        <span>{t('rundown.notes')}</span>
        <textarea
          rows={3}
          value={draft.notes}
          onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
        />
      </label>
      {needsPriceConfirm(error) && (
        <PriceConfirm
          error={error}
          onConfirm={(fen) => void save(null, fen)}
          onCancel={() => setError(undefined)}
        />
      )}
      {error && !needsPriceConfirm(error) && <ApiErrorText error={error} />}
      <div className="actions">
        <button type="submit" className="primary">
          {t('form.save')}
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          {t('rundown.remove')}
        </button>
        {saved && (
          <span role="status" className="notice">
            {t('rundown.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
