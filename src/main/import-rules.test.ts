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
    const inside = `import { ShelfCatalog } from '../shelf/shelf-catalog';\nexport const x = ShelfCatalog;\n`;
    expect(await restricted(file, inside)).toEqual([expect.stringContaining('only through its index.ts')]);
    const deep = `import { LiveLedger } from '../../orders/ledger/live-ledger';\nexport const x = LiveLedger;\n`;
    expect(await restricted('src/main/core/overlays/sub/x.ts', deep)).toHaveLength(1);
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
