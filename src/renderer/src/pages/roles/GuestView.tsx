import { useTranslation } from 'react-i18next';
import { formatFen } from '@shared/api/domains/shelf-money';
import { useOnAir } from './use-on-air';

/** A guest (e.g. a county official): the slots they present, and their lower third. */
export function GuestView({ label }: { label: string }) {
  const { t } = useTranslation('showday');
  const { cues, onAir, overlay } = useOnAir();
  const mine = cues.filter((c) => c.presenter.name.trim() !== '' && c.presenter.name.trim() === label.trim());
  const live = onAir !== null && mine.some((c) => c.slotId === onAir.slotId);
  const lt = overlay?.lowerThird;
  return (
    <div className="guest-view" data-testid="guest-view">
      {live && (
        <p className="guest-live" role="status" data-testid="guest-live">
          {t('guest.onAir')}
        </p>
      )}
      <h2>{t('guest.yourSlots')}</h2>
      {mine.length === 0 && <p className="muted">{t('guest.noSlots', { label })}</p>}
      <ol className="guest-slots">
        {mine.map((c) => (
          <li key={c.slotId} data-testid="guest-slot" data-on-air={c.slotId === onAir?.slotId || undefined}>
            <strong>{c.product.nameZh}</strong>{' '}
            <span dir="ltr">{t('money', { value: formatFen(c.livePriceFen) })}</span>
            <p>{c.talkingPoints}</p>
          </li>
        ))}
      </ol>
      {mine[0] && (
        <section className="guest-lower-third" data-testid="guest-lower-third">
          <h3>{t('guest.lowerThird')}</h3>
          <p>
            <strong>{live && lt?.visible ? lt.name : mine[0].presenter.name}</strong>{' '}
            {live && lt?.visible ? lt.title : mine[0].presenter.title}{' '}
            {live && lt?.visible ? lt.county : mine[0].presenter.county}
          </p>
        </section>
      )}
    </div>
  );
}
