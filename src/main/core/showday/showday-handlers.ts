import type { Shop } from '@shared/api/domains/orders';
import type { Handlers } from '../api/dispatcher';
import type { CallContext } from '../api/dispatcher';
import type { ShelfReader } from '../shelf';
import type { StudioContext } from '../studio-context';
import { buildDashboard } from './dashboard-builder';
import { buildReport } from './report-builder';
import { exportReport } from './report-export';
import { showMissing, type OnAirConsole } from './on-air-console';
import type { OnAirOperationName, ShowdayOperationName } from './showday-module';

/** Who did it, for the on-air log: the role, and the access link's label when there is one. */
export const actorOf = (ctx: CallContext): string => (ctx.label ? `${ctx.role}:${ctx.label}` : ctx.role);

export function showdayHandlers(
  ctx: StudioContext,
  onAir: OnAirConsole,
  shelf: ShelfReader,
  shops: () => Promise<Shop[]>,
  pdfFont?: string,
): Pick<Handlers, ShowdayOperationName | OnAirOperationName> {
  const report = (showId: number) => {
    const r = buildReport(ctx.db(), shelf, onAir.store, showId);
    if (!r) throw showMissing(showId);
    return r;
  };
  return {
    'show.state': () => onAir.state(),
    'show.select': ({ showId, obsInstanceId, alsoObsInstanceIds }, c) =>
      onAir.select(showId, obsInstanceId, actorOf(c), alsoObsInstanceIds),
    'cues.list': ({ showId }) => ({ cues: onAir.cues(showId) }),
    'cues.update': ({ slotId, settings }) => onAir.updateCue(slotId, settings),
    'show.plan': () => onAir.plan(),
    'show.standby': ({ slotId }, c) => onAir.standby(slotId, actorOf(c)),
    'show.next': (_i, c) => onAir.step(1, actorOf(c)),
    'show.previous': (_i, c) => onAir.step(-1, actorOf(c)),
    'show.go': ({ slotId }, c) => onAir.go(slotId, actorOf(c)),
    // One on-air authority: these replace the shelf's card-only versions (see OnAirConsole.putOnAir).
    'rundown.setOnAir': ({ showId, slotId }, c) => onAir.putOnAir(showId, slotId, actorOf(c)),
    'rundown.next': ({ showId }, c) => onAir.putOnAir(showId, 'next', actorOf(c)),
    'rundown.previous': ({ showId }, c) => onAir.putOnAir(showId, 'previous', actorOf(c)),
    'show.clearOverlays': (_i, c) => {
      onAir.clearOverlays(actorOf(c));
      return {};
    },
    'show.camera': async ({ key }, c) => {
      await onAir.camera(key, actorOf(c));
      return {};
    },
    'show.overlay': ({ overlay, visible }, c) => {
      onAir.setOverlay(overlay, visible, actorOf(c));
      return {};
    },
    'show.countdown': ({ action, seconds }, c) => {
      onAir.countdown(action, seconds, actorOf(c));
      return {};
    },
    'show.start': (_i, c) => onAir.startShow(actorOf(c)),
    'show.setWindow': ({ showId, from, to }, c) =>
      onAir.editWindow(showId, from === null ? null : { from, to }, actorOf(c)),
    'show.reapply': (_i, c) => onAir.reapply(actorOf(c)),
    'show.setAutoReapply': ({ enabled }) => onAir.setAutoReapply(enabled),
    'show.end': (_i, c) => onAir.end(actorOf(c)),
    'show.ackPrice': ({ slotId }) => {
      onAir.ackPrice(slotId);
      return {};
    },
    'show.log': ({ showId, limit }) => ({ entries: onAir.store.entries(showId, limit) }),
    'show.dashboard': async ({ showId }) => {
      if (!shelf.getShow(showId)) throw showMissing(showId);
      return buildDashboard(ctx.db(), shelf, showId, await shops());
    },
    'report.get': ({ showId }) => report(showId),
    'report.export': ({ showId, format, language }) =>
      exportReport(report(showId), format, language, pdfFont),
  };
}
