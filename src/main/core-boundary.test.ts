import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Files under `dir` (recursively) with one of the extensions. */
function sourceFiles(dir: string, exts = ['.ts', '.tsx', '.mjs', '.js']): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full, exts));
    else if (exts.includes(path.extname(entry.name))) out.push(full);
  }
  return out;
}

const ELECTRON_IMPORT =
  /(?:from\s*['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)|import\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\))/;

describe('the studio core never loads Electron', () => {
  const root = path.resolve(__dirname, '..');
  const core = [
    ...sourceFiles(path.join(root, 'main')).filter(
      (f) => !f.includes(`${path.sep}main${path.sep}electron${path.sep}`),
    ),
    ...sourceFiles(path.join(root, 'shared')),
  ];

  it('scans a real tree', () => {
    expect(core.length).toBeGreaterThan(10);
    expect(ELECTRON_IMPORT.test("import { app } from 'electron';")).toBe(true);
    expect(ELECTRON_IMPORT.test("const { app } = require('electron')")).toBe(true);
  });

  it('has no electron import outside src/main/electron and src/preload', () => {
    // This file holds the pattern's own examples; everything else is scanned.
    const offenders = core.filter(
      (f) => f !== __filename && ELECTRON_IMPORT.test(fs.readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
