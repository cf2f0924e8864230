import type { LogEntry } from '@shared/api/domains/showday';

type T = (key: string, params?: Record<string, unknown>) => string;

const ROLES = new Set(['operator', 'prompter', 'datadesk', 'guest']);

/**
 * Who did it, in the operator's words: the studio itself (sold out, the automatic re-apply, the
 * on-air move that follows a cue) or a role, with its access link's label (e.g. a Stream Deck).
 */
export function actorText(actor: string, t: T): string {
  if (actor === 'studio') return t('onAir.actor.studio');
  const [role = '', ...rest] = actor.split(':');
  const label = rest.join(':');
  const who = ROLES.has(role) ? t(`onAir.actor.${role}`) : role;
  return label ? t('onAir.actor.withLabel', { who, label }) : who;
}

/** What a log line did, beyond its action: which overlay and on or off, which camera, how long. */
export function detailText(e: LogEntry, t: T): string {
  const d = e.detail;
  switch (e.action) {
    case 'overlay':
      return t('onAir.detail.overlay', {
        overlay: t(`overlay.${String(d.overlay)}`),
        state: t(d.visible ? 'overlay.shown' : 'overlay.hidden'),
      });
    case 'camera':
      return t('onAir.detail.camera', { key: String(d.key) });
    case 'countdown':
      return d.action === 'start'
        ? t('onAir.detail.countdownStart', { seconds: Number(d.seconds) })
        : t('onAir.detail.countdownStop');
    default:
      return '';
  }
}
