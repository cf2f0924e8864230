import { afterEach, describe, expect, it } from 'vitest';
import { packRaw, RawPacker, unpackRaw } from './raw-pack';

let packers: RawPacker[] = [];
afterEach(() => {
  for (const p of packers) p.close();
  packers = [];
});
const packer = (onError?: (reason: string) => void) => {
  const p = new RawPacker(onError);
  packers.push(p);
  return p;
};

const order = (i: number) =>
  `{"oid":${2100000000000000000n + BigInt(i)},"title":"定西马铃薯 ${i}","pad":"${'x'.repeat(80)}"}`;

describe('raw pages', () => {
  it('packs on the packer thread exactly as on this thread, and reads back as received', async () => {
    const errors: string[] = [];
    const p = packer((r) => errors.push(r));
    const raws = [...Array.from({ length: 40 }, (_, i) => order(i)), '{\r\n "multi": "line"\n}'];
    const [off, here] = [await p.pack(raws), packRaw(raws)];
    expect(errors).toEqual([]);
    expect(off).toBeDefined();
    expect(off!.codec).toBe(here.codec);
    expect(Buffer.compare(off!.body, here.body)).toBe(0);
    expect(unpackRaw(off!.codec, off!.body)).toEqual([...raws.slice(0, 40), '{  "multi": "line" }']);
    // Many pages in flight come back each to its own caller.
    const many = await Promise.all(Array.from({ length: 30 }, (_, k) => p.pack([order(k), order(k + 1000)])));
    many.forEach((m, k) => expect(unpackRaw(m!.codec, m!.body)).toEqual([order(k), order(k + 1000)]));
  });

  it('stores a small page as it is', async () => {
    const p = packer();
    const packed = await p.pack(['{"a":1}', '{"b":2}']);
    expect(packed?.codec).toBe('none');
    expect(packed?.body.toString()).toBe('{"a":1}\n{"b":2}');
  });

  it('answers undefined, and says why, when the worker cannot pack a page; and after close', async () => {
    const errors: string[] = [];
    const p = packer((r) => errors.push(r));
    expect(await p.pack([42 as unknown as string])).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/includes/);
    // The worker is still there for the next page.
    expect(await p.pack([order(1)])).toBeDefined();
    p.close();
    expect(await p.pack([order(2)])).toBeUndefined();
  });
});
