import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';
import type { UndoOffer } from '../../components/UndoBar';

/** Actions on the selected products: archive, set category, live price ± percent. Each can be undone. */
export function BulkBar({ ids, onDone }: { ids: number[]; onDone(offer: UndoOffer | null): void }) {
  const { t } = useTranslation('shelf');
  const api = useApi();
  const [category, setCategory] = useState('');
  const [percent, setPercent] = useState('');
  const { error, setError, run: call } = useAction();
  const [again, setAgain] = useState('');
  // The event's director puts products on the event shelf from here (booths apply them).
  const [director, setDirector] = useState(false);
  const [onEvent, setOnEvent] = useState<string>();
  useEffect(() => {
    void api.event.status({}).then((r) => setDirector(r.ok && r.value.role === 'director'));
  }, [api]);
  const putOnEvent = async () => {
    setOnEvent(undefined);
    const done = await call(() => api.event.shelfAdd({ productIds: ids }));
    if (done)
      setOnEvent(
        t('common:eventLive.shelfAdded', { added: done.added.length, already: done.already.length }),
      );
  };
  // The price guard flagged the percentage (a show is open): it is applied when typed again.
  const guard = error?.key === 'shelf:priceGuard.confirmBulk' ? error : undefined;

  const run = async (kind: 'archive' | 'category' | 'price', confirmPricePercent?: number) => {
    setError(undefined);
    setAgain('');
    const done = await call(() =>
      kind === 'archive'
        ? api.shelf.archive({ ids })
        : api.shelf.bulkUpdate({
            ids,
            change: kind === 'category' ? { category } : { livePricePercent: Number(percent) },
            confirmPricePercent,
          }),
    );
    if (!done) return;
    onDone({ undoToken: done.undoToken, message: t(`bulk.done.${kind}`, { count: done.count }) });
  };
  const percentValid =
    /^-?\d{1,3}$/.test(percent) && Number(percent) >= -90 && Number(percent) <= 500 && Number(percent) !== 0;

  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <strong>{t('bulk.selected', { count: ids.length })}</strong>
      <button type="button" onClick={() => void run('archive')} data-testid="bulk-archive">
        {t('bulk.archive')}
      </button>
      <span className="bulk-group">
        <input
          aria-label={t('field.category')}
          placeholder={t('field.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
        />
        <button type="button" disabled={category.trim() === ''} onClick={() => void run('category')}>
          {t('bulk.setCategory')}
        </button>
      </span>
      <span className="bulk-group">
        <input
          aria-label={t('bulk.percent')}
          placeholder={t('bulk.percentPlaceholder')}
          inputMode="numeric"
          value={percent}
          onChange={(e) => setPercent(e.target.value.trim())}
        />
        <button type="button" disabled={!percentValid} onClick={() => void run('price')}>
          {t('bulk.adjustPrice')}
        </button>
      </span>
      {director && (
        <button type="button" onClick={() => void putOnEvent()} data-testid="bulk-event-shelf">
          {t('common:eventLive.putOnEventShelf')}
        </button>
      )}
      {onEvent && <span role="status">{onEvent}</span>}
      <button type="button" onClick={() => onDone(null)}>
        {t('bulk.clear')}
      </button>
      {guard && (
        <span className="bulk-group price-confirm" role="alertdialog" data-testid="bulk-price-confirm">
          <span role="alert">{t(guard.key!, guard.params)}</span>
          <input
            autoFocus
            aria-label={t('priceGuard.typePercentAgain')}
            placeholder={t('priceGuard.typePercentAgain')}
            inputMode="numeric"
            value={again}
            onChange={(e) => setAgain(e.target.value.trim())}
          />
          <button
            type="button"
            className="danger"
            disabled={again !== percent}
            onClick={() => void run('price', Number(again))}
          >
            {t('priceGuard.applyPercent')}
          </button>
          <button type="button" onClick={() => setError(undefined)}>
            {t('priceGuard.cancel')}
          </button>
        </span>
      )}
      {error && !guard && <ApiErrorText error={error} />}
    </div>
  );
}
