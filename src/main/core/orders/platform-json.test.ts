import { parse as losslessParse, isLosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { idString, parsePlatformJson, stringifyWithBigIds } from './platform-json';

describe('parsePlatformJson', () => {
  it('keeps 19-digit ids exact as strings', () => {
    const v = parsePlatformJson(
      '{"oid":2100000000000000123,"n":[9223372036854775807,-1234567890123456789]}',
    ) as {
      oid: string;
      n: string[];
    };
    expect(v.oid).toBe('2100000000000000123');
    expect(v.n).toEqual(['9223372036854775807', '-1234567890123456789']);
    // What plain JSON.parse would have done:
    expect(String(JSON.parse('2100000000000000123'))).not.toBe('2100000000000000123');
  });

  it('leaves digits inside strings, escapes, small numbers and decimals alone', () => {
    const text =
      '{"a":"x\\"1234567890123456789\\"","b":"12345678901234567890","c":42,"d":1.25,"e":12345678901234567.5,"f":1e21,"h":0.12345678901234567890,"g":[true,null]}';
    expect(parsePlatformJson(text)).toEqual({
      a: 'x"1234567890123456789"',
      b: '12345678901234567890',
      c: 42,
      d: 1.25,
      e: Number('12345678901234567.5'),
      f: 1e21,
      h: Number('0.12345678901234567890'),
      g: [true, null],
    });
  });

  it('agrees with lossless-json on ids for a realistic body', () => {
    const text =
      '{"result":1,"data":{"cursor":"nomore","orderList":[{"orderBaseInfo":{"oid":2100000000000000001,"status":30,"totalFee":1990},"orderItemInfo":{"skuId":3500000000000000001,"num":1,"skuNick":"苹果 \\u4e2d"}}]}}';
    const ours = parsePlatformJson(text) as { data: { orderList: { orderBaseInfo: { oid: string } }[] } };
    const theirs = losslessParse(text) as { data: { orderList: { orderBaseInfo: { oid: unknown } }[] } };
    const oid = theirs.data.orderList[0]!.orderBaseInfo.oid;
    expect(isLosslessNumber(oid)).toBe(true);
    expect(ours.data.orderList[0]!.orderBaseInfo.oid).toBe(String(oid));
  });

  it('throws on malformed JSON', () => {
    expect(() => parsePlatformJson('{"a":1')).toThrow(SyntaxError);
    expect(() => parsePlatformJson('<html>502</html>')).toThrow(SyntaxError);
  });
});

describe('idString / stringifyWithBigIds', () => {
  it('accepts safe numbers and strings, refuses unsafe numbers', () => {
    expect(idString(12)).toBe('12');
    expect(idString('2100000000000000123')).toBe('2100000000000000123');
    expect(() => idString(Number('2100000000000000123'))).toThrow(TypeError);
  });

  it('keeps ids with a leading zero as strings (a bare 0123 is not JSON)', () => {
    const text = stringifyWithBigIds({ skuId: '02439618004' }, new Set(['skuId']));
    expect(text).toBe('{"skuId":"02439618004"}');
    expect(parsePlatformJson(text)).toEqual({ skuId: '02439618004' });
  });

  it('writes marked ids as bare numbers and round-trips', () => {
    const text = stringifyWithBigIds(
      { oid: '2100000000000000123', name: '123', list: [{ oid: '7' }] },
      new Set(['oid']),
    );
    expect(text).toBe('{"oid":2100000000000000123,"name":"123","list":[{"oid":7}]}');
    expect(parsePlatformJson(text)).toEqual({ oid: '2100000000000000123', name: '123', list: [{ oid: 7 }] });
  });
});
