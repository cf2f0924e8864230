import { useTranslation } from 'react-i18next';
import type { CuePlan } from '@shared/api/domains/showday';
import { useApi } from '../../api/studio-api';
import { OverlayPreview } from '../../components/OverlayPreview';

/** What GO will do: the camera scene, which overlays show or hide, and the overlays drawn as OBS will. */
export function CuePreview({ plan }: { plan: CuePlan | null }) {
  const { t } = useTranslation('showday');
  const api = useApi();
  if (!plan) return <p className="muted">{t('show.endOfRundown')}</p>;
  return (
    <section className="cue-preview" data-testid="cue-preview" data-slot-id={plan.cue.slotId}>
      <h3>{t('show.preview')}</h3>
      {plan.warnings.length > 0 && (
        <div className="cue-warnings" role="alert" data-testid="cue-warnings">
          <strong>{t('warn.title')}</strong>
          <ul>
            {plan.warnings.map((w) => (
              <li key={w.code} data-code={w.code}>
                {t(w.key, w.params)}
                {w.code === 'price_changed' && (
                  // The operator checked the new price: the warning goes (the plan is re-read on cues.changed).
                  <button
                    type="button"
                    className="small"
                    data-testid="ack-price"
                    onClick={() => void api.show.ackPrice({ slotId: plan.cue.slotId })}
                  >
                    {t('priceGuard.ack')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="cue-preview-product">
        {plan.cue.product.nameZh}{' '}
        <span className="muted" data-testid="preview-stock" data-stock={plan.cue.product.stock}>
          {t('show.stock')} {plan.cue.product.stock}
        </span>
      </p>
      <p data-testid="preview-scene">
        {plan.programScene ? t('show.programScene', { scene: plan.programScene }) : t('show.noScene')}
      </p>
      <ul className="cue-preview-overlays">
        {plan.overlays.map((o) => (
          <li key={o.overlay} data-visible={o.visible}>
            {t(`overlay.${o.overlay}`)}: {o.visible ? t('overlay.shown') : t('overlay.hidden')}
          </li>
        ))}
      </ul>
      <div className="cue-preview-frames">
        <OverlayPreview id="product-card" state={plan.overlayPreview} scale={0.2} />
        <OverlayPreview id="lower-third" state={plan.overlayPreview} scale={0.2} />
      </div>
      {plan.obs.key && <p className="muted">{t(plan.obs.key, plan.obs.params)}</p>}
    </section>
  );
}
