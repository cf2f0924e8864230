import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

/**
 * Text of a CSV file. `auto`: a UTF-8 BOM wins; then strict UTF-8; bytes that are not valid
 * UTF-8 are read as GB18030 (a superset of GBK, what Excel in China writes).
 */
export function decodeText(
  bytes: Uint8Array,
  wanted: 'auto' | 'utf-8' | 'gbk',
): { text: string; encoding: TextEncoding } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (wanted === 'gbk') return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gbk' };
  if (bom) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (wanted === 'utf-8') return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gbk' };
  }
}
