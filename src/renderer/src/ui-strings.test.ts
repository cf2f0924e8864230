import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { namespaces, resources } from '@shared/i18n/resources';

/**
 * Every word a user reads must come from the locales: this walks each component's syntax tree
 * and fails on JSX text, or user-visible attributes, written as literals; and on t('key') calls
 * whose key is missing from the zh-CN locale.
 */
const srcDir = __dirname;
const VISIBLE_ATTRIBUTES = new Set([
  'title',
  'placeholder',
  'aria-label',
  'alt',
  'label',
  'aria-description',
]);
// Text that is not language: punctuation, digits, symbols.
const NOT_WORDS = /^[\s\d.,:;/·•|()[\]{}+\-–—×*#%&→←↑↓…'"!?]*$/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

export function findHardCodedStrings(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const at = (node: ts.Node, text: string) =>
    found.push({
      file: path.basename(file),
      line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text,
    });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && !NOT_WORDS.test(node.text)) at(node, node.text.trim());
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
          ? init.expression
          : undefined;
      if (literal && !NOT_WORDS.test(literal.text)) at(node, `${node.name.getText(sf)}="${literal.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Literal keys passed to t(); a file's `useTranslation('ns')` sets the namespace of unprefixed keys. */
function usedKeys(source: string): string[] {
  const ns = /useTranslation\(\s*'([a-z]+)'/.exec(source)?.[1] ?? 'common';
  return [...source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.:-]+)'/g)].map((m) =>
    m[1]!.includes(':') ? m[1]! : `${ns}:${m[1]!}`,
  );
}

function hasKey(key: string): boolean {
  const [ns, k] = key.split(':', 2);
  if (!(namespaces as readonly string[]).includes(ns!)) return false;
  let node: unknown = resources['zh-CN'][ns as (typeof namespaces)[number]];
  for (const part of k!.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string';
}

describe('operator UI strings', () => {
  const sources = files(srcDir);

  it('finds the components', () => {
    expect(sources.some((f) => f.endsWith('App.tsx'))).toBe(true);
  });

  it('catches a hard-coded string (self-check)', () => {
    const found = findHardCodedStrings('x.tsx', 'const a = <div title="Save now">立即保存 {t("ok")}</div>;');
    expect(found.map((f) => f.text)).toEqual(['title="Save now"', '立即保存']);
    expect(findHardCodedStrings('y.tsx', 'const a = <div title={t("x")}>{t("y")} · 3</div>;')).toEqual([]);
  });

  it('has no hard-coded user-visible text', () => {
    const found = sources.flatMap((f) => findHardCodedStrings(f, fs.readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('uses only keys that exist', () => {
    const missing = sources.flatMap((f) =>
      usedKeys(fs.readFileSync(f, 'utf8'))
        .filter((k) => !hasKey(k))
        .map((k) => `${path.basename(f)}: ${k}`),
    );
    expect(missing).toEqual([]);
  });
});
