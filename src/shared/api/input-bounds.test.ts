import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { operations } from './contract';
import { INPUT_LIMITS, inputBoundIssues } from './input-bounds';

const reasons = (schema: z.ZodType, input: unknown) =>
  inputBoundIssues(schema, input).map((i) => `${i.path}:${i.reason}`);

describe('input bounds', () => {
  it('gives unbounded strings a default limit, tighter for ids and SKUs', () => {
    const schema = z.strictObject({ note: z.string(), skuId: z.string(), tags: z.array(z.string()) });
    expect(reasons(schema, { note: 'x'.repeat(INPUT_LIMITS.string) })).toEqual([]);
    expect(reasons(schema, { note: 'x'.repeat(INPUT_LIMITS.string + 1) })).toEqual(['note:too_big_string']);
    expect(reasons(schema, { skuId: 'x'.repeat(INPUT_LIMITS.id + 1) })).toEqual(['skuId:too_big_string']);
    expect(reasons(schema, { tags: ['ok', 'x'.repeat(INPUT_LIMITS.string + 1)] })).toEqual([
      'tags.1:too_big_string',
    ]);
  });

  it("keeps a schema's own larger limit (a file's base64)", () => {
    const upload = operations['shelf.importPreview'].input as z.ZodType;
    const file = { fileName: 'a.csv', contentBase64: 'A'.repeat(1024 * 1024) };
    expect(inputBoundIssues(upload, file)).toEqual([]);
    expect(inputBoundIssues(upload, { ...file, fileName: 'a\ud800' })).toHaveLength(1);
  });

  it('refuses lone surrogates in values and field names, keeps surrogate pairs', () => {
    const schema = z.object({ name: z.string().max(10) }).catchall(z.unknown());
    expect(reasons(schema, { name: '核桃😀' })).toEqual([]);
    expect(reasons(schema, { name: 'a\ud800' })).toEqual(['name:hardening.loneSurrogate']);
    expect(reasons(schema, { name: '\udc00' })).toEqual(['name:hardening.loneSurrogate']);
    expect(reasons(schema, { 'k\ud800': 1 })).toEqual([':hardening.badFieldName']);
  });

  it('refuses a secret made only of white space, not an empty or real one', () => {
    const schema = operations['shops.save'].input as z.ZodType;
    expect(reasons(schema, { appSecret: ' \t\n' })).toEqual(['appSecret:hardening.blankSecret']);
    expect(reasons(schema, { password: '  ' })).toEqual(['password:hardening.blankSecret']);
    expect(reasons(schema, { appSecret: '' })).toEqual([]);
    expect(reasons(schema, { appSecret: ' s3cret ' })).toEqual([]);
    expect(reasons(schema, { label: '   ' })).toEqual([]);
  });

  it('stops deep nesting', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(reasons(z.unknown(), { a: deep })).toEqual([
      `a${'.0'.repeat(INPUT_LIMITS.depth - 1)}:hardening.tooDeep`,
    ]);
  });

  it('reads limits through optional, default, union, record and pipe', () => {
    const schema = z.strictObject({
      a: z.string().max(5).optional(),
      b: z.union([z.string().max(3), z.number()]).default(1),
      c: z.record(z.string(), z.string()),
      d: z.string().trim().pipe(z.string().max(4)),
    });
    // Explicit limits are the schema's to report; only the unbounded record values use the default.
    expect(reasons(schema, { a: 'x'.repeat(50), b: 'x'.repeat(50), d: 'x'.repeat(50) })).toEqual([]);
    expect(reasons(schema, { c: { k: 'x'.repeat(INPUT_LIMITS.string + 1) } })).toEqual([
      'c.k:too_big_string',
    ]);
  });
});
