import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { productInput, shelfHarness, type ShelfHarness } from '../../../../test-support/shelf/memory-studio';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let h: ShelfHarness;
afterEach(() => h?.close());

describe('product images', () => {
  it('copies an image into <dataDir>/images, records it, and reads it back', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-images-'));
    h = shelfHarness({ dataDir });
    const p = (await h.call('shelf.create', { product: productInput() })).product;
    const img = await h.call('shelf.addImage', {
      productId: p.id,
      fileName: 'apple.JPG',
      contentBase64: PNG.toString('base64'),
    });
    expect(img.file).toMatch(new RegExp(`^${p.id}-[0-9a-f-]+\\.png$`)); // the bytes say PNG, not the name
    expect(fs.readFileSync(path.join(dataDir, 'images', img.file))).toEqual(PNG);
    expect((await h.call('shelf.get', { id: p.id })).images).toEqual([img]);
    expect(await h.call('shelf.image', { id: img.id })).toEqual({
      mimeType: 'image/png',
      contentBase64: PNG.toString('base64'),
    });
    expect(h.db.prepare('SELECT width, height FROM product_image').get()).toEqual({ width: 1, height: 1 });
  });

  it('refuses a file that is not an image, naming it', async () => {
    h = shelfHarness({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-images-')) });
    const p = (await h.call('shelf.create', { product: productInput() })).product;
    await expect(
      h.call('shelf.addImage', {
        productId: p.id,
        fileName: 'notes.png',
        contentBase64: Buffer.from('hello').toString('base64'),
      }),
    ).rejects.toMatchObject({
      error: { code: 'bad_request', key: 'shelf:errors.notAnImage', params: { file: 'notes.png' } },
    });
  });

  it('stores the thumbnail the client drew beside the image and serves it for display', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-images-'));
    h = shelfHarness({ dataDir });
    const p = (await h.call('shelf.create', { product: productInput() })).product;
    // Any PNG stands in for the original here; the thumbnail is a different (JPEG-signature) file.
    const thumb = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
    const img = await h.call('shelf.addImage', {
      productId: p.id,
      fileName: 'walnuts.png',
      contentBase64: PNG.toString('base64'),
      thumbnailBase64: thumb.toString('base64'),
    });
    expect(img.thumbFile).toMatch(new RegExp(`^${p.id}-[0-9a-f-]+\\.thumb\\.jpg$`));
    expect(fs.readFileSync(path.join(dataDir, 'images', img.file))).toEqual(PNG);
    expect(fs.readFileSync(path.join(dataDir, 'images', img.thumbFile))).toEqual(thumb);
    expect(await h.call('shelf.image', { id: img.id })).toEqual({
      mimeType: 'image/jpeg',
      contentBase64: thumb.toString('base64'),
    });
  });

  it('refuses a thumbnail that is not an image and keeps nothing of the upload', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfcast-images-'));
    h = shelfHarness({ dataDir });
    const p = (await h.call('shelf.create', { product: productInput() })).product;
    await expect(
      h.call('shelf.addImage', {
        productId: p.id,
        fileName: 'walnuts.png',
        contentBase64: PNG.toString('base64'),
        thumbnailBase64: Buffer.from('not an image').toString('base64'),
      }),
    ).rejects.toMatchObject({ error: { code: 'bad_request', key: 'shelf:errors.badThumbnail' } });
    expect(
      fs.existsSync(path.join(dataDir, 'images')) ? fs.readdirSync(path.join(dataDir, 'images')) : [],
    ).toEqual([]);
    expect(h.db.prepare('SELECT count(*) AS n FROM product_image').get()).toEqual({ n: 0 });
  });
});
