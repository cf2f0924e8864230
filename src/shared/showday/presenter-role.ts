/** Who a slot's presenter is on the lower third's tag when the rundown names no role. */
export type PresenterKind = 'host' | 'guest';

/**
 * The default tag of a slot's lower third: a presenter with a title or a county (副县长, 某县) joins
 * as a guest (嘉宾); anyone else is the show's host (主播). An explicit role (县长, 书记 …) wins.
 */
export function presenterKindOf(p: { title: string; county: string }): PresenterKind {
  return p.title.trim() !== '' || p.county.trim() !== '' ? 'guest' : 'host';
}
