import type { LogEntry } from '@shared/api/domains/showday';

/** One stretch of time a slot's product was on air. */
export interface AirInterval {
  slotId: number;
  productId: number;
  presenter: string;
  start: number;
  end: number;
}

/**
 * Turns the on-air log into intervals: each `on_air` line starts its slot's interval and ends the
 * one before; an `on_air` with no slot or an `end` line ends it; one still open ends at `until`.
 */
export function airIntervals(entries: readonly LogEntry[], until: number): AirInterval[] {
  const out: AirInterval[] = [];
  let open: Omit<AirInterval, 'end'> | null = null;
  const close = (at: number) => {
    if (open && at > open.start) out.push({ ...open, end: at });
    open = null;
  };
  for (const e of [...entries].sort((a, b) => a.at - b.at || a.id - b.id)) {
    if (e.action === 'end') close(e.at);
    if (e.action !== 'on_air') continue;
    close(e.at);
    if (e.slotId !== null && e.productId !== null) {
      const presenter = typeof e.detail.presenter === 'string' ? e.detail.presenter : '';
      open = { slotId: e.slotId, productId: e.productId, presenter, start: e.at };
    }
  }
  close(until);
  return out;
}
