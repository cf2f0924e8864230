import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../../../test-support/shelf/zip-writer';
import { BrokenZipError, zipParts } from './zip-parts';

const text = async (s: NodeJS.ReadableStream | undefined) =>
  s ? (await buffer(s)).toString('utf8') : undefined;

describe('zipParts', () => {
  it('opens stored and deflated parts in any order, by name in any case, as often as asked', async () => {
    const big = '陇原好物,'.repeat(100_000); // inflates to many chunks
    const zip = zipParts(
      writeZip(
        [
          { name: 'xl/worksheets/商品.xml', data: big },
          { name: 'xl/workbook.xml', data: '<workbook/>', method: 0 },
          { name: 'dir/', data: '', method: 0 },
        ],
        { comment: 'written by a tool that adds a comment' },
      ),
    );
    expect(zip.names()).toEqual(['xl/worksheets/商品.xml', 'xl/workbook.xml']);
    expect(await text(zip.open('xl/workbook.xml'))).toBe('<workbook/>');
    expect(await text(zip.open('/XL/Worksheets/商品.xml'))).toBe(big);
    expect(await text(zip.open('xl/worksheets/商品.xml'))).toBe(big);
    expect(zip.open('xl/sharedStrings.xml')).toBeUndefined();
  });

  it('reads the ZIP64 end records', async () => {
    const zip = zipParts(writeZip([{ name: 'a.xml', data: '<a/>' }], { zip64: true }));
    expect(await text(zip.open('a.xml'))).toBe('<a/>');
  });

  it('refuses what is not a whole archive with a BrokenZipError, and a damaged part as a stream error', async () => {
    const whole = writeZip([{ name: 'a.xml', data: 'x'.repeat(10_000) }]);
    expect(() => zipParts(Buffer.from('not a zip at all'))).toThrow(BrokenZipError);
    expect(() => zipParts(whole.subarray(0, whole.length - 30))).toThrow(BrokenZipError);
    const damaged = Buffer.from(whole);
    damaged.fill(0xff, 40, 60); // inside the deflated bytes
    await expect(text(zipParts(damaged).open('a.xml'))).rejects.toThrow();
  });
});
