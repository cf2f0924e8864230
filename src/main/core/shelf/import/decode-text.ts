import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gbk';

/**
 * Text of a CSV/TSV file. A byte-order mark always wins: EF BB BF is UTF-8, FF FE / FE FF is
 * UTF-16 LE / BE (Excel's "Unicode text"). Without one, `auto` reads valid UTF-8 as UTF-8 and
 * anything else as GB18030 (a superset of GBK, what Excel in China writes); the operator can force
 * UTF-8 or GBK.
 */
export function decodeText(
  bytes: Uint8Array,
  wanted: 'auto' | 'utf-8' | 'gbk',
): { text: string; encoding: TextEncoding } {
  const b = (i: number) => bytes[i];
  if (bytes.length >= 3 && b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes.length >= 2 && b(0) === 0xff && b(1) === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && b(0) === 0xfe && b(1) === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (wanted === 'gbk') return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gbk' };
  if (wanted === 'utf-8') return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gbk' };
  }
}
