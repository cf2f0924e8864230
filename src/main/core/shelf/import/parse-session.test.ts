import { describe, expect, it } from 'vitest';
import { importPreviewOf, parseImportFile } from './parse-import';
import { createParseSession, type SessionReply, type SessionRequest, type WriteRow } from './parse-session';
import type { RowLookups } from './validate-rows';

/** `rows` products; SKU-3 appears twice (the second is a duplicate-key error), SKU-2 exists already. */
function sheet(rows: number): Uint8Array {
  const lines = ['外部编码,商品名称,规格,直播价,库存'];
  for (let i = 1; i <= rows; i++) lines.push(`SKU-${i},静宁苹果 第${i}号,${i % 7}kg,12.50,${i}`);
  lines.push('SKU-3,静宁苹果 重复,1kg,9.90,1');
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/** Lookups where SKU-2 is product 42, counting the rows checked (one findProduct per row). */
function countingLookups(): RowLookups & { checked: number } {
  const l = {
    checked: 0,
    findProduct: (outerSku: string | null) => {
      l.checked++;
      return outerSku === 'SKU-2' ? 42 : undefined;
    },
    listingOwner: () => undefined,
  };
  return l;
}

describe('reading an import file row by row', () => {
  it('checks rows only as a pass reads them, and every pass gives the same rows', async () => {
    const lookups = countingLookups();
    const parsed = await parseImportFile({ fileName: 'big.csv', bytes: sheet(1_000) }, lookups);
    // Opening reads the header and the first row, and checks none: no row is held.
    expect(lookups.checked).toBe(0);
    const preview = await importPreviewOf(parsed);
    expect(lookups.checked).toBe(1_001);
    expect(preview.totals).toEqual({
      rows: 1_001,
      valid: 1_000,
      invalid: 1,
      warned: 0,
      creates: 999,
      updates: 1,
    });
    expect(preview.rows.at(-1)).toMatchObject({ row: 1_002, action: 'skip' });

    // A second pass, three rows into it: three more rows checked, not the file again.
    const pass = parsed.rows();
    const first = [(await pass.next()).value, (await pass.next()).value, (await pass.next()).value];
    expect(lookups.checked).toBe(1_004);
    expect(first.map((r) => r?.row)).toEqual([2, 3, 4]);
    expect(first.map((r) => r?.existingId)).toEqual([null, 42, null]);
    // …and to its end, the same rows as the preview saw (the duplicate again an error).
    const rest = [];
    for await (const r of pass) rest.push(r);
    expect(rest.at(-1)).toMatchObject({ row: 1_002, product: null });
    expect(rest.at(-1)!.issues.map((i) => i.key)).toEqual(preview.rows.at(-1)!.issues.map((i) => i.key));
  });

  it('a session hands out the valid rows in batches after the preview, and says when the file ended', async () => {
    const replies: SessionReply[] = [];
    const session = createParseSession((m) => replies.push(m));
    const send = async (m: SessionRequest) => {
      await session(m);
      return replies.at(-1)!;
    };
    await send({ t: 'lookups', sku: [['SKU-2', 42]], nameSpec: [], listings: [] });
    const parsed = await send({
      t: 'parse',
      fileName: 'big.csv',
      bytes: sheet(7),
      encoding: 'auto',
      matchKey: 'outerSku',
    });
    expect(parsed).toMatchObject({ t: 'parsed', invalid: 1 });
    const taken: WriteRow[] = [];
    const done: boolean[] = [];
    for (let guard = 0; guard < 10; guard++) {
      const r = await send({ t: 'take', max: 3 });
      if (r.t !== 'rows') throw new Error(`unexpected reply ${r.t}`);
      taken.push(...r.rows);
      done.push(r.done);
      if (r.done) break;
    }
    // 7 valid rows in batches of 3: the last batch says the file ended; the duplicate is left out.
    expect(done).toEqual([false, false, true]);
    expect(taken.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(taken.map((r) => r.existingId)).toEqual([null, 42, null, null, null, null, null]);
    expect(taken[0]!.product).toMatchObject({
      outerSku: 'SKU-1',
      nameZh: '静宁苹果 第1号',
      livePriceFen: 1250,
    });
    // Past the end: nothing more, still done.
    expect(await send({ t: 'take', max: 3 })).toEqual({ t: 'rows', rows: [], done: true });
  });
});
