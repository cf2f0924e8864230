import { sectionNames } from './overlay-ids';
import type { OverlaySections, OverlayState } from './overlay-state';

/**
 * Frames the overlay server sends to overlay pages. `full` on every (re)connect, then `delta`s
 * holding only the sections that changed. `serverNow` lets a page align its clock with the core's
 * for countdowns (which are sent as wall-clock end times).
 */
export type OverlayFrame =
  | { type: 'full'; state: OverlayState; serverNow: number }
  | { type: 'delta'; rev: number; sections: Partial<OverlaySections>; serverNow: number };

/** The sections of `next` that differ from `prev` (deep comparison of their JSON). */
export function diffSections(prev: OverlaySections, next: OverlaySections): Partial<OverlaySections> {
  const out: Partial<Record<keyof OverlaySections, unknown>> = {};
  for (const name of sectionNames) {
    if (JSON.stringify(prev[name]) !== JSON.stringify(next[name])) out[name] = next[name];
  }
  return out as Partial<OverlaySections>;
}

export type ApplyResult = { ok: true; state: OverlayState } | { ok: false; reason: 'gap' | 'stale' };

/**
 * Applies a delta. A delta older than the state is ignored (`stale`); one that skips a revision
 * means a lost frame (`gap`): the page must ask for the full state again rather than show a mix.
 */
export function applyDelta(
  state: OverlayState,
  delta: { rev: number; sections: Partial<OverlaySections> },
): ApplyResult {
  if (delta.rev <= state.rev) return { ok: false, reason: 'stale' };
  if (delta.rev !== state.rev + 1) return { ok: false, reason: 'gap' };
  return { ok: true, state: { ...state, ...delta.sections, rev: delta.rev } };
}

/** True when nothing in the delta would change what a page shows. */
export const isEmptyDelta = (sections: Partial<OverlaySections>): boolean =>
  Object.keys(sections).length === 0;
