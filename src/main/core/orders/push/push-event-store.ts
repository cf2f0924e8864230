import type Database from 'better-sqlite3';
import type { SyncedPlatform } from '@shared/api/domains/shelf';

/** Remembers which push events were already handled (table `order_push_event`, migration 0450). */
export class PushEventStore {
  private readonly seenStmt: Database.Statement<[string, string], { one: number }>;
  private readonly rememberStmt: Database.Statement<[string, string, string, string, number]>;
  private readonly pruneStmt: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.seenStmt = db.prepare('SELECT 1 AS one FROM order_push_event WHERE platform = ? AND event_id = ?');
    this.rememberStmt = db.prepare(
      'INSERT OR IGNORE INTO order_push_event (platform, event_id, shop_id, order_id, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.pruneStmt = db.prepare('DELETE FROM order_push_event WHERE received_at < ?');
  }

  /** True when this event was handled before. */
  seen(platform: SyncedPlatform, eventId: string): boolean {
    return this.seenStmt.get(platform, eventId) !== undefined;
  }

  /** Records a handled event; false when it was already recorded. */
  remember(platform: SyncedPlatform, eventId: string, shopId: string, orderId: string, at: number): boolean {
    return this.rememberStmt.run(platform, eventId, shopId, orderId, at).changes === 1;
  }

  /** Forgets events older than `before` (UTC ms); returns how many. */
  prune(before: number): number {
    return this.pruneStmt.run(before).changes;
  }
}
