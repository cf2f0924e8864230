/** What a destructive rundown action is about to take away: shows and rundown slots, by id. */
export interface UndoScope {
  showIds: readonly number[];
  slotIds: readonly number[];
}

/** Another area's state tied to shows or slots (cue settings, the console's choice of show). */
export interface UndoExtra {
  /** What this area holds for the scope, before the delete; JSON-serialisable. */
  capture(scope: UndoScope): unknown;
  /** Puts it back after the rows are restored; runs inside the undo's transaction. */
  restore(data: unknown): void;
}

export type UndoExtrasData = Record<string, unknown>;

/**
 * Other areas' state that goes with a show or a slot (deleted with it by a cascade), recorded with
 * the shelf's undo entry so an undo restores everything, not only the rundown's rows. The shelf
 * knows nothing of those areas: each registers itself by name.
 */
export class UndoExtras {
  private readonly parts = new Map<string, UndoExtra>();

  register(name: string, extra: UndoExtra): () => void {
    this.parts.set(name, extra);
    return () => this.parts.delete(name);
  }

  capture(scope: UndoScope): UndoExtrasData {
    const data: UndoExtrasData = {};
    for (const [name, extra] of this.parts) data[name] = extra.capture(scope);
    return data;
  }

  /** Entries recorded before an area registered (or by an older version) restore nothing for it. */
  restore(data: UndoExtrasData | undefined): void {
    if (!data) return;
    for (const [name, extra] of this.parts) if (data[name] !== undefined) extra.restore(data[name]);
  }
}
