import { localName } from '@shared/overlays/overlay-ids';
import type { OverlaySections } from '@shared/overlays/overlay-state';
import { FitText } from '../FitText';
import { useOverlayEnv } from '../overlay-env';
import { yuan } from '../overlay-text';

/** Top products or counties by units or GMV. */
export function Leaderboard({ board }: { board: OverlaySections['leaderboard'] }) {
  const { t, language } = useOverlayEnv();
  return (
    <div className="ov-panel ov-board" data-overlay="leaderboard" data-testid="leaderboard">
      <div className="ov-board-title">{t(board.by === 'product' ? 'boardProducts' : 'boardCounties')}</div>
      <ol>
        {board.rows.map((r, i) => (
          <li key={r.key}>
            <span className="ov-board-rank">{i + 1}</span>
            <FitText className="ov-board-label" max={28} min={18} lines={1}>
              {localName(r.label, language)}
            </FitText>
            <span className="ov-board-value" dir="ltr">
              {board.metric === 'units' ? t('units', { n: r.units }) : yuan(r.gmvFen)}
            </span>
          </li>
        ))}
        {board.rows.length === 0 && <li className="ov-board-empty">{t('boardEmpty')}</li>}
      </ol>
    </div>
  );
}
