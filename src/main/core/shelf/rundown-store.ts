import type Database from 'better-sqlite3';
import type { Platform, RundownSlot, Show, SlotInput, SlotPatch } from '@shared/api/domains/shelf';
import { notFound } from './product-store';
import { showFromRow, slotFromRow, type ShowRow, type SlotRow } from './shelf-rows';

export interface ShowFields {
  title: string;
  showDate: string;
  platforms: Platform[];
  notes: string;
}

export interface RemovedShow {
  show: ShowRow;
  slots: SlotRow[];
}

/**
 * Shows and their rundown slots. Invariant: a show's slot positions are exactly 0..n-1. Every
 * reorder first parks the show's positions below zero, then writes the final order, so the
 * UNIQUE (show_id, position) constraint holds at every step.
 */
export class RundownStore {
  private stmts: ReturnType<RundownStore['prepare']> | undefined;

  constructor(private readonly db: () => Database.Database) {}

  private get q() {
    return (this.stmts ??= this.prepare(this.db()));
  }

  private prepare(db: Database.Database) {
    return {
      shows: db.prepare<[], ShowRow>('SELECT * FROM show ORDER BY show_date DESC, id DESC'),
      show: db.prepare<[number], ShowRow>('SELECT * FROM show WHERE id = ?'),
      insertShow: db.prepare<ShowRow, { id: number }>(
        `INSERT INTO show (id, title, show_date, platforms, notes, on_air_slot_id, on_air_from, on_air_to,
           created_at, updated_at)
         VALUES (@id, @title, @show_date, @platforms, @notes, @on_air_slot_id, @on_air_from, @on_air_to,
           @created_at, @updated_at) RETURNING id`,
      ),
      updateShow: db.prepare<[string, string, string, string, number, number]>(
        'UPDATE show SET title = ?, show_date = ?, platforms = ?, notes = ?, updated_at = ? WHERE id = ?',
      ),
      deleteShow: db.prepare<[number]>('DELETE FROM show WHERE id = ?'),
      setOnAir: db.prepare<[number | null, number, number]>(
        'UPDATE show SET on_air_slot_id = ?, updated_at = ? WHERE id = ?',
      ),
      slots: db.prepare<[number], SlotRow>('SELECT * FROM rundown_slot WHERE show_id = ? ORDER BY position'),
      slot: db.prepare<[number], SlotRow>('SELECT * FROM rundown_slot WHERE id = ?'),
      insertSlot: db.prepare<SlotRow, { id: number }>(
        `INSERT INTO rundown_slot (id, show_id, position, product_id, presenter_name, presenter_title,
           presenter_county, presenter_role, planned_seconds, camera_preset, live_price_override_fen, notes)
         VALUES (@id, @show_id, @position, @product_id, @presenter_name, @presenter_title, @presenter_county,
           @presenter_role, @planned_seconds, @camera_preset, @live_price_override_fen, @notes) RETURNING id`,
      ),
      updateSlot: db.prepare<SlotRow>(
        `UPDATE rundown_slot SET product_id = @product_id, presenter_name = @presenter_name,
           presenter_title = @presenter_title, presenter_county = @presenter_county,
           presenter_role = @presenter_role,
           planned_seconds = @planned_seconds, camera_preset = @camera_preset,
           live_price_override_fen = @live_price_override_fen, notes = @notes
         WHERE id = @id`,
      ),
      deleteSlot: db.prepare<[number]>('DELETE FROM rundown_slot WHERE id = ?'),
      park: db.prepare<[number]>('UPDATE rundown_slot SET position = -1 - position WHERE show_id = ?'),
      place: db.prepare<[number, number]>('UPDATE rundown_slot SET position = ? WHERE id = ?'),
      product: db.prepare<[number], { id: number }>('SELECT id FROM product WHERE id = ?'),
    };
  }

  listShows(): Show[] {
    return this.q.shows.all().map(showFromRow);
  }

  showRow(id: number): ShowRow {
    const row = this.q.show.get(id);
    if (!row) throw notFound(id, 'show');
    return row;
  }

  createShow(f: ShowFields, now = Date.now()): number {
    return this.q.insertShow.get({
      id: null as unknown as number,
      title: f.title,
      show_date: f.showDate,
      platforms: JSON.stringify(f.platforms),
      notes: f.notes,
      on_air_slot_id: null,
      on_air_from: null,
      on_air_to: null,
      created_at: now,
      updated_at: now,
    })!.id;
  }

  updateShow(id: number, patch: Partial<ShowFields>, now = Date.now()): void {
    const cur = showFromRow(this.showRow(id));
    const next = { ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    this.q.updateShow.run(next.title, next.showDate, JSON.stringify(next.platforms), next.notes, now, id);
  }

  deleteShow(id: number): RemovedShow {
    const show = this.showRow(id);
    const slots = this.q.slots.all(id);
    this.q.deleteShow.run(id);
    return { show, slots };
  }

  restoreShow(removed: RemovedShow): void {
    this.q.insertShow.get({ ...removed.show, on_air_slot_id: null });
    for (const s of removed.slots) this.q.insertSlot.get(slotRowFrom(s));
    this.q.setOnAir.run(removed.show.on_air_slot_id, removed.show.updated_at, removed.show.id);
  }

  slots(showId: number): RundownSlot[] {
    return this.q.slots.all(showId).map(slotFromRow);
  }

  slotRow(slotId: number): SlotRow {
    const row = this.q.slot.get(slotId);
    if (!row) throw notFound(slotId, 'slot');
    return row;
  }

  /** Inserts a slot at `position` (default: the end); later slots move down one. */
  addSlot(showId: number, input: SlotInput, position?: number): number {
    this.showRow(showId);
    if (!this.q.product.get(input.productId)) throw notFound(input.productId);
    const ids = this.q.slots.all(showId).map((s) => s.id);
    const at = Math.min(position ?? ids.length, ids.length);
    this.q.park.run(showId);
    const id = this.q.insertSlot.get({
      ...slotRowOf(input),
      id: null as unknown as number,
      show_id: showId,
      position: at,
    })!.id;
    ids.splice(at, 0, id);
    this.writeOrder(ids);
    return id;
  }

  updateSlot(slotId: number, patch: SlotPatch): void {
    const cur = this.slotRow(slotId);
    const merged = {
      ...slotFromRow(cur),
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    if (!this.q.product.get(merged.productId)) throw notFound(merged.productId);
    this.q.updateSlot.run({ ...cur, ...slotRowOf(merged) });
  }

  /** Removes a slot and closes the gap; returns the row for undo. */
  removeSlot(slotId: number): SlotRow {
    const row = this.slotRow(slotId);
    this.q.deleteSlot.run(slotId);
    this.writeOrder(
      this.q.slots.all(row.show_id).map((s) => s.id),
      row.show_id,
    );
    return row;
  }

  /** Puts a removed slot back at its old position with its old id. */
  restoreSlot(row: SlotRow, wasOnAir: boolean): void {
    const ids = this.q.slots.all(row.show_id).map((s) => s.id);
    this.q.park.run(row.show_id);
    this.q.insertSlot.get({ ...slotRowFrom(row), position: -1_000_000 });
    ids.splice(Math.min(row.position, ids.length), 0, row.id);
    this.writeOrder(ids);
    if (wasOnAir) this.q.setOnAir.run(row.id, Date.now(), row.show_id);
  }

  moveSlot(slotId: number, toPosition: number): number {
    const row = this.slotRow(slotId);
    const ids = this.q.slots.all(row.show_id).map((s) => s.id);
    ids.splice(row.position, 1);
    ids.splice(Math.min(toPosition, ids.length), 0, slotId);
    this.writeOrder(ids, row.show_id);
    return row.show_id;
  }

  /** Replaces every slot of a show (rundown import); returns the old slots and on-air slot for undo. */
  replaceSlots(
    showId: number,
    inputs: readonly SlotInput[],
  ): { slots: SlotRow[]; onAirSlotId: number | null } {
    const before = { slots: this.q.slots.all(showId), onAirSlotId: this.showRow(showId).on_air_slot_id };
    this.q.setOnAir.run(null, Date.now(), showId);
    for (const s of this.q.slots.all(showId)) this.q.deleteSlot.run(s.id);
    inputs.forEach((input, position) =>
      this.q.insertSlot.get({
        ...slotRowOf(input),
        id: null as unknown as number,
        show_id: showId,
        position,
      }),
    );
    return before;
  }

  /** Puts back a show's slots exactly as they were, ids and on-air slot included (undo of an import). */
  restoreSlots(showId: number, slots: readonly SlotRow[], onAirSlotId: number | null): void {
    this.q.setOnAir.run(null, Date.now(), showId);
    for (const s of this.q.slots.all(showId)) this.q.deleteSlot.run(s.id);
    for (const s of slots) this.q.insertSlot.get(slotRowFrom(s));
    this.q.setOnAir.run(onAirSlotId, Date.now(), showId);
  }

  setOnAir(showId: number, slotId: number | null): void {
    if (slotId !== null && this.slotRow(slotId).show_id !== showId) throw notFound(slotId, 'slot');
    this.showRow(showId);
    this.q.setOnAir.run(slotId, Date.now(), showId);
  }

  /** The slot `step` away from the one on air, clamped to the rundown; the first when none is. */
  stepOnAir(showId: number, step: 1 | -1): number | null {
    const show = this.showRow(showId);
    const ids = this.q.slots.all(showId).map((s) => s.id);
    if (ids.length === 0) return null;
    const at = show.on_air_slot_id === null ? -1 : ids.indexOf(show.on_air_slot_id);
    const next = at < 0 ? 0 : Math.max(0, Math.min(ids.length - 1, at + step));
    return ids[next]!;
  }

  private writeOrder(ids: readonly number[], parkShow?: number): void {
    if (parkShow !== undefined) this.q.park.run(parkShow);
    ids.forEach((id, position) => this.q.place.run(position, id));
  }
}

function slotRowOf(s: SlotInput): Omit<SlotRow, 'id' | 'show_id' | 'position'> {
  return {
    product_id: s.productId,
    presenter_name: s.presenterName,
    presenter_title: s.presenterTitle,
    presenter_county: s.presenterCounty,
    presenter_role: s.presenterRole,
    planned_seconds: s.plannedSeconds,
    camera_preset: s.cameraPreset,
    live_price_override_fen: s.livePriceOverrideFen,
    notes: s.notes,
  };
}

/** A slot row kept for undo, with the columns added since it was stored (undo entries outlive an upgrade). */
const slotRowFrom = (row: SlotRow): SlotRow => ({ ...row, presenter_role: row.presenter_role ?? '' });
