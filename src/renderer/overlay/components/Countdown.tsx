import { useEffect, useState } from 'react';
import { localName } from '@shared/overlays/overlay-ids';
import type { Countdown as CountdownState } from '@shared/overlays/overlay-state';
import { FitText } from '../FitText';
import { useOverlayEnv } from '../overlay-env';

/** What is left, read from the core's wall-clock end time, so a page hidden for a while is still right. */
export function remainingMs(c: CountdownState, coreNow: number): number {
  if (c.status === 'running') return Math.max(0, (c.endsAt ?? coreNow) - coreNow);
  if (c.status === 'ended') return 0;
  return c.remainingMs;
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Flash-sale countdown. */
export function Countdown({ countdown }: { countdown: CountdownState }) {
  const { t, language, clockOffset } = useOverlayEnv();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (countdown.status !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [countdown.status]);
  // Read afresh on mount (shown again after a while) and every 200 ms while running.
  const left = remainingMs(countdown, now + clockOffset);
  const ended = countdown.status === 'ended' || (countdown.status === 'running' && left === 0);
  const endedText = countdown.endedReason === 'soldOut' ? t('countdownSoldOut') : t('countdownEnded');
  return (
    <div
      className="ov-panel ov-countdown"
      data-overlay="countdown"
      data-testid="countdown"
      data-status={countdown.status}
    >
      <FitText className="ov-countdown-title" max={34} min={22} lines={1}>
        {t('flashSale')}
      </FitText>
      {countdown.productName && (
        <FitText className="ov-countdown-product" max={30} min={20} lines={1}>
          {localName(countdown.productName, language)}
        </FitText>
      )}
      <FitText className="ov-countdown-time" max={96} min={48} lines={1} testId="countdown-time" dir="ltr">
        {ended ? endedText : formatClock(left)}
      </FitText>
      {countdown.status === 'paused' && <div className="ov-countdown-note">{t('countdownPaused')}</div>}
    </div>
  );
}
