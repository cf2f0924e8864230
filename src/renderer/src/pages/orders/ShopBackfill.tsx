import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shop } from '@shared/api/domains/orders';
import { beijingStartOfDay, fromBeijingInput, toBeijingInput } from '@shared/time/beijing';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { BeijingTimeInput, Field } from '../../components/Field';
import { useAction } from '../../data/use-action';

const DAY_MS = 86_400_000;

/** "Re-read a range" of a shop's orders (Beijing time), with the progress its status reports. */
export function ShopBackfill({ shop }: { shop: Shop }) {
  const { t } = useTranslation('orders');
  const api = useApi();
  const [open, setOpen] = useState(false);
  // Yesterday by default: the day before a shop added today started reading.
  const [range, setRange] = useState(() => {
    const today = beijingStartOfDay(Date.now());
    return { from: toBeijingInput(today - DAY_MS), to: toBeijingInput(today) };
  });
  const { error, setError, run } = useAction();
  const b = shop.status.backfill;

  const start = async (e: FormEvent) => {
    e.preventDefault();
    const from = fromBeijingInput(range.from);
    const to = fromBeijingInput(range.to);
    if (from === null || to === null) {
      setError({ code: 'bad_request', message: 'not a time', key: 'orders:showWindow.errors.rangeEmpty' });
      return;
    }
    await run(() => api.shops.backfill({ id: shop.id, from, to }));
  };

  return (
    <div className="orders-backfill" data-testid="shop-backfill">
      {b && (
        <p data-testid="shop-backfill-progress" data-state={b.state} role="status">
          {b.state === 'running'
            ? t('showWindow.backfillRunning', { done: b.windowsDone, total: b.windows, lines: b.lines })
            : b.state === 'done'
              ? t('showWindow.backfillDone', { lines: b.lines })
              : t('showWindow.backfillFailed', {
                  reason: b.errorKind ? t(`reason.${b.errorKind}`, { code: '' }) : '',
                })}
          {b.state === 'running' && <progress max={b.windows} value={b.windowsDone} />}
        </p>
      )}
      {!open ? (
        <button type="button" data-testid="shop-backfill-open" onClick={() => setOpen(true)}>
          {t('showWindow.backfill')}
        </button>
      ) : (
        <form className="toolbar" onSubmit={(e) => void start(e)}>
          <Field label={t('showWindow.backfillFrom')}>
            <BeijingTimeInput
              testId="shop-backfill-from"
              value={range.from}
              onChange={(from) => setRange({ ...range, from })}
            />
          </Field>
          <Field label={t('showWindow.backfillTo')}>
            <BeijingTimeInput
              testId="shop-backfill-to"
              value={range.to}
              onChange={(to) => setRange({ ...range, to })}
            />
          </Field>
          <button type="submit" disabled={b?.state === 'running'} data-testid="shop-backfill-start">
            {t('showWindow.backfillStart')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('shops.cancel')}
          </button>
        </form>
      )}
      {error && <ApiErrorText error={error} />}
    </div>
  );
}
