import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shop } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import { useApi } from '../../api/studio-api';
import { ORDER_LOOKBACK_DAYS } from '@shared/orders/lookback';
import { beijingStartOfDay, fromBeijingInput, toBeijingInput } from '@shared/time/beijing';
import { ApiErrorText } from '../../components/ApiErrorText';
import { BeijingTimeInput, Field } from '../../components/Field';
import { useAction } from '../../data/use-action';

const PLATFORMS: SyncedPlatform[] = ['kuaishou', 'douyin', 'jd', 'taobao'];
const SECRETS = ['appSecret', 'signSecret', 'accessToken', 'refreshToken', 'pushKey'] as const;
/** Kuaishou-only secrets: the sign secret, and the push message key (optional push). */
const KUAISHOU_ONLY: readonly string[] = ['signSecret', 'pushKey'];

/** Add or edit a shop. Secrets are write-only: stored ones show as "stored", empty keeps them. */
export function ShopForm({ shop, onDone }: { shop?: Shop; onDone: () => void }) {
  const { t } = useTranslation('orders');
  const api = useApi();
  const [draft, setDraft] = useState({
    platform: shop?.platform ?? ('kuaishou' as SyncedPlatform),
    shopId: shop?.shopId ?? '',
    label: shop?.label ?? '',
    appKey: shop?.appKey ?? '',
    signMethod: shop?.signMethod ?? ('md5' as const),
    gateway: shop?.gateway ?? '',
  });
  const [secrets, setSecrets] = useState<Record<(typeof SECRETS)[number], string>>({
    appSecret: '',
    signSecret: '',
    accessToken: '',
    refreshToken: '',
    pushKey: '',
  });
  const { error, setError, run } = useAction();
  // Adding only: where sync starts, Beijing time; default the start of today.
  const [syncFrom, setSyncFrom] = useState(() => toBeijingInput(beijingStartOfDay(Date.now())));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const given = Object.fromEntries(
      SECRETS.filter(
        (k) => secrets[k] !== '' && (draft.platform === 'kuaishou' || !KUAISHOU_ONLY.includes(k)),
      ).map((k) => [k, secrets[k]]),
    );
    const start = shop ? null : fromBeijingInput(syncFrom);
    if (!shop && start === null) {
      setError({
        code: 'bad_request',
        message: 'not a time',
        key: 'orders:showWindow.errors.syncFromFuture',
      });
      return;
    }
    const saved = await run(() =>
      api.shops.save({
        ...(shop ? { id: shop.id } : { syncFrom: start! }),
        ...draft,
        ...given,
      }),
    );
    if (saved) onDone();
  };

  const field = (name: 'shopId' | 'label' | 'appKey' | 'gateway') => (
    <Field label={t(`form.${name}`)}>
      <input
        name={name}
        data-testid={`shop-${name}`}
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
    </Field>
  );

  return (
    <form className="card form orders-shop-form" noValidate onSubmit={(e) => void save(e)}>
      <h3>{shop ? t('form.titleEdit') : t('form.titleAdd')}</h3>
      <Field label={t('form.platform')}>
        <select
          data-testid="shop-platform"
          value={draft.platform}
          onChange={(e) => setDraft({ ...draft, platform: e.target.value as SyncedPlatform })}
        >
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {t(`platform.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      {field('shopId')}
      {field('label')}
      {field('appKey')}
      {/* JD signs with MD5 only; Taobao's HMAC variant is HMAC-MD5. */}
      {draft.platform !== 'jd' && (
        <label>
          <span>{t('form.signMethod')}</span>
          <select
            value={draft.signMethod}
            onChange={(e) => setDraft({ ...draft, signMethod: e.target.value as 'md5' | 'hmac-sha256' })}
          >
            <option value="md5">{t('form.signMd5')}</option>
            <option value="hmac-sha256">
              {draft.platform === 'taobao' ? t('form.signHmacMd5') : t('form.signHmac')}
            </option>
          </select>
        </label>
      )}
      {field('gateway')}
      {!shop && (
        <Field
          label={t('showWindow.syncFrom')}
          hint={
            <small className="muted">
              {t('showWindow.syncFromHint', { days: ORDER_LOOKBACK_DAYS[draft.platform] })}
            </small>
          }
        >
          <BeijingTimeInput testId="shop-syncFrom" value={syncFrom} onChange={setSyncFrom} />
        </Field>
      )}
      {SECRETS.filter((k) => !KUAISHOU_ONLY.includes(k) || draft.platform === 'kuaishou').map((k) => (
        <label key={k}>
          <span>{t(`form.${k}`)}</span>
          <input
            type="password"
            autoComplete="off"
            data-testid={`shop-${k}`}
            placeholder={shop?.secrets[k] ? t('form.secretKept') : ''}
            value={secrets[k]}
            onChange={(e) => setSecrets({ ...secrets, [k]: e.target.value })}
          />
        </label>
      ))}
      {error && <ApiErrorText error={error} />}
      <div className="actions">
        <button type="submit" className="primary" data-testid="shop-save">
          {t('form.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('shops.cancel')}
        </button>
      </div>
    </form>
  );
}
