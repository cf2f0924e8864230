import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProductImage } from '@shared/api/domains/shelf';
import { ApiFailure } from '@shared/api/errors';
import type { ShelfContext } from './shelf-context';
import { imageFromRow } from './shelf-rows';

export const IMAGE_DIR = 'images';
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_THUMB_BYTES = 1024 * 1024;

/** The image type by its first bytes; the file name's extension is not trusted. */
export function sniffImage(
  bytes: Uint8Array,
): { ext: string; width: number | null; height: number | null } | null {
  const b = bytes;
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { ext: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)
    return { ext: 'jpg', width: null, height: null };
  if (
    b.length > 12 &&
    String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
    String.fromCharCode(...b.subarray(8, 12)) === 'WEBP'
  )
    return { ext: 'webp', width: null, height: null };
  if (b.length > 6 && String.fromCharCode(...b.subarray(0, 4)) === 'GIF8')
    return { ext: 'gif', width: null, height: null };
  return null;
}

/**
 * Copies an uploaded image into `<dataDir>/images` and records it with its thumbnail. The
 * thumbnail is drawn by the client (a canvas in the operator UI), because every server-side image
 * library we could use needs native code; without one, the original stands in.
 */
export function saveProductImage(
  s: ShelfContext,
  productId: number,
  fileName: string,
  bytes: Buffer,
  thumbnail?: Buffer,
): ProductImage {
  if (!s.studio.dataDir) {
    throw new ApiFailure('unavailable', 'images need a data directory', { key: 'shelf:errors.noImageDir' });
  }
  if (bytes.length > MAX_BYTES) {
    throw new ApiFailure('bad_request', `${fileName} is larger than 10 MiB`, {
      key: 'shelf:errors.imageTooLarge',
      params: { file: fileName, max: 10 },
    });
  }
  const kind = sniffImage(bytes);
  if (!kind) {
    throw new ApiFailure('bad_request', `${fileName} is not a PNG, JPEG, WebP or GIF image`, {
      key: 'shelf:errors.notAnImage',
      params: { file: fileName },
    });
  }
  const thumbKind = thumbnail ? sniffImage(thumbnail) : undefined;
  if (thumbnail && (!thumbKind || thumbKind.ext === 'gif' || thumbnail.length > MAX_THUMB_BYTES)) {
    throw new ApiFailure(
      'bad_request',
      `the thumbnail of ${fileName} is not a small PNG, JPEG or WebP image`,
      {
        key: 'shelf:errors.badThumbnail',
        params: { file: fileName },
      },
    );
  }
  const dir = path.join(s.studio.dataDir, IMAGE_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const base = `${productId}-${randomUUID()}`;
  const file = `${base}.${kind.ext}`;
  const thumbFile = thumbnail && thumbKind ? `${base}.thumb.${thumbKind.ext}` : file;
  fs.writeFileSync(path.join(dir, file), bytes);
  if (thumbnail) fs.writeFileSync(path.join(dir, thumbFile), thumbnail);
  try {
    return imageFromRow(
      s.db().transaction(() => s.products.addImage(productId, file, thumbFile, kind.width, kind.height))(),
    );
  } catch (err) {
    // Nothing half-saved: the files go when the row could not be written.
    for (const f of new Set([file, thumbFile])) fs.rmSync(path.join(dir, f), { force: true });
    throw err;
  }
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** Reads a stored image back; only names the shelf wrote itself, inside `<dataDir>/images`. */
export function readProductImage(
  s: ShelfContext,
  imageId: number,
): { mimeType: string; contentBase64: string } {
  const row = s.products.image(imageId);
  const missing = () =>
    new ApiFailure('not_found', `image ${imageId} not found`, {
      key: 'shelf:errors.imageNotFound',
      params: { id: imageId },
    });
  if (!row || !s.studio.dataDir) throw missing();
  const file = path.join(s.studio.dataDir, IMAGE_DIR, path.basename(row.thumb_file));
  if (!fs.existsSync(file)) throw missing();
  const ext = path.extname(file).slice(1);
  return {
    mimeType: MIME[ext] ?? 'application/octet-stream',
    contentBase64: fs.readFileSync(file).toString('base64'),
  };
}
