import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * The parts of a ZIP archive (an XLSX) read through its central directory: each part opens as a
 * stream of its inflated bytes, in any order, as often as wanted.
 *
 * Why not the spreadsheet library's own streaming pass: it reads the archive front to back with a
 * streaming unzip whose entries are sometimes lost under load (exceljs issues 2790 and 3064), so
 * a workbook read as "no worksheet with cells" one time in twenty on a busy machine. The bytes are
 * in memory anyway; the directory at the end of the archive says where every part is.
 */
export interface ZipParts {
  /** Part names as stored (`xl/worksheets/sheet1.xml`). */
  names(): string[];
  /** The part's inflated bytes as a stream; undefined when the archive has no such part. */
  open(name: string): Readable | undefined;
}

export class BrokenZipError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
/** An archive with more parts than this is not a catalogue. */
const MAX_PARTS = 100_000;

interface Part {
  name: string;
  method: number;
  compressed: number;
  local: number;
}

export function zipParts(bytes: Uint8Array): ZipParts {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = new Map<string, Part>();
  for (const p of centralDirectory(buf)) parts.set(p.name.toLowerCase(), p);
  return {
    names: () => [...parts.values()].map((p) => p.name),
    open(name) {
      const p = parts.get(name.replace(/^\//, '').toLowerCase());
      if (!p) return undefined;
      const data = partData(buf, p);
      // Chunks of 64 KiB: the inflater's backpressure then holds, and no chunk is a whole sheet.
      const chunks = (function* () {
        for (let at = 0; at < data.length; at += 65_536) yield data.subarray(at, at + 65_536);
      })();
      const source = Readable.from(chunks, { objectMode: false });
      if (p.method === 0) return source;
      const inflate = zlib.createInflateRaw();
      source.on('error', (err) => inflate.destroy(err));
      return source.pipe(inflate);
    },
  };
}

function centralDirectory(buf: Buffer): Part[] {
  const end = findEnd(buf);
  let count = buf.readUInt16LE(end + 10);
  let size = buf.readUInt32LE(end + 12);
  let offset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR)
      throw new BrokenZipError('no ZIP64 locator');
    const at = safeNumber(buf.readBigUInt64LE(locator + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD)
      throw new BrokenZipError('no ZIP64 end record');
    count = safeNumber(buf.readBigUInt64LE(at + 32));
    size = safeNumber(buf.readBigUInt64LE(at + 40));
    offset = safeNumber(buf.readBigUInt64LE(at + 48));
  }
  if (count > MAX_PARTS) throw new BrokenZipError(`${count} parts`);
  if (offset + size > buf.length) throw new BrokenZipError('central directory past the end');
  const parts: Part[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL)
      throw new BrokenZipError(`entry ${i} damaged`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    let compressed = buf.readUInt32LE(at + 20);
    const uncompressed = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    let local = buf.readUInt32LE(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > buf.length) throw new BrokenZipError(`entry ${i} damaged`);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, nameEnd);
    // ZIP64 sizes and offset, in this order, for each field saturated above.
    let x = nameEnd;
    while (x + 4 <= nameEnd + extraLength) {
      const id = buf.readUInt16LE(x);
      const len = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let f = x + 4;
        if (uncompressed === 0xffffffff) f += 8;
        if (compressed === 0xffffffff) compressed = safeNumber(buf.readBigUInt64LE((f += 8) - 8));
        if (local === 0xffffffff) local = safeNumber(buf.readBigUInt64LE(f));
      }
      x += 4 + len;
    }
    if (flags & 0x1) throw new BrokenZipError(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new BrokenZipError(`${name}: compression method ${method}`);
    if (!name.endsWith('/')) parts.push({ name, method, compressed, local });
    at = nameEnd + extraLength + commentLength;
  }
  return parts;
}

/** The end-of-central-directory record: the last one in the final 64 KiB (+ its own size). */
function findEnd(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - 22 - MAX_COMMENT);
  for (let at = buf.length - 22; at >= lowest; at--) if (buf.readUInt32LE(at) === EOCD) return at;
  throw new BrokenZipError('not a ZIP archive');
}

function partData(buf: Buffer, p: Part): Buffer {
  if (p.local + 30 > buf.length || buf.readUInt32LE(p.local) !== LOCAL)
    throw new BrokenZipError(`${p.name} damaged`);
  const start = p.local + 30 + buf.readUInt16LE(p.local + 26) + buf.readUInt16LE(p.local + 28);
  if (start + p.compressed > buf.length) throw new BrokenZipError(`${p.name} cut short`);
  return buf.subarray(start, start + p.compressed);
}

function safeNumber(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new BrokenZipError('offset out of range');
  return Number(n);
}
