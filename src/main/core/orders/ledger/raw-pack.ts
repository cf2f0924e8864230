import zlib from 'node:zlib';
import { Worker } from 'node:worker_threads';

export type RawCodec = 'zstd' | 'deflate-raw' | 'none';

export interface PackedRaw {
  codec: RawCodec;
  body: Buffer;
}

/** Pages this small are stored as they are: compressing would not pay for itself. */
const COMPRESS_FROM_BYTES = 512;

/** zstd where the runtime has it (Node 22.15+, Electron 36+), else deflate; both read back either way. */
const PACK_CODEC: RawCodec = typeof zlib.zstdCompressSync === 'function' ? 'zstd' : 'deflate-raw';

/**
 * One delivery's orders as received, one order's JSON per line (JSON text has no newlines except
 * as whitespace, which becomes a space), compressed at the fastest level: a 40 KB page costs
 * about 0.16 ms to pack and goes in at about a thirteenth of its size.
 *
 * Self-contained on purpose (everything it uses comes in as an argument, or is the global
 * Buffer): the packer worker runs this very function from its source text.
 */
function packWith(raws: readonly string[], z: typeof zlib, codec: RawCodec, compressFrom: number): PackedRaw {
  const text = Buffer.from(raws.map((r) => (r.includes('\n') ? r.replace(/\r?\n/g, ' ') : r)).join('\n'));
  if (text.length < compressFrom) return { codec: 'none', body: text };
  if (codec === 'zstd')
    return {
      codec: 'zstd',
      body: z.zstdCompressSync(text, { params: { [z.constants.ZSTD_c_compressionLevel]: 1 } }),
    };
  return { codec: 'deflate-raw', body: z.deflateRawSync(text, { level: 1 }) };
}

/** Packs a delivery's raw orders on this thread. */
export const packRaw = (raws: readonly string[]): PackedRaw =>
  packWith(raws, zlib, PACK_CODEC, COMPRESS_FROM_BYTES);

export function unpackRaw(codec: RawCodec, body: Buffer): string[] {
  const text =
    codec === 'zstd'
      ? zlib.zstdDecompressSync(body)
      : codec === 'deflate-raw'
        ? zlib.inflateRawSync(body)
        : body;
  return text.toString('utf8').split('\n');
}

/** The packer worker: packWith from its own source, answering one message per page. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
const packWith = ${packWith.toString()};
parentPort.on('message', (m) => {
  try {
    const p = packWith(m.raws, zlib, ${JSON.stringify(PACK_CODEC)}, ${COMPRESS_FROM_BYTES});
    let body = p.body;
    // Transfer a buffer of its own (small results share Node's pool).
    if (body.byteOffset !== 0 || body.byteLength !== body.buffer.byteLength) body = Uint8Array.prototype.slice.call(body);
    parentPort.postMessage({ id: m.id, codec: p.codec, body }, [body.buffer]);
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err) });
  }
});
`;

/**
 * Packs raw pages on a second thread while the ledger's thread goes on (parsing the next pages,
 * writing the group before): packing is about a tenth of ingest, and the studio's thread is the
 * one that is busy. The worker starts on first use and does not keep the process alive. If it
 * fails, `pack` answers undefined and the caller packs on its own thread: nothing depends on it.
 */
export class RawPacker {
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 0;
  private readonly waiting = new Map<number, (packed: PackedRaw | undefined) => void>();

  constructor(private readonly onError: (reason: string) => void = () => {}) {}

  pack(raws: readonly string[]): Promise<PackedRaw | undefined> {
    const worker = this.started();
    if (!worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id, raws });
    });
  }

  /** Stops the worker for good; pages still waiting, and any later, are packed by their callers. */
  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.broken = true;
    this.settleAll();
    void worker?.terminate();
  }

  private started(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      worker.on('message', (m: { id: number; codec?: RawCodec; body?: Uint8Array; error?: string }) => {
        const resolve = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error !== undefined || !m.codec || !m.body) {
          this.onError(m.error ?? 'empty answer');
          resolve?.(undefined);
        } else
          resolve?.({
            codec: m.codec,
            body: Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength),
          });
      });
      const fail = (reason: string) => {
        if (this.worker !== worker) return;
        this.broken = true;
        this.worker = undefined;
        this.onError(reason);
        this.settleAll();
      };
      worker.on('error', (err) => fail(String(err)));
      worker.on('exit', (code) => fail(`packer worker exited (${code})`));
      this.worker = worker;
    } catch (err) {
      this.broken = true;
      this.onError(String(err));
    }
    return this.worker;
  }

  private settleAll(): void {
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }
}
