import type { EventName, EventPayload, OperationName, OperationOutput } from './contract';
import type { AccessRole } from './domains/settings';
import type { ServiceStatus } from './domains/system';

/**
 * What each console role may read. `access` (read/control) says whether an operation changes
 * the studio; the read scope says who may see its answer. Every role reads only what its own
 * view shows:
 *
 * - `everyone`: who am I, which show runs and what is on air (ids only), the status bar;
 * - `onAir`:   the show's cues and the overlay state: the prompter and guests (a guest's cues
 *              are narrowed to the slots they present, see `viewFor`);
 * - `figures`: the show list and the show's live figures: the data desk;
 * - `studio`:  everything else (orders, shops and their gateways, OBS hosts, the log, settings,
 *              the data directory): operators only.
 */
export type ReadScope = 'everyone' | 'onAir' | 'figures' | 'studio';

export const scopeRoles: Record<ReadScope, readonly AccessRole[]> = {
  everyone: ['operator', 'prompter', 'datadesk', 'guest'],
  onAir: ['operator', 'prompter', 'guest'],
  figures: ['operator', 'datadesk'],
  studio: ['operator'],
};

/** The read scope of every operation. Control operations are `studio` (operators only) as well. */
export const operationScopes = {
  'system.info': 'studio',
  'system.status': 'everyone',
  'log.recent': 'studio',
  'settings.get': 'studio',
  'settings.update': 'studio',
  'access.access': 'studio',
  'access.rotateToken': 'studio',
  'access.whoami': 'everyone',
  'access.roleLinks': 'studio',
  'access.createRoleLink': 'studio',
  'access.revokeRoleLink': 'studio',
  'shelf.search': 'studio',
  'shelf.facets': 'studio',
  'shelf.get': 'studio',
  'shelf.create': 'studio',
  'shelf.update': 'studio',
  'shelf.archive': 'studio',
  'shelf.bulkUpdate': 'studio',
  'shelf.delete': 'studio',
  'shelf.undo': 'studio',
  'shelf.history': 'studio',
  'shelf.priceLog': 'studio',
  'shelf.addImage': 'studio',
  // Product photos are on the big screen the data desk shows; nothing secret in a thumbnail.
  'shelf.image': 'figures',
  'shelf.importPreview': 'studio',
  'shelf.importApply': 'studio',
  'shelf.importStart': 'studio',
  'shelf.importCancel': 'studio',
  'shelf.importUndo': 'studio',
  'shelf.export': 'studio',
  'shelf.loadDemo': 'studio',
  'shows.list': 'figures',
  'shows.create': 'studio',
  'shows.update': 'studio',
  'shows.delete': 'studio',
  'rundown.get': 'studio',
  'rundown.addSlot': 'studio',
  'rundown.updateSlot': 'studio',
  'rundown.removeSlot': 'studio',
  'rundown.moveSlot': 'studio',
  'rundown.setOnAir': 'studio',
  'rundown.next': 'studio',
  'rundown.previous': 'studio',
  'rundown.export': 'studio',
  'rundown.import': 'studio',
  'obs.connections': 'studio',
  'obs.addConnection': 'studio',
  'obs.updateConnection': 'studio',
  'obs.removeConnection': 'studio',
  'obs.testConnection': 'studio',
  'obs.retryNow': 'studio',
  'obs.state': 'studio',
  'obs.setProgram': 'studio',
  'obs.setPreview': 'studio',
  'obs.studioMode': 'studio',
  'obs.transition': 'studio',
  'obs.take': 'studio',
  'obs.cut': 'studio',
  'obs.cameras': 'studio',
  'obs.setCameras': 'studio',
  'obs.camera': 'studio',
  'obs.thumbnails': 'studio',
  'obs.stream': 'studio',
  'obs.record': 'studio',
  'obs.health': 'studio',
  'obs.inputs': 'studio',
  'obs.setAudioInputs': 'studio',
  'obs.mute': 'studio',
  'obs.applyCue': 'studio',
  'obs.provisionOverlays': 'studio',
  'obs.reloadOverlays': 'studio',
  'obs.refreshOverlay': 'studio',
  'obs.screenshot': 'studio',
  'overlays.state': 'onAir',
  'overlays.pages': 'studio',
  'overlays.health': 'studio',
  'overlays.themes': 'studio',
  'overlays.setVisible': 'studio',
  'overlays.showProduct': 'studio',
  'overlays.followOnAir': 'studio',
  'overlays.countdown': 'studio',
  'overlays.setTicker': 'studio',
  'overlays.setLeaderboard': 'studio',
  'overlays.setSalesCounter': 'studio',
  'overlays.setLowerThird': 'studio',
  'overlays.setLook': 'studio',
  'overlays.safeAreaPresets': 'studio',
  'overlays.setSafeArea': 'studio',
  'orders.pushSettings': 'studio',
  'orders.setPushSettings': 'studio',
  'orders.pushStatus': 'studio',
  'orders.figures': 'studio',
  'orders.timeline': 'studio',
  'orders.list': 'studio',
  'orders.unmapped': 'studio',
  'orders.resolveUnmapped': 'studio',
  'shops.list': 'studio',
  'shops.save': 'studio',
  'shops.remove': 'studio',
  'shops.setEnabled': 'studio',
  'shops.backfill': 'studio',
  'shops.test': 'studio',
  'shops.syncNow': 'studio',
  'show.state': 'everyone',
  'show.select': 'studio',
  'cues.list': 'onAir',
  'cues.update': 'studio',
  'show.plan': 'studio',
  'show.standby': 'studio',
  'show.next': 'studio',
  'show.previous': 'studio',
  'show.go': 'studio',
  'show.clearOverlays': 'studio',
  'show.camera': 'studio',
  'show.overlay': 'studio',
  'show.countdown': 'studio',
  'show.end': 'studio',
  'show.start': 'studio',
  'show.reapply': 'studio',
  'show.setAutoReapply': 'studio',
  'show.setWindow': 'studio',
  'show.ackPrice': 'studio',
  'show.log': 'studio',
  'show.dashboard': 'figures',
  'report.get': 'studio',
  'report.export': 'studio',
  // Operators only for now (the data desk's view does not show the event); join links carry booth passwords.
  'event.figures': 'studio',
  'event.status': 'studio',
  'event.shelfAdd': 'studio',
  'event.addBooth': 'studio',
} as const satisfies Record<OperationName, ReadScope>;

/** Who may subscribe to each event: the same scopes as the operations whose answers they update. */
export const eventScopes = {
  'system.statusChanged': 'everyone',
  'log.line': 'studio',
  'settings.changed': 'studio',
  'shelf.changed': 'onAir',
  'shelf.importProgress': 'studio',
  'shelf.importFinished': 'studio',
  'rundown.onAirChanged': 'studio',
  'rundown.changed': 'studio',
  'obs.status': 'studio',
  'obs.connectionsChanged': 'studio',
  'obs.state': 'studio',
  'obs.health': 'studio',
  'overlays.stateChanged': 'onAir',
  'overlays.health': 'studio',
  'orders.figuresChanged': 'figures',
  'orders.linesChanged': 'studio',
  'orders.pushStatusChanged': 'studio',
  'shops.statusChanged': 'figures',
  'show.stateChanged': 'everyone',
  'show.logged': 'studio',
  'cues.changed': 'onAir',
} as const satisfies Record<EventName, ReadScope>;

export const canRead = (role: AccessRole, name: OperationName): boolean =>
  scopeRoles[operationScopes[name]].includes(role);

export const canSubscribe = (role: AccessRole, event: EventName): boolean =>
  scopeRoles[eventScopes[event]].includes(role);

export interface Viewer {
  role: AccessRole;
  /** The access link's label: for a guest, the presenter name whose slots they see. */
  label?: string;
}

/** A service status as a non-operator sees it: the state, not the details (hosts, files, reasons). */
const statusForRole = (s: ServiceStatus): ServiceStatus => ({
  ...s,
  detailKey: 'access.statusHidden',
  params: {},
});

/**
 * An answer narrowed to what the caller's view shows. Operators see everything; a guest sees
 * only the cues they present; other roles see service states without their details.
 */
export function viewFor<K extends OperationName>(
  name: K,
  value: OperationOutput<K>,
  viewer: Viewer,
): OperationOutput<K> {
  if (viewer.role === 'operator') return value;
  if (name === 'system.status') {
    const v = value as OperationOutput<'system.status'>;
    return { services: v.services.map(statusForRole) } as OperationOutput<K>;
  }
  if (name === 'cues.list' && viewer.role === 'guest') {
    const v = value as OperationOutput<'cues.list'>;
    const me = (viewer.label ?? '').trim();
    return {
      cues: v.cues.filter((c) => me !== '' && c.presenter.name.trim() === me),
    } as OperationOutput<K>;
  }
  return value;
}

/** An event payload narrowed like the answers of `viewFor`. */
export function eventViewFor<E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  viewer: Viewer,
): EventPayload<E> {
  if (viewer.role !== 'operator' && event === 'system.statusChanged') {
    return statusForRole(payload as EventPayload<'system.statusChanged'>) as EventPayload<E>;
  }
  return payload;
}
