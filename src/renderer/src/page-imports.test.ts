import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The lint rule that keeps pages apart (eslint.config.js, `pageBan`): a page imports shared pieces
 * from components/, data/ or lib/, never from another page's folder, and shared code imports no
 * page. Each case lints a one-line fixture as if it stood at `file`.
 */
const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('pages import shared pieces, never another page', () => {
  // Loading the config and its plugins is the slow part on a busy machine: once, before the cases.
  beforeAll(
    () => eslint.calculateConfigForFile(path.join(root, 'src/renderer/src/pages/live/LivePage.tsx')),
    180_000,
  );

  it("fails on an import from another page's folder", async () => {
    const errors = await importErrors(
      'src/renderer/src/pages/live/Fixture.tsx',
      "import { OverlayPreview } from '../overlays/OverlayPreview';\nexport const x = OverlayPreview;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Another page's folder/);
  });

  it("fails on a CSS import from another page's folder", async () => {
    const errors = await importErrors(
      'src/renderer/src/pages/live/Fixture.tsx',
      "import '../show/show-page.css';\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('passes imports from components/, data/, lib/ and the page itself', async () => {
    const errors = await importErrors(
      'src/renderer/src/pages/live/Fixture.tsx',
      [
        "import { OverlayPreview } from '../../components/OverlayPreview';",
        "import { useShows } from '../../data/use-shows';",
        "import { plainKey } from '../../lib/keys';",
        "import { useLiveKeys } from './use-live-keys';",
        'export const x = [OverlayPreview, useShows, plainKey, useLiveKeys];',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });

  it('holds the Report page and the role views to the rule too (no page is exempt)', async () => {
    for (const file of [
      'src/renderer/src/pages/report/ReportPage.tsx',
      'src/renderer/src/pages/roles/RoleView.tsx',
      'src/renderer/src/pages/dashboard/DashboardPage.tsx',
    ]) {
      const errors = await importErrors(
        file,
        "import { ShowPage } from '../show/ShowPage';\nexport const x = ShowPage;\n",
      );
      expect(errors, file).toHaveLength(1);
    }
  });

  it("fails when a top-level page reaches into a page's folder", async () => {
    const errors = await importErrors(
      'src/renderer/src/pages/LogPage.tsx',
      "import { ShowPage } from './show/ShowPage';\nexport const x = ShowPage;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('fails when shared code imports a page', async () => {
    const errors = await importErrors(
      'src/renderer/src/components/Fixture.tsx',
      "import { ShowPage } from '../pages/show/ShowPage';\nexport const x = ShowPage;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/must not import a page/);
  });

  it('still bans Node built-ins in a page', async () => {
    const errors = await importErrors(
      'src/renderer/src/pages/live/Fixture.tsx',
      "import fs from 'node:fs';\nexport const x = fs;\n",
    );
    expect(errors).toHaveLength(1);
  });
});
