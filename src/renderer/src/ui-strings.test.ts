import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LogLevelSchema } from '@shared/api/domains/log';
import { ServiceNameSchema, ServiceStateSchema } from '@shared/api/domains/system';
import { errorCodes } from '@shared/api/errors';
import { languages, namespaces, resources } from '@shared/i18n/resources';

/**
 * Every word a user reads must come from the locales: this walks each component's syntax tree
 * and fails on JSX text, or user-visible attributes, written as literals; on t('key') calls whose
 * key is missing from a locale; on t(`prefix.${x}`) calls whose prefix is not a group of strings;
 * and on keys the core sends (ApiError.key, service status, import issues: any `ns:a.b` literal in
 * src/main) that a locale lacks.
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

type Lookup = { ns: string; path: string[] };

function lookup(key: string, defaultNs = 'common'): Lookup {
  const colon = key.indexOf(':');
  const [ns, k] = colon > 0 ? [key.slice(0, colon), key.slice(colon + 1)] : [defaultNs, key];
  return { ns, path: k.split('.') };
}

/** The locale node at a key, as i18next finds it (a dotted flat key like `console.port` included). */
function nodeAt(lng: (typeof languages)[number], { ns, path }: Lookup): unknown {
  if (!(namespaces as readonly string[]).includes(ns)) return undefined;
  let node: unknown = resources[lng][ns as (typeof namespaces)[number]];
  for (let i = 0; i < path.length;) {
    const obj = node as Record<string, unknown> | undefined;
    if (!obj || typeof obj !== 'object') return undefined;
    let j = i;
    let next: unknown;
    for (; j < path.length; j++) {
      next = obj[path.slice(i, j + 1).join('.')];
      if (next !== undefined && (typeof next !== 'string' || j === path.length - 1)) break;
    }
    if (j === path.length) return undefined;
    node = next;
    i = j + 1;
  }
  return node;
}

/** Languages in which `key` is a string. */
const missingIn = (key: string, defaultNs?: string) =>
  languages.filter((lng) => typeof nodeAt(lng, lookup(key, defaultNs)) !== 'string');

/** Languages in which the prefix of a built key (`a.b.` of `a.b.${x}`) is not a group of strings. */
const prefixMissingIn = (prefix: string, defaultNs?: string) => {
  const trimmed = prefix.replace(/\.[^.]*$/, '');
  return languages.filter((lng) => {
    const node = nodeAt(lng, lookup(trimmed, defaultNs));
    return !node || typeof node !== 'object';
  });
};

const hasKey = (key: string) => missingIn(key).length === 0;

/**
 * Heads of t(`prefix.${x}`) calls, each with the namespaces it may be in: its own, or any that a
 * `useTranslation('ns')` of the file gives (a file may hold components of several namespaces).
 */
function templatePrefixes(source: string): { prefix: string; namespaces: string[] }[] {
  const own = [...source.matchAll(/useTranslation\(\s*'([a-z]+)'/g)].map((m) => m[1]!);
  const fileNamespaces = own.length > 0 ? [...new Set(own)] : ['common'];
  return [...source.matchAll(/\bt[A-Za-z]*\(\s*`([a-zA-Z0-9_.:-]+\.)\$\{/g)].map((m) =>
    m[1]!.includes(':') ? { prefix: m[1]!, namespaces: [] } : { prefix: m[1]!, namespaces: fileNamespaces },
  );
}

const mainDir = path.resolve(__dirname, '../../main');
const NAMESPACED = new RegExp(`^(${namespaces.join('|')}):[a-zA-Z][\\w-]*(\\.[\\w-]+)*\\.?$`);
const PLAIN_KEY = /^[a-zA-Z][\w-]*(\.[\w-]+)+$/;

/**
 * Keys the core sends to the UI, read from src/main's syntax trees: every `ns:a.b` string (a key in
 * that namespace wherever it is written); every string given as a `key:` / `detailKey:` property or
 * as a status detail (`status.set(service, state, key)`), in `common` unless namespaced; and the
 * heads of such keys built with `${...}` (which must name a group of strings).
 */
export function coreKeys(file: string, source: string): { keys: string[]; prefixes: string[] } {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const keys: string[] = [];
  const prefixes: string[] = [];
  const asKey = (node: ts.Node | undefined, inKeyPosition: boolean) => {
    if (!node) return;
    if (ts.isParenthesizedExpression(node)) return asKey(node.expression, inKeyPosition);
    if (ts.isConditionalExpression(node)) {
      asKey(node.whenTrue, inKeyPosition);
      return asKey(node.whenFalse, inKeyPosition);
    }
    if (ts.isStringLiteralLike(node)) {
      const text = node.text;
      if (NAMESPACED.test(text) && text.includes('.')) (text.endsWith('.') ? prefixes : keys).push(text);
      else if (inKeyPosition && PLAIN_KEY.test(text)) keys.push(text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const head = node.head.text;
      if (
        (NAMESPACED.test(head) && head.includes('.')) ||
        (inKeyPosition && /^[a-zA-Z][\w-]*(\.[\w-]+)*\.$/.test(head))
      )
        prefixes.push(head);
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
      const p = node.parent;
      const keyProp =
        p &&
        ts.isPropertyAssignment(p) &&
        p.initializer === node &&
        /^(key|detailKey)$/.test(p.name.getText(sf));
      const statusArg =
        p &&
        ts.isCallExpression(p) &&
        p.arguments[2] === node &&
        ts.isPropertyAccessExpression(p.expression) &&
        p.expression.name.text === 'set' &&
        /status$/i.test(p.expression.expression.getText(sf));
      asKey(node, Boolean(keyProp || statusArg));
      if (ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
      return;
    }
    if (ts.isConditionalExpression(node) && node.parent) {
      const p = node.parent;
      if (
        (ts.isPropertyAssignment(p) && /^(key|detailKey)$/.test(p.name.getText(sf))) ||
        (ts.isCallExpression(p) && p.arguments[2] === node)
      ) {
        asKey(node, true);
        ts.forEachChild(node.condition, visit);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { keys, prefixes };
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

  it('uses only keys that exist, in every language', () => {
    const missing = sources.flatMap((f) =>
      usedKeys(fs.readFileSync(f, 'utf8'))
        .filter((k) => !hasKey(k))
        .map((k) => `${path.basename(f)}: ${k} (${missingIn(k).join(', ')})`),
    );
    expect(missing).toEqual([]);
  });

  it('builds keys only under groups that exist, in every language', () => {
    const missing = sources.flatMap((f) =>
      templatePrefixes(fs.readFileSync(f, 'utf8'))
        .filter(({ prefix, namespaces: nss }) =>
          nss.length === 0
            ? prefixMissingIn(prefix).length > 0
            : nss.every((ns) => prefixMissingIn(prefix, ns).length > 0),
        )
        .map(({ prefix }) => `${path.basename(f)}: ${prefix}\${…}`),
    );
    expect(missing).toEqual([]);
  });

  it('has every error code, service, state and log level the core names (built keys)', () => {
    const built = [
      ...errorCodes.map((c) => `errors.${c}`),
      ...ServiceNameSchema.options.map((n) => `status.service.${n}`),
      ...ServiceStateSchema.options.map((s) => `status.state.${s}`),
      ...LogLevelSchema.options.map((l) => `log.level.${l}`),
    ];
    expect(built.filter((k) => !hasKey(k)).map((k) => `${k} (${missingIn(k).join(', ')})`)).toEqual([]);
  });

  it('catches a core key that is missing (self-check)', () => {
    const found = coreKeys(
      'x.ts',
      `fail({ key: 'shelf:errors.nope', params: {} }); status.set('obs', 'ok', c ? 'status.detail.starting' : 'obs:status.gone');
       new ApiFailure('x', 'y', { key: \`shelf:import.issue.file_\${r}\` }); const RULES = 'shelf:importRules.issue.';
       log.info('orders:kuaishou sync', { key: 'c1' });`,
    );
    expect(found).toEqual({
      keys: ['shelf:errors.nope', 'status.detail.starting', 'obs:status.gone'],
      prefixes: ['shelf:import.issue.file_', 'shelf:importRules.issue.'],
    });
    expect(missingIn('shelf:errors.nope')).toEqual([...languages]);
    expect(missingIn('fields.server.port')).toEqual([]);
  });

  it('has every key the core sends (errors, statuses, import issues), in every language', () => {
    const core = files(mainDir).map((f) => ({ f, ...coreKeys(f, fs.readFileSync(f, 'utf8')) }));
    expect(core.reduce((n, c) => n + c.keys.length, 0)).toBeGreaterThan(100);
    const missing = core.flatMap(({ f, keys, prefixes }) => [
      ...keys
        .filter((k) => missingIn(k).length > 0)
        .map((k) => `${path.relative(mainDir, f)}: ${k} (${missingIn(k).join(', ')})`),
      ...prefixes
        .filter((p) => prefixMissingIn(p).length > 0)
        .map((p) => `${path.relative(mainDir, f)}: ${p}\${…} (${prefixMissingIn(p).join(', ')})`),
    ]);
    expect(missing).toEqual([]);
  });
});
