import { useTranslation } from 'react-i18next';
import { formatFen } from '@shared/api/domains/shelf-money';
import type { Cue, ShowState } from '@shared/api/domains/showday';

/** The show's cues in rundown order; the on-air and standby rows stand out. A click stands a cue by. */
export function CueList({
  cues,
  state,
  standbySlotId,
  onStandby,
  sold,
}: {
  cues: Cue[];
  state: ShowState;
  /** Units sold per product in the show's window (the ledger's figures). */
  sold: ReadonlyMap<number, number>;
  standbySlotId: number | null;
  onStandby: (slotId: number) => void;
}) {
  const { t } = useTranslation('showday');
  return (
    <table className="cue-list" data-testid="cue-list">
      <caption>{t('show.cues')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('show.position')}</th>
          <th scope="col">{t('show.product')}</th>
          <th scope="col">{t('show.presenter')}</th>
          <th scope="col">{t('show.camera')}</th>
          <th scope="col">{t('show.price')}</th>
          <th scope="col">{t('show.countdown')}</th>
          <th scope="col">{t('show.stock')}</th>
          <th scope="col">{t('onair2.sold')}</th>
        </tr>
      </thead>
      <tbody>
        {cues.map((c) => {
          const onAir = c.slotId === state.onAirSlotId;
          const standby = c.slotId === standbySlotId;
          return (
            <tr
              key={c.slotId}
              data-testid="cue-row"
              data-slot-id={c.slotId}
              data-on-air={onAir || undefined}
              data-standby={standby || undefined}
              aria-current={onAir ? 'true' : undefined}
              onClick={() => onStandby(c.slotId)}
            >
              <td>
                {c.position + 1}
                {onAir && <span className="cue-badge cue-badge-air">{t('show.onAir')}</span>}
                {standby && <span className="cue-badge cue-badge-standby">{t('show.standby')}</span>}
              </td>
              <td>
                {c.product.nameZh}
                {c.product.stock === 0 && <span className="cue-soldout">{t('prompter.soldOut')}</span>}
              </td>
              <td>{c.presenter.name}</td>
              <td>{c.cameraPreset}</td>
              <td dir="ltr">{t('money', { value: formatFen(c.livePriceFen) })}</td>
              <td>
                {c.settings.countdownSeconds !== null &&
                  t('show.seconds', { count: c.settings.countdownSeconds })}
              </td>
              <td data-testid="cue-stock" data-stock={c.product.stock}>
                {c.product.stock}
              </td>
              <td data-testid="cue-sold" data-sold={sold.get(c.product.id) ?? 0}>
                {sold.get(c.product.id) ?? 0}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
