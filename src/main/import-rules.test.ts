import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages ESLint gives `code` as if it were the file at `file`. */
async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import rules (eslint.config.js)', () => {
  it("lets an area import another area only through that area's index.ts", async () => {
    const file = 'src/main/core/showday/new-file.ts';
    const inside = `import { ShelfStore } from '../shelf/shelf-store';\nexport const x = ShelfStore;\n`;
    expect(await restricted(file, inside)).toEqual([expect.stringContaining('only through its index.ts')]);
    const deep = `import { LiveLedger } from '../../orders/ledger/live-ledger';\nexport const x = LiveLedger;\n`;
    expect(await restricted('src/main/core/overlays/sub/x.ts', deep)).toHaveLength(1);
    // Event mode is an area like the others.
    const intoOrders = `import { rawDeliveries } from '../orders/ledger/order-ledger';\nexport const x = rawDeliveries;\n`;
    expect(await restricted('src/main/core/event/x.ts', intoOrders)).toHaveLength(1);
    for (const ok of ["'../shelf'", "'../shelf/index'", "'./on-air-console'", "'../logging/log-hub'"])
      expect(await restricted(file, `import * as m from ${ok};\nexport const x = m;\n`)).toEqual([]);
    // An area's own files are its own.
    const own = `import { LiveLedger } from '../ledger/live-ledger';\nexport const x = LiveLedger;\n`;
    expect(await restricted('src/main/core/orders/sync/x.ts', own)).toEqual([]);
  });

  it('lets a migration import nothing from an area, not even its index', async () => {
    const file = 'src/main/core/db/migrations/0720-x.ts';
    for (const spec of ["'../../shelf/search-text'", "'../../shelf'"])
      expect(await restricted(file, `import * as m from ${spec};\nexport const x = m;\n`)).toEqual([
        expect.stringContaining('A migration imports nothing from an area'),
      ]);
    expect(
      await restricted(file, `import type { Migration } from '../migration';\nexport type M = Migration;\n`),
    ).toEqual([]);
  });

  it('lets only the entry points read process.env and process.argv (the core gets StudioOptions)', async () => {
    const messages = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
      return result!.messages.filter((m) => m.ruleId === 'no-restricted-properties').map((m) => m.message);
    };
    const env = `export const key = process.env.SHELFCAST_SECRET_KEY;\n`;
    const argv = `export const demo = process.argv.includes('--demo');\n`;
    for (const file of ['src/main/core/secrets/x.ts', 'src/main/core/x.ts', 'src/shared/x.ts'])
      for (const code of [env, argv])
        expect(await messages(file, code), file).toEqual([
          expect.stringContaining('parse it in the entry point'),
        ]);
    for (const file of ['src/main/server/x.ts', 'src/main/electron/x.ts', 'src/main/core/secrets/x.test.ts'])
      expect(await messages(file, env), file).toEqual([]);
  });

  it('forbids src/ from importing test-support/', async () => {
    const code = `import { FakeObsServer } from '../../../../test-support/obs/fake-obs-server';\nexport const x = FakeObsServer;\n`;
    for (const file of [
      'src/main/core/obs/x.ts',
      'src/main/core/api/x.ts',
      'src/main/server/x.ts',
      'src/main/electron/x.ts',
      'src/shared/api/x.ts',
    ])
      expect(await restricted(file, code), file).toEqual([expect.stringContaining('test-support/')]);
    // Tests are not product code: they use the fakes.
    expect(await restricted('src/main/core/obs/x.test.ts', code)).toEqual([]);
  });
});

/** The areas of the studio core (eslint.config.js lists the same six). */
const AREAS = ['shelf', 'orders', 'overlays', 'obs', 'showday', 'event'] as const;

/**
 * Who owns each table: only the owner's SQL names it; other areas go through its port (index.ts).
 * `core` is no area: its tables (settings, secrets, access) are the studio's own.
 */
const TABLE_OWNER: Record<string, string> = {
  ...Object.fromEntries(
    ['setting', 'secret', 'console_access', 'console_access_hashed'].map((t) => [t, 'core']),
  ),
  ...Object.fromEntries(
    ['event_outbox', 'event_cursor', 'event_shop', 'event_shelf_rev'].map((t) => [t, 'event']),
  ),
  ...Object.fromEntries(
    [
      'product',
      'product_image',
      'product_fts',
      'product_gram',
      'platform_listing',
      'listing_sku',
      'show',
      'rundown_slot',
      'shelf_undo',
      'shelf_undo_part',
      'price_change',
      'price_audit_context',
      'price_ack',
    ].map((t) => [t, 'shelf']),
  ),
  ...Object.fromEntries(
    [
      'shop',
      'sync_cursor',
      'sku_mapping',
      'order_line',
      'order_raw',
      'order_raw_page',
      'order_raw_page_next',
      'order_push_event',
      'sales_minute',
      'sales_minute_by_minute',
      'sales_order_minute',
    ].map((t) => [t, 'orders']),
  ),
  ...Object.fromEntries(['obs_connection', 'obs_camera', 'obs_audio_input'].map((t) => [t, 'obs'])),
  overlay_setting: 'overlays',
  ...Object.fromEntries(
    ['cue_setting', 'showday_state', 'showday_obs', 'on_air_log'].map((t) => [t, 'showday']),
  ),
};

/** A table named by SQL (upper-case keywords, as all of ShelfCast's SQL is written). */
const SQL_TABLE =
  /\b(FROM|JOIN|UPDATE|INTO|TABLE)\s+(?:IF (?:NOT )?EXISTS\s+)?(?:main\.|temp\.)?([a-z_][a-z0-9_]*)\b/g;

/** The places in `source` (a file of `area`) where SQL names another area's table. */
function foreignTables(area: string, source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(SQL_TABLE)) {
    const owner = TABLE_OWNER[m[2]!];
    if (owner === undefined || owner === area) continue;
    const line = source.slice(0, m.index).split('\n').length;
    found.push(`${line}: ${m[1]} ${m[2]} (${owner}'s)`);
  }
  return found;
}

const productFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));

describe("areas keep to their own tables (each reaches another's data through its port)", () => {
  it("finds SQL in an area that names another area's table", () => {
    const readsProduct =
      "db.prepare('SELECT p.origin_city FROM sales_minute s JOIN product p ON p.id = s.product_id')";
    expect(foreignTables('orders', readsProduct)).toEqual(["1: JOIN product (shelf's)"]);
    expect(foreignTables('showday', "db.prepare('UPDATE show SET on_air_to = ?')")).toHaveLength(1);
    expect(foreignTables('shelf', "db.prepare('UPDATE show SET on_air_to = ?')")).toEqual([]);
    // Event mode keeps to its own tables too: the ledger's lines and the shelf's products are theirs.
    const eventReads = `SELECT sum(l.paid_fen) FROM order_line l
      JOIN product p ON p.id = l.product_id JOIN event_shop s ON s.shop_id = l.shop_id`;
    expect(foreignTables('event', eventReads)).toEqual([
      "1: FROM order_line (orders's)",
      "2: JOIN product (shelf's)",
    ]);
    // Temporary tables and words in prose are no area's.
    expect(foreignTables('orders', 'CREATE TEMP TABLE IF NOT EXISTS on_air_interval (i INTEGER)')).toEqual(
      [],
    );
    expect(foreignTables('orders', '// the show from the product card')).toEqual([]);
  });

  it('knows the owner of every table a migration creates', () => {
    const dir = path.join(root, 'src/main/core/db/migrations');
    const created = productFiles(dir).flatMap((f) =>
      [
        ...readFileSync(f, 'utf8').matchAll(
          /CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)/g,
        ),
      ].map((m) => m[1]!),
    );
    expect(created.length).toBeGreaterThan(30);
    expect([...new Set(created)].filter((t) => !(t in TABLE_OWNER))).toEqual([]);
  });

  it("no area's product code runs SQL on another area's tables", () => {
    const found = AREAS.flatMap((area) =>
      productFiles(path.join(root, 'src/main/core', area)).flatMap((file) =>
        foreignTables(area, readFileSync(file, 'utf8')).map((f) => `${path.relative(root, file)}:${f}`),
      ),
    );
    expect(found).toEqual([]);
  });
});
