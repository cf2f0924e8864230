import { useTranslation } from 'react-i18next';
import { formatFen } from '@shared/api/domains/shelf-money';
import { mmss, useCountdownLeft } from './use-countdown-left';
import { useOnAir } from './use-on-air';

/** The anchor's prompter: what is on air now, in big text, with price, stock, countdown and talking points. */
export function PrompterView() {
  const { t } = useTranslation('showday');
  const { onAir, next, overlay } = useOnAir();
  const left = useCountdownLeft(overlay?.countdown);
  if (!onAir)
    return (
      <div className="prompter" data-testid="prompter">
        <p className="prompter-empty">{t('prompter.nothingOnAir')}</p>
      </div>
    );
  const soldOut = onAir.product.stock === 0;
  return (
    <div className="prompter" data-testid="prompter" data-slot-id={onAir.slotId}>
      <p className="prompter-label">{t('prompter.now')}</p>
      <h1 className="prompter-product" data-testid="prompter-product">
        {onAir.product.nameZh}
      </h1>
      <div className="prompter-figures">
        <div>
          <span className="prompter-label">{t('prompter.price')}</span>
          <span className="prompter-big" dir="ltr" data-testid="prompter-price">
            {t('money', { value: formatFen(onAir.livePriceFen) })}
          </span>
        </div>
        <div>
          <span className="prompter-label">{t('prompter.stock')}</span>
          <span className="prompter-big" data-testid="prompter-stock" data-sold-out={soldOut || undefined}>
            {soldOut ? t('prompter.soldOut') : onAir.product.stock}
          </span>
        </div>
        {onAir.cartLinkNo !== null && (
          <div>
            <span className="prompter-big">{t('prompter.cartLink', { no: onAir.cartLinkNo })}</span>
          </div>
        )}
        {left !== null && (
          <div>
            <span className="prompter-label">{t('prompter.countdown')}</span>
            <span className="prompter-big" dir="ltr" data-testid="prompter-countdown">
              {mmss(left)}
            </span>
          </div>
        )}
      </div>
      <section className="prompter-points" data-testid="prompter-points">
        <h2>{t('show.talkingPoints')}</h2>
        {onAir.talkingPoints
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l, i) => (
            <p key={i}>{l}</p>
          ))}
      </section>
      {next && (
        <p className="prompter-next" data-testid="prompter-next">
          {t('prompter.next')}: {next.product.nameZh}
        </p>
      )}
    </div>
  );
}
