import type { z } from 'zod';
import { isSecretField } from '../secret-fields';
import type { ApiError } from './errors';
import { zodDef as defOf } from './zod-def';

/**
 * Bounds every operation input obeys before its schema even runs, so no domain file has to
 * remember them: a string the schema leaves unbounded gets a default maximum (tighter for ids and
 * SKUs), no string may hold a lone surrogate (it would be stored as U+FFFD, silently changed), a
 * secret may not be only white space, and nesting is limited. Strings the schema bounds itself
 * (e.g. a file's base64) keep the schema's limit.
 */
export const INPUT_LIMITS = {
  /** Any text the schema does not bound: notes, cue scripts, selling points. */
  string: 20_000,
  /** Ids, SKU ids, codes: primary keys and lookup values. */
  id: 256,
  /** A field name in an object (only known names pass the schema anyway). */
  key: 200,
  /** Objects and arrays inside each other. */
  depth: 32,
  /** Issues reported at most; the rest would only repeat. */
  issues: 20,
} as const;

type Issue = NonNullable<ApiError['issues']>[number];

/** What the schema says about one position of the input: its own string limit and its children. */
interface Bound {
  /** Largest `max` the schema declares for a string here (undefined: none declared). */
  max?: number;
  /** True when some schema option here is an unbounded string. */
  unbounded?: boolean;
  fields?: Map<string, Bound>;
  /** Record values and array items. */
  item?: Bound;
}

function merge(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: Bound = {};
  if (a.max !== undefined || b.max !== undefined) out.max = Math.max(a.max ?? 0, b.max ?? 0);
  if (a.unbounded || b.unbounded) out.unbounded = true;
  if (a.fields || b.fields) {
    out.fields = new Map(a.fields);
    for (const [k, v] of b.fields ?? []) out.fields.set(k, merge(out.fields.get(k), v)!);
  }
  const item = merge(a.item, b.item);
  if (item) out.item = item;
  return out;
}

function boundOf(schema: z.ZodType | undefined | null, depth = 0): Bound | undefined {
  if (!schema || depth > INPUT_LIMITS.depth) return undefined;
  const def = defOf(schema);
  const next = (s: z.ZodType | undefined | null) => boundOf(s, depth + 1);
  switch (def.type) {
    case 'string': {
      const max = (schema as z.ZodString).maxLength;
      return typeof max === 'number' && Number.isFinite(max) ? { max } : { unbounded: true };
    }
    case 'object': {
      const fields = new Map<string, Bound>();
      for (const [k, v] of Object.entries(def.shape ?? {})) {
        const b = next(v);
        if (b) fields.set(k, b);
      }
      return { fields };
    }
    case 'array':
      return { item: next(def.element) ?? {} };
    case 'record':
      return { item: next(def.valueType) ?? {} };
    case 'tuple': {
      let item: Bound | undefined = next(def.rest);
      for (const s of def.items ?? []) item = merge(item, next(s));
      return { item: item ?? {} };
    }
    case 'union':
      return (def.options ?? []).reduce<Bound | undefined>((acc, o) => merge(acc, next(o)), undefined);
    case 'intersection':
      return merge(next(def.left), next(def.right));
    case 'pipe':
      // What the caller sends is checked by the input side of a pipe; a transform's input is unknown.
      return defOf(def.in!).type === 'transform' ? next(def.out) : next(def.in);
    case 'lazy':
      return next(def.getter?.());
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return next(def.innerType);
    default:
      return undefined;
  }
}

/** With the `u` flag a surrogate pair is one code point; only a lone surrogate is category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

const ID_FIELD = /(^id$|Id$|Ids$|^sku|Sku|^code$|Code$)/;

function stringLimit(bound: Bound | undefined, field: string | undefined): number | undefined {
  // A schema limit on every option of this position is the schema's business (its issue is clearer).
  if (bound?.max !== undefined && !bound.unbounded) return undefined;
  const fallback = field !== undefined && ID_FIELD.test(field) ? INPUT_LIMITS.id : INPUT_LIMITS.string;
  return Math.max(fallback, bound?.max ?? 0);
}

const boundCache = new WeakMap<z.ZodType, Bound | null>();

function cachedBound(schema: z.ZodType): Bound | undefined {
  let b = boundCache.get(schema);
  if (b === undefined) {
    b = boundOf(schema) ?? null;
    boundCache.set(schema, b);
  }
  return b ?? undefined;
}

/**
 * Checks a raw input against the bounds above. Returns the issues found (empty when it passes),
 * with translatable reasons (`errors.issue.<reason>`) and the path of each bad value.
 */
export function inputBoundIssues(schema: z.ZodType, input: unknown): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], reason: string, message: string, params?: Issue['params']) => {
    if (issues.length < INPUT_LIMITS.issues)
      issues.push({ path: path.join('.'), message, reason, ...(params ? { params } : {}) });
  };
  const visit = (
    value: unknown,
    bound: Bound | undefined,
    path: (string | number)[],
    field: string | undefined,
    depth: number,
  ): void => {
    if (issues.length >= INPUT_LIMITS.issues) return;
    if (typeof value === 'string') {
      const limit = stringLimit(bound, field);
      if (limit !== undefined && value.length > limit) {
        add(path, 'too_big_string', `Too long: at most ${limit} characters`, { limit });
        return;
      }
      if (LONE_SURROGATE.test(value)) {
        add(path, 'hardening.loneSurrogate', 'Text holds a lone UTF-16 surrogate (broken character)');
        return;
      }
      if (field !== undefined && isSecretField(field) && value.length > 0 && value.trim() === '') {
        add(path, 'hardening.blankSecret', 'A secret cannot be only white space');
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (depth >= INPUT_LIMITS.depth) {
      add(path, 'hardening.tooDeep', `Nested more than ${INPUT_LIMITS.depth} levels`, {
        limit: INPUT_LIMITS.depth,
      });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length && issues.length < INPUT_LIMITS.issues; i++) {
        visit(value[i], bound?.item, [...path, i], field, depth + 1);
      }
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      if (issues.length >= INPUT_LIMITS.issues) return;
      if (k.length > INPUT_LIMITS.key || LONE_SURROGATE.test(k)) {
        add(path, 'hardening.badFieldName', 'A field name is too long or holds a broken character');
        continue;
      }
      visit(v, bound?.fields?.get(k) ?? bound?.item, [...path, k], k, depth + 1);
    }
  };
  visit(input, cachedBound(schema), [], undefined, 0);
  return issues;
}
