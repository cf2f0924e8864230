import type { Shop } from '@shared/api/domains/orders';
import type { Handlers } from '../api/dispatcher';
import type { CallContext } from '../api/dispatcher';
import type { ShelfReader } from '../shelf';
import type { StudioContext } from '../studio-context';
import { buildDashboard } from './dashboard-builder';
import { buildReport } from './report-builder';
import { exportReport } from './report-export';
import { showMissing, type ShowConsole } from './show-console';
import type { OnAirOperationName, ShowdayOperationName } from './showday-module';

/** Who did it, for the on-air log: the role, and the access link's label when there is one. */
export const actorOf = (ctx: CallContext): string => (ctx.label ? `${ctx.role}:${ctx.label}` : ctx.role);

export function showdayHandlers(
  ctx: StudioContext,
  console: ShowConsole,
  catalog: ShelfReader,
  shops: () => Promise<Shop[]>,
  pdfFont?: string,
): Pick<Handlers, ShowdayOperationName | OnAirOperationName> {
  const report = (showId: number) => {
    const r = buildReport(ctx.db(), catalog, console.store, showId);
    if (!r) throw showMissing(showId);
    return r;
  };
  return {
    'show.state': () => console.state(),
    'show.select': ({ showId, obsInstanceId, alsoObsInstanceIds }, c) =>
      console.select(showId, obsInstanceId, actorOf(c), alsoObsInstanceIds),
    'cues.list': ({ showId }) => ({ cues: console.cues(showId) }),
    'cues.update': ({ slotId, settings }) => console.updateCue(slotId, settings),
    'show.plan': () => console.plan(),
    'show.standby': ({ slotId }, c) => console.standby(slotId, actorOf(c)),
    'show.next': (_i, c) => console.step(1, actorOf(c)),
    'show.previous': (_i, c) => console.step(-1, actorOf(c)),
    'show.go': ({ slotId }, c) => console.go(slotId, actorOf(c)),
    // One on-air authority: these replace the shelf's card-only versions (see ShowConsole.putOnAir).
    'rundown.setOnAir': ({ showId, slotId }, c) => console.putOnAir(showId, slotId, actorOf(c)),
    'rundown.next': ({ showId }, c) => console.putOnAir(showId, 'next', actorOf(c)),
    'rundown.previous': ({ showId }, c) => console.putOnAir(showId, 'previous', actorOf(c)),
    'show.clearOverlays': (_i, c) => {
      console.clearOverlays(actorOf(c));
      return {};
    },
    'show.camera': async ({ key }, c) => {
      await console.camera(key, actorOf(c));
      return {};
    },
    'show.overlay': ({ overlay, visible }, c) => {
      console.setOverlay(overlay, visible, actorOf(c));
      return {};
    },
    'show.countdown': ({ action, seconds }, c) => {
      console.countdown(action, seconds, actorOf(c));
      return {};
    },
    'show.start': (_i, c) => console.startShow(actorOf(c)),
    'show.setWindow': ({ showId, from, to }, c) =>
      console.editWindow(showId, from === null ? null : { from, to }, actorOf(c)),
    'show.reapply': (_i, c) => console.reapply(actorOf(c)),
    'show.setAutoReapply': ({ enabled }) => console.setAutoReapply(enabled),
    'show.end': (_i, c) => console.end(actorOf(c)),
    'show.ackPrice': ({ slotId }) => {
      console.ackPrice(slotId);
      return {};
    },
    'show.log': ({ showId, limit }) => ({ entries: console.store.entries(showId, limit) }),
    'show.dashboard': async ({ showId }) => {
      if (!catalog.getShow(showId)) throw showMissing(showId);
      return buildDashboard(ctx.db(), catalog, showId, await shops());
    },
    'report.get': ({ showId }) => report(showId),
    'report.export': ({ showId, format, language }) =>
      exportReport(report(showId), format, language, pdfFont),
  };
}
