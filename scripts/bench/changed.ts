/**
 * npm run bench:changed -- <rev> <rev> [<rev> …] — which benches run other code at each revision
 * than at the one before it. A behaviour-neutral change (a move, a rename, a new port) should leave
 * most benches' code as it was; those it did change are the benches to run before and after it.
 *
 * Each revision is checked out into a temporary git worktree and every bench's code is bundled
 * with esbuild, minified (file moves and renamed locals leave no trace in the output; packages
 * stay external), then hashed: the bench script itself and what it starts by file (the import
 * worker, the soak's world process, the event's booth processes, the overlay page Chromium loads).
 * Equal hashes: the bench ran the very same code at both revisions, so its figures can differ only
 * by noise. Different hashes say nothing about speed: run that bench at both.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..', '..');

/** What the benches start by file name, beside their own scripts (bundling a script does not reach them). */
const CHILD_ENTRIES: [name: string, file: string, platform: 'node' | 'browser'][] = [
  ['import-worker', 'src/main/core/shelf/import/import-worker.ts', 'node'],
  ['soak-world', 'scripts/bench/soak-world.ts', 'node'],
  ['event-node', 'test-support/event/event-node.ts', 'node'],
  ['overlay-page', 'src/renderer/overlay/main.tsx', 'browser'],
];

function entriesOf(tree: string): [string, string, 'node' | 'browser'][] {
  const pkg = JSON.parse(fs.readFileSync(path.join(tree, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const benches = Object.entries(pkg.scripts).flatMap(([name, command]) => {
    const file = /tsx .*?(scripts\/bench\/\S+\.ts)/.exec(command)?.[1];
    return file ? [[name, file, 'node'] as [string, string, 'node']] : [];
  });
  return [...benches, ...CHILD_ENTRIES];
}

async function fingerprint(tree: string, names: readonly [string, string, 'node' | 'browser'][]) {
  const out: Record<string, string> = {};
  for (const [name, rel, platform] of names) {
    const file = path.join(tree, rel);
    if (!fs.existsSync(file)) {
      out[name] = 'absent';
      continue;
    }
    try {
      const result = await build({
        entryPoints: [file],
        bundle: true,
        write: false,
        outdir: path.join(tree, '.bench-changed'),
        platform,
        format: 'esm',
        packages: 'external',
        minify: true,
        legalComments: 'none',
        target: 'es2022',
        jsx: 'automatic',
        logLevel: 'silent',
        alias: { '@shared': path.join(tree, 'src/shared') },
        tsconfig: path.join(tree, platform === 'node' ? 'tsconfig.node.json' : 'tsconfig.web.json'),
        loader: { '.css': 'text', '.svg': 'text', '.png': 'base64', '.woff2': 'base64' },
      });
      const js = result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.text);
      out[name] = createHash('sha256').update(js.join('\n')).digest('hex').slice(0, 12);
    } catch (err) {
      out[name] = `unbuilt (${String((err as Error).message).split('\n')[0]})`;
    }
  }
  return out;
}

async function main(): Promise<void> {
  const revs = process.argv.slice(2);
  if (revs.length < 2) {
    console.error('usage: npm run bench:changed -- <rev> <rev> [<rev> …]');
    process.exit(2);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const names = entriesOf(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-bench-changed-'));
  const tree = path.join(dir, 'tree');
  let previous: Record<string, string> | undefined;
  try {
    git('worktree', 'add', '--detach', tree, git('rev-parse', revs[0]!));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
    for (const rev of revs) {
      git('-C', tree, 'checkout', '--quiet', '--detach', '--force', git('rev-parse', rev));
      const prints = await fingerprint(tree, names);
      const changed = previous ? names.map(([n]) => n).filter((n) => prints[n] !== previous![n]) : [];
      const label = `${git('rev-parse', '--short', rev)} ${git('log', '-1', '--format=%s', rev).slice(0, 60)}`;
      console.log(previous ? `${label}\n  changed: ${changed.join(', ') || 'none'}` : `${label}\n  (first)`);
      previous = prints;
    }
  } finally {
    git('worktree', 'remove', '--force', tree);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
