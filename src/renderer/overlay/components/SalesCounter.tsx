import { useEffect, useRef, useState } from 'react';
import type { OverlaySections } from '@shared/overlays/overlay-state';
import { FitText } from '../FitText';
import { useOverlayEnv } from '../overlay-env';
import { yuan } from '../overlay-text';

const COUNT_UP_MS = 900;

/** A number that counts up (or down) to its new value; instantly in still mode. */
function useCountUp(target: number, still: boolean): number {
  const [shown, setShown] = useState(target);
  const from = useRef(target);
  useEffect(() => {
    if (still) return;
    const start = performance.now();
    const begin = from.current;
    let frame = 0;
    const step = (t: number) => {
      const k = Math.min(1, (t - start) / COUNT_UP_MS);
      const eased = 1 - (1 - k) ** 3;
      const v = Math.round(begin + (target - begin) * eased);
      from.current = v;
      setShown(v);
      if (k < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [target, still]);
  return still ? target : shown;
}

/** Orders and GMV for the show, with an optional per-platform split. */
export function SalesCounter({ counter }: { counter: OverlaySections['salesCounter'] }) {
  const { t, still, logo } = useOverlayEnv();
  const orders = useCountUp(counter.orders, still);
  const gmv = useCountUp(counter.gmvFen, still);
  return (
    <div className="ov-panel ov-counter" data-overlay="sales-counter" data-testid="sales-counter">
      {logo && <div className="ov-logo">{logo}</div>}
      <div className="ov-counter-figure">
        <span className="ov-counter-label">{t('orders')}</span>
        <FitText className="ov-counter-value" max={60} min={32} lines={1} testId="counter-orders" dir="ltr">
          {orders.toLocaleString('en-US')}
        </FitText>
      </div>
      <div className="ov-counter-figure">
        <span className="ov-counter-label">{t('gmv')}</span>
        <FitText className="ov-counter-value" max={60} min={32} lines={1} testId="counter-gmv" dir="ltr">
          {yuan(Math.round(gmv / 100) * 100)}
        </FitText>
      </div>
      {counter.splitByPlatform && counter.byPlatform.length > 0 && (
        <ul className="ov-counter-split">
          {counter.byPlatform.map((p) => (
            <li key={p.platform}>
              <span>{t(`platform.${p.platform}`)}</span>
              <span dir="ltr">{p.orders.toLocaleString('en-US')}</span>
              <span dir="ltr">{yuan(Math.round(p.gmvFen / 100) * 100)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
