import { useEffect, useState } from 'react';
import type { Countdown } from '@shared/overlays/overlay-state';

/** Seconds left on the flash-sale countdown, ticking while it runs; null when none is shown. */
export function useCountdownLeft(c: Countdown | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  const running = c?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [running]);
  if (!c || !c.visible || c.status === 'idle') return null;
  if (c.status === 'running' && c.endsAt !== null) return Math.max(0, Math.ceil((c.endsAt - now) / 1000));
  return Math.ceil(c.remainingMs / 1000);
}

export const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
