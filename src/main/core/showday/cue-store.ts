import type Database from 'better-sqlite3';
import type { CueSettings, LogAction, LogEntry, ShowState } from '@shared/api/domains/showday';

interface SettingRow {
  slot_id: number;
  product_card: number;
  ticker: number;
  lower_third: number;
  countdown_seconds: number | null;
  talking_points: string | null;
}

interface StateRow {
  show_id: number | null;
  obs_instance_id: number | null;
  standby_slot_id: number | null;
  sold_out_slot_id: number | null;
  sold_out_product_id: number | null;
  sold_out_at: number | null;
  last_go_at: number | null;
  auto_reapply: number;
}

interface LogRow {
  id: number;
  show_id: number;
  at: number;
  action: LogAction;
  slot_id: number | null;
  product_id: number | null;
  actor: string;
  detail: string;
}

export const defaultCueSettings = (): CueSettings => ({
  productCard: true,
  ticker: true,
  lowerThird: true,
  countdownSeconds: null,
  talkingPoints: null,
});

export type StoredState = Omit<ShowState, 'onAirSlotId' | 'onAirFrom' | 'onAirTo' | 'obsMismatch'>;

/** The console state a caller may leave the other OBS out of (they then stay as they are). */
type StateToSave = Omit<StoredState, 'alsoObsInstanceIds'> & { alsoObsInstanceIds?: number[] };

export type NewLogEntry = Omit<LogEntry, 'id'>;

/**
 * Cue settings per slot, the console state row and the on-air log, with prepared statements.
 * Slots and shows are the shelf's: asked through its port, never joined here.
 */
export class CueStore {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      alsoObs: db.prepare<[], { obs_instance_id: number }>(
        'SELECT obs_instance_id FROM showday_obs ORDER BY obs_instance_id',
      ),
      clearAlsoObs: db.prepare('DELETE FROM showday_obs'),
      addAlsoObs: db.prepare<[number]>('INSERT OR IGNORE INTO showday_obs (obs_instance_id) VALUES (?)'),
      settings: db.prepare<[number], SettingRow>('SELECT * FROM cue_setting WHERE slot_id = ?'),
      settingsOfSlots: db.prepare<[string], SettingRow>(
        'SELECT c.* FROM json_each(?) AS j JOIN cue_setting c ON c.slot_id = j.value',
      ),
      saveSettings: db.prepare(
        `INSERT INTO cue_setting (slot_id, product_card, ticker, lower_third, countdown_seconds, talking_points)
         VALUES (@slotId, @productCard, @ticker, @lowerThird, @countdownSeconds, @talkingPoints)
         ON CONFLICT (slot_id) DO UPDATE SET product_card = excluded.product_card, ticker = excluded.ticker,
           lower_third = excluded.lower_third, countdown_seconds = excluded.countdown_seconds,
           talking_points = excluded.talking_points`,
      ),
      state: db.prepare<[], StateRow>('SELECT * FROM showday_state WHERE id = 1'),
      saveState: db.prepare(
        `UPDATE showday_state SET show_id = @showId, obs_instance_id = @obsInstanceId,
           standby_slot_id = @standbySlotId, sold_out_slot_id = @soldOutSlotId,
           sold_out_product_id = @soldOutProductId, sold_out_at = @soldOutAt, last_go_at = @lastGoAt,
           auto_reapply = @autoReapply
         WHERE id = 1`,
      ),
      log: db.prepare<[number, number, string, number | null, number | null, string, string]>(
        `INSERT INTO on_air_log (show_id, at, action, slot_id, product_id, actor, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      entries: db.prepare<[number, number], LogRow>(
        'SELECT * FROM on_air_log WHERE show_id = ? ORDER BY at DESC, id DESC LIMIT ?',
      ),
      entriesAsc: db.prepare<[number], LogRow>('SELECT * FROM on_air_log WHERE show_id = ? ORDER BY at, id'),
      lastOnAir: db.prepare<[number], { at: number; slot_id: number | null }>(
        `SELECT at, slot_id FROM on_air_log WHERE show_id = ? AND action = 'on_air' ORDER BY at DESC, id DESC LIMIT 1`,
      ),
    };
  }

  settings(slotId: number): CueSettings {
    const row = this.q.settings.get(slotId);
    return row ? settingsFromRow(row) : defaultCueSettings();
  }

  /** The settings saved for these slots (a show's rundown, as the shelf lists it). */
  settingsOfSlots(slotIds: readonly number[]): Map<number, CueSettings> {
    const rows = this.q.settingsOfSlots.all(JSON.stringify(slotIds));
    return new Map(rows.map((r) => [r.slot_id, settingsFromRow(r)]));
  }

  saveSettings(slotId: number, s: CueSettings): void {
    this.q.saveSettings.run({
      slotId,
      productCard: s.productCard ? 1 : 0,
      ticker: s.ticker ? 1 : 0,
      lowerThird: s.lowerThird ? 1 : 0,
      countdownSeconds: s.countdownSeconds,
      talkingPoints: s.talkingPoints,
    });
  }

  state(): StoredState {
    const r = this.q.state.get()!;
    return {
      showId: r.show_id,
      obsInstanceId: r.obs_instance_id,
      standbySlotId: r.standby_slot_id,
      soldOut:
        r.sold_out_slot_id !== null && r.sold_out_product_id !== null && r.sold_out_at !== null
          ? { slotId: r.sold_out_slot_id, productId: r.sold_out_product_id, at: r.sold_out_at }
          : null,
      lastGoAt: r.last_go_at,
      autoReapply: r.auto_reapply === 1,
      alsoObsInstanceIds: this.q.alsoObs.all().map((a) => a.obs_instance_id),
    };
  }

  saveState(s: StateToSave): void {
    this.db.transaction(() => {
      this.q.saveState.run(stateRow(s));
      if (s.alsoObsInstanceIds === undefined) return;
      this.q.clearAlsoObs.run();
      for (const id of s.alsoObsInstanceIds) this.q.addAlsoObs.run(id);
    })();
  }

  /** Appends a line to the on-air log and returns it with its id. */
  log(e: NewLogEntry): LogEntry {
    const r = this.q.log.run(
      e.showId,
      e.at,
      e.action,
      e.slotId,
      e.productId,
      e.actor,
      JSON.stringify(e.detail),
    );
    return { ...e, id: Number(r.lastInsertRowid) };
  }

  /** Newest first. */
  entries(showId: number, limit: number): LogEntry[] {
    return this.q.entries.all(showId, limit).map(entryFromRow);
  }

  /** The show's latest on-air move (which slot came on air, when), or undefined before the first. */
  lastOnAir(showId: number): { at: number; slotId: number | null } | undefined {
    const r = this.q.lastOnAir.get(showId);
    return r && { at: r.at, slotId: r.slot_id };
  }

  /** Oldest first: the report's airtime is built from these. */
  allEntries(showId: number): LogEntry[] {
    return this.q.entriesAsc.all(showId).map(entryFromRow);
  }
}

const stateRow = (s: StateToSave) => ({
  showId: s.showId,
  obsInstanceId: s.obsInstanceId,
  standbySlotId: s.standbySlotId,
  soldOutSlotId: s.soldOut?.slotId ?? null,
  soldOutProductId: s.soldOut?.productId ?? null,
  soldOutAt: s.soldOut?.at ?? null,
  lastGoAt: s.lastGoAt,
  autoReapply: s.autoReapply ? 1 : 0,
});

const settingsFromRow = (r: SettingRow): CueSettings => ({
  productCard: r.product_card === 1,
  ticker: r.ticker === 1,
  lowerThird: r.lower_third === 1,
  countdownSeconds: r.countdown_seconds,
  talkingPoints: r.talking_points,
});

const entryFromRow = (r: LogRow): LogEntry => ({
  id: r.id,
  showId: r.show_id,
  at: r.at,
  action: r.action,
  slotId: r.slot_id,
  productId: r.product_id,
  actor: r.actor,
  detail: JSON.parse(r.detail) as LogEntry['detail'],
});
