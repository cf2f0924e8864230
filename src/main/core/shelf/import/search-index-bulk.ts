import type Database from 'better-sqlite3';

/**
 * The shelf's search index (FTS5, product_fts) during an import, re-import or undo.
 *
 * Every chunk's commit adds a small segment to the index; by default FTS5 merges segments as it
 * writes (automerge) and, once 16 pile up on a level, all at once (crisismerge). Those merges ran
 * inside chunk commits: bench:import's profile put the apply's slowest turns (50-150 ms, against
 * a 6 ms chunk) in COMMIT. So for the job the index does not merge by itself; the job merges it in
 * bounded steps of its own, in turns of their own between chunks, then gives merging back to FTS5
 * (its defaults) for the single edits of a show. Measured (bench:import, 100,000 rows, quiet
 * machine): apply's slowest turn 172 ms → 34 ms, at 0.53 of the raw insert's speed. Merging the
 * whole index at the end of a job as well cost a third of the apply's speed (0.31 of the ceiling).
 */

/** Pages one merge step writes: a few milliseconds of work. */
export const MERGE_STEP_PAGES = 48;
/** Segments a level may hold before FTS5 merges them at once, during a job (so, in practice, never). */
const BULK_CRISIS_MERGE = 256;
/** FTS5's defaults. */
const DEFAULT_AUTOMERGE = 4;
const DEFAULT_CRISIS_MERGE = 16;

const config = (db: Database.Database, name: 'automerge' | 'crisismerge', value: number) =>
  // FTS5 wants an integer literal here (a bound JavaScript number arrives as a real and is refused).
  db.prepare(`INSERT INTO product_fts (product_fts, rank) VALUES ('${name}', ${Math.trunc(value)})`).run();

/** The index stops merging by itself (until endBulkIndexing). */
export function beginBulkIndexing(db: Database.Database): void {
  config(db, 'automerge', 0);
  config(db, 'crisismerge', BULK_CRISIS_MERGE);
}

/** FTS5 merges by itself again, as it does by default. */
export function endBulkIndexing(db: Database.Database): void {
  config(db, 'automerge', DEFAULT_AUTOMERGE);
  config(db, 'crisismerge', DEFAULT_CRISIS_MERGE);
}

/** One bounded merge step (about `pages` pages written); false when there was nothing to merge. */
export function mergeStep(db: Database.Database, pages = MERGE_STEP_PAGES): boolean {
  const total = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
  const before = total.get()!.n;
  db.prepare(`INSERT INTO product_fts (product_fts, rank) VALUES ('merge', ${Math.trunc(pages)})`).run();
  // FTS5's own test: fewer than two changes means the command merged nothing.
  return total.get()!.n - before >= 2;
}
