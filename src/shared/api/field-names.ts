import type { z } from 'zod';
import { zodDef as defOf } from './zod-def';

/**
 * What an operation's input schema can report in a validation issue, and how the UI names it.
 *
 * An issue's path (`listings.0.price`, `prices.SKU-1`) runs through array indices and record keys;
 * its *field path* keeps only the object keys the schema declares (`listings.price`, `prices`). A
 * field is named by the first of these keys that exists in the `common` namespace:
 *
 * 1. `fields.<operation>/<field path>`: the word this one operation means (a shop's `name` is not a
 *    product's);
 * 2. `fields.<field path>`: a nested field whose meaning its parent decides (`console.port`);
 * 3. `fields.<last segment>`: the field's own word (`price`), shared by every operation.
 *
 * The root of the input (an unknown field at the top, a wrong type for the whole input) is
 * `fieldsUi.root`. field-names.test.ts walks every operation and fails when a field it can reach
 * has no name in a language, or a reason it can produce has no `errors.issue.<reason>`.
 */

/** Nesting looked at, at most (the input itself is limited to 32 levels). */
const MAX_DEPTH = 40;

/** The reason key (`errors.issue.<reason>`) of a zod issue: sizes by what they measure. */
export function issueReason(code: string, origin?: string): string {
  if (code === 'too_small' || code === 'too_big')
    return `${code}_${origin === 'string' || origin === 'array' ? origin : 'number'}`;
  return code;
}

/** Reasons the core's own input bounds add to every operation (input-bounds.ts). */
export const boundReasons = [
  'too_big_string',
  'hardening.loneSurrogate',
  'hardening.blankSecret',
  'hardening.tooDeep',
  'hardening.badFieldName',
] as const;

const INDEX = /^\d+$/;

/** The children an issue path can step into from a schema, through wrappers and unions. */
function step(schema: z.ZodType, segment: string, depth = 0): { next: z.ZodType; named: boolean }[] {
  if (depth > MAX_DEPTH) return [];
  const def = defOf(schema);
  const inner = (s: z.ZodType | undefined | null) => (s ? step(s, segment, depth + 1) : []);
  switch (def.type) {
    case 'object': {
      const field = def.shape && Object.hasOwn(def.shape, segment) ? def.shape[segment] : undefined;
      if (field) return [{ next: field, named: true }];
      // A strict object's catchall is `never`: a key it does not know leads nowhere.
      return def.catchall && defOf(def.catchall).type !== 'never'
        ? [{ next: def.catchall, named: false }]
        : [];
    }
    case 'array':
    case 'set':
      return INDEX.test(segment) && def.element ? [{ next: def.element, named: false }] : [];
    case 'tuple': {
      const item = INDEX.test(segment) ? (def.items?.[Number(segment)] ?? def.rest) : undefined;
      return item ? [{ next: item, named: false }] : [];
    }
    case 'record':
    case 'map':
      return def.valueType ? [{ next: def.valueType, named: false }] : [];
    case 'union':
      return (def.options ?? []).flatMap((o) => inner(o));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'pipe':
      return [...inner(def.in), ...inner(def.out)];
    case 'lazy':
      return inner(def.getter?.());
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    default:
      return [];
  }
}

/**
 * The field path of an issue path in an input schema: `listings.0.price` → `listings.price`,
 * `prices.SKU-1` → `prices`. Where the schema cannot follow (no schema, a key it does not know),
 * the rest of the path is kept without its array indices.
 */
export function fieldPathOf(schema: z.ZodType | undefined, path: string): string {
  const segments = path === '' ? [] : path.split('.');
  const named: string[] = [];
  let current = schema;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const options = current ? step(current, seg) : [];
    const pick = options.find((o) => o.named) ?? options[0];
    if (!pick) {
      named.push(...segments.slice(i).filter((s) => !INDEX.test(s)));
      break;
    }
    if (pick.named) named.push(seg);
    current = pick.next;
  }
  return named.join('.');
}

/** The keys that may name a field, most specific first (see the top of this file). */
export function fieldKeys(fieldPath: string, operation?: string): string[] {
  if (fieldPath === '') return ['fieldsUi.root'];
  const last = fieldPath.slice(fieldPath.lastIndexOf('.') + 1);
  const keys = [`fields.${fieldPath}`, `fields.${last}`];
  if (operation) keys.unshift(`fields.${operation}/${fieldPath}`);
  return [...new Set(keys)];
}

export interface Translator {
  exists(key: string): boolean;
  t(key: string, params?: Record<string, unknown>): string;
}

/** A field of an operation's input in the UI language; a field no schema knows is quoted as sent. */
export function fieldName(tr: Translator, path: string, operation?: string, schema?: z.ZodType): string {
  const fieldPath = fieldPathOf(schema, path);
  const key = fieldKeys(fieldPath, operation).find((k) => tr.exists(k));
  return key ? tr.t(key) : tr.t('fieldsUi.unknown', { path: fieldPath || path });
}

/** Every field path an issue of this schema can carry ('' is the input itself). */
export function reachableFields(schema: z.ZodType): Set<string> {
  const found = new Set<string>(['']);
  const seen = new Set<z.ZodType>();
  const visit = (s: z.ZodType | undefined | null, path: string, depth: number): void => {
    if (!s || depth > MAX_DEPTH) return;
    const def = defOf(s);
    if (def.type === 'lazy') {
      if (seen.has(s)) return;
      seen.add(s);
    }
    const next = (c: z.ZodType | undefined | null) => visit(c, path, depth + 1);
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape ?? {})) {
          const p = path ? `${path}.${k}` : k;
          found.add(p);
          visit(v, p, depth + 1);
        }
        next(def.catchall);
        return;
      case 'array':
      case 'set':
        return next(def.element);
      case 'tuple':
        (def.items ?? []).forEach(next);
        return next(def.rest);
      case 'record':
      case 'map':
        return next(def.valueType);
      case 'union':
        return (def.options ?? []).forEach(next);
      case 'intersection':
        next(def.left);
        return next(def.right);
      case 'pipe':
        next(def.in);
        return next(def.out);
      case 'lazy':
        return next(def.getter?.());
      default:
        if (def.innerType) next(def.innerType);
    }
  };
  visit(schema, '', 0);
  return found;
}

/** Types whose value is anything: no issue of their own. */
const ACCEPTS_ALL = new Set(['any', 'unknown']);
/** Wrappers that add no reason of their own. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly']);

/**
 * Every reason (`errors.issue.<reason>`) a zod issue of this schema can give, as the dispatcher
 * names it. A schema type or check this walk does not know throws, so a new kind of check cannot
 * slip past the locale test untranslated.
 */
export function reachableReasons(schema: z.ZodType): Set<string> {
  const found = new Set<string>();
  const seen = new Set<z.ZodType>();
  const visit = (s: z.ZodType | undefined | null, depth: number): void => {
    if (!s || depth > MAX_DEPTH) return;
    const def = defOf(s);
    if (def.type === 'lazy') {
      if (seen.has(s)) return;
      seen.add(s);
    }
    const next = (c: z.ZodType | undefined | null) => visit(c, depth + 1);
    const size = (origin: string) => {
      found.add(issueReason('too_small', origin));
      found.add(issueReason('too_big', origin));
    };
    if (ACCEPTS_ALL.has(def.type)) return;
    if (WRAPPERS.has(def.type)) return next(def.innerType);
    // `catch` turns every issue of its inner schema into its fallback value.
    if (def.type === 'catch') return;
    found.add('invalid_type');
    for (const c of def.checks ?? []) {
      const check = c._zod.def;
      switch (check.check) {
        case 'min_length':
        case 'max_length':
        case 'length_equals':
          size(def.type);
          break;
        case 'greater_than':
        case 'less_than':
        case 'min_size':
        case 'max_size':
        case 'size_equals':
          size('number');
          break;
        case 'multiple_of':
          found.add('not_multiple_of');
          break;
        case 'string_format':
          found.add('invalid_format');
          break;
        case 'number_format':
        case 'bigint_format':
          size('number');
          break;
        case 'mime_type':
          found.add('invalid_value');
          break;
        case 'custom':
          found.add('custom');
          break;
        case 'overwrite':
          break;
        default:
          throw new Error(`reachableReasons: unknown check ${check.check} on ${def.type}`);
      }
    }
    switch (def.type) {
      case 'string':
        if (def.format) found.add('invalid_format');
        return;
      case 'number':
      case 'bigint':
      case 'boolean':
      case 'date':
      case 'null':
      case 'undefined':
      case 'void':
      case 'never':
      case 'nan':
      case 'symbol':
      case 'file':
      case 'promise':
      case 'function':
        return;
      case 'nonoptional':
        return next(def.innerType);
      case 'enum':
      case 'literal':
        found.add('invalid_value');
        return;
      case 'template_literal':
        found.add('invalid_format');
        return;
      case 'custom':
      case 'transform':
        found.add('custom');
        return;
      case 'object':
        if (def.catchall && defOf(def.catchall).type === 'never') found.add('unrecognized_keys');
        Object.values(def.shape ?? {}).forEach(next);
        if (def.catchall && defOf(def.catchall).type !== 'never') next(def.catchall);
        return;
      case 'array':
        return next(def.element);
      case 'set':
        found.add('invalid_element');
        return next(def.element);
      case 'tuple':
        size('array');
        (def.items ?? []).forEach(next);
        return next(def.rest);
      case 'record': {
        const key = def.keyType ? defOf(def.keyType) : undefined;
        if (key && (key.type !== 'string' || key.format || (key.checks ?? []).length > 0))
          found.add('invalid_key');
        return next(def.valueType);
      }
      case 'map':
        found.add('invalid_key');
        found.add('invalid_element');
        next(def.keyType);
        return next(def.valueType);
      case 'union':
        found.add('invalid_union');
        return (def.options ?? []).forEach(next);
      case 'intersection':
        next(def.left);
        return next(def.right);
      case 'pipe':
        next(def.in);
        return next(def.out);
      case 'lazy':
        return next(def.getter?.());
      default:
        throw new Error(`reachableReasons: unknown schema type ${def.type}`);
    }
  };
  visit(schema, 0);
  return found;
}
