import { isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';

/**
 * Platform JSON parsed without loss: every number stays a LosslessNumber (its digits as sent), so
 * a 19-digit order id sent as a bare JSON number is never rounded to a double.
 */
export function parseLossless(text: string): unknown {
  return parse(text, null, (digits) => new LosslessNumber(digits));
}

/** Serialises what parseLossless returned back to JSON with every number's original digits. */
export function stringifyLossless(value: unknown): string {
  const out = stringify(value);
  if (out === undefined) throw new TypeError('value is not JSON-serialisable');
  return out;
}

export class FieldError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'FieldError';
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);
}

export function objectField(o: JsonObject, field: string): JsonObject {
  const v = o[field];
  if (!isObject(v)) throw new FieldError(field, 'expected an object');
  return v;
}

export function arrayField(o: JsonObject, field: string): unknown[] {
  const v = o[field];
  if (!Array.isArray(v)) throw new FieldError(field, 'expected an array');
  return v;
}

/** An id as a string whether the platform sent "123" or a bare (possibly > 2^53) number. */
export function idField(o: JsonObject, field: string): string {
  const v = o[field];
  if (typeof v === 'string' && v !== '') return v;
  if (isLosslessNumber(v) && /^\d+$/.test(v.value)) return v.value;
  throw new FieldError(field, 'expected an id');
}

export function stringField(o: JsonObject, field: string): string {
  const v = o[field];
  if (typeof v === 'string') return v;
  if (isLosslessNumber(v)) return v.value;
  throw new FieldError(field, 'expected a string');
}

export function optionalStringField(o: JsonObject, field: string): string | undefined {
  const v = o[field];
  return v === undefined || v === null || v === '' ? undefined : stringField(o, field);
}

/** A small integer (quantity, totals) sent as a number or a numeric string. */
export function intField(o: JsonObject, field: string): number {
  const v = o[field];
  const digits = typeof v === 'string' ? v : isLosslessNumber(v) ? v.value : undefined;
  if (digits === undefined || !/^-?\d+$/.test(digits) || !Number.isSafeInteger(Number(digits)))
    throw new FieldError(field, 'expected an integer');
  return Number(digits);
}

export function booleanField(o: JsonObject, field: string): boolean {
  const v = o[field];
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new FieldError(field, 'expected a boolean');
}
