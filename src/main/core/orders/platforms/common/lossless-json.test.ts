import { describe, expect, it } from 'vitest';
import { LosslessNumber } from 'lossless-json';
import {
  FieldError,
  idField,
  intField,
  isObject,
  parseLossless,
  rawJson,
  stringifyLossless,
} from './lossless-json';

describe('lossless JSON', () => {
  const text = '{"orderId":2100000000000000123,"tid_str":"2100000000000000123","n":3,"price":"19.90"}';

  it('keeps 19-digit ids that JSON.parse would round', () => {
    expect(String((JSON.parse(text) as { orderId: number }).orderId)).not.toBe('2100000000000000123');
    const o = parseLossless(text);
    if (!isObject(o)) throw new Error('expected an object');
    expect(idField(o, 'orderId')).toBe('2100000000000000123');
    expect(idField(o, 'tid_str')).toBe('2100000000000000123');
    expect(intField(o, 'n')).toBe(3);
    expect(rawJson(o)).toBe(text.replace(':2100000000000000123', ':"2100000000000000123"'));
  });

  it('writes LosslessNumbers as bare numbers (how simulators send 19-digit ids)', () => {
    expect(stringifyLossless({ tid: new LosslessNumber('2100000000000000123'), n: 1 })).toBe(
      '{"tid":2100000000000000123,"n":1}',
    );
  });

  it('refuses what is not an id or an integer', () => {
    const o = parseLossless('{"a":1.5,"b":"","c":true,"d":99999999999999999999}');
    if (!isObject(o)) throw new Error('expected an object');
    expect(() => idField(o, 'a')).toThrow(FieldError);
    expect(() => idField(o, 'b')).toThrow(FieldError);
    expect(() => idField(o, 'c')).toThrow(FieldError);
    expect(() => intField(o, 'd')).toThrow(FieldError);
  });
});
