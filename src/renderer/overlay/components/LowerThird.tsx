import type { OverlaySections } from '@shared/overlays/overlay-state';
import { FitText } from '../FitText';
import { useOverlayEnv } from '../overlay-env';

/** Guest lower third: name, title, county (a deputy county head joining as guest anchor). */
export function LowerThird({ guest }: { guest: OverlaySections['lowerThird'] }) {
  const { t } = useOverlayEnv();
  const role = [guest.county, guest.title].filter(Boolean).join(' · ');
  return (
    <div className="ov-panel ov-lower" data-overlay="lower-third" data-testid="lower-third">
      <div className="ov-lower-tag" data-testid="lower-third-role">
        {guest.role || t(guest.kind)}
      </div>
      <div className="ov-lower-text">
        <FitText className="ov-lower-name" max={48} min={28} lines={1}>
          {guest.name}
        </FitText>
        {role && <div className="ov-lower-role">{role}</div>}
      </div>
    </div>
  );
}
