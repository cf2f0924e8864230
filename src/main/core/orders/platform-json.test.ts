import { parse as losslessParse, isLosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { idString, parsePlatformJson, sourceOf, stringifyWithBigIds } from './platform-json';

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

  it('agrees with lossless-json on random bodies (escapes, digits in strings, decimals, exponents)', () => {
    let seed = 7;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    const digits = (k: number) =>
      Array.from({ length: k }, (_, i) => (i === 0 ? 1 + rnd(9) : rnd(10))).join('');
    const pieces = ['\\"', '\\\\', '\\n', '"', '1234567890123456789', ':', ',', '[', '{', 'e', '中', ' '];
    const literal = (): string => {
      switch (rnd(7)) {
        case 0:
          return (rnd(2) ? '-' : '') + digits(1 + rnd(22));
        case 1:
          return `${digits(1 + rnd(18))}.${digits(1 + rnd(20))}`;
        case 2:
          return `${digits(1 + rnd(18))}${rnd(2) ? 'e' : 'E'}${['', '+', '-'][rnd(3)]}${digits(1 + rnd(2))}`;
        case 3: {
          const raw = Array.from({ length: rnd(6) }, () => pieces[rnd(pieces.length)]!).join('');
          return JSON.stringify(raw);
        }
        case 4:
          return `[${Array.from({ length: rnd(4) }, literal).join(', ')}]`;
        case 5:
          return `{${Array.from({ length: rnd(4) }, (_, i) => `"k${i}\\"${digits(17)}" : ${literal()}`).join(',')}}`;
        default:
          return ['true', 'false', 'null'][rnd(3)]!;
      }
    };
    const expected = (v: unknown): unknown => {
      if (isLosslessNumber(v)) {
        const t = v.toString();
        return /^-?\d{16,}$/.test(t) ? t : Number(t);
      }
      if (Array.isArray(v)) return v.map(expected);
      if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expected(x)]));
      return v;
    };
    for (let i = 0; i < 2_000; i++) {
      const text = literal();
      expect(parsePlatformJson(text), text).toEqual(expected(losslessParse(text)));
    }
    // Each element of a kept list gives back its own text, which parses to the element.
    for (let i = 0; i < 500; i++) {
      const ws = () => [' ', '', '\n  ', '\t'][rnd(4)]!;
      const elements = Array.from({ length: rnd(5) }, () =>
        rnd(4)
          ? `{${ws()}"oid"${ws()}:${ws()}${digits(19)},${ws()}"v":${ws()}${literal()}${ws()}}`
          : literal(),
      );
      const text = `{"data":{"cursor":"c","orderList"${ws()}:${ws()}[${ws()}${elements.join(`${ws()},${ws()}`)}${ws()}],"after":[${literal()}]}}`;
      const list = (parsePlatformJson(text, ['orderList']) as { data: { orderList: unknown[] } }).data
        .orderList;
      expect(list.length, text).toBe(elements.length);
      list.forEach((el, k) => {
        if (typeof el !== 'object' || el === null) return;
        expect(sourceOf(el), text).toBe(elements[k]);
        expect(parsePlatformJson(sourceOf(el)!)).toEqual(el);
      });
    }
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
