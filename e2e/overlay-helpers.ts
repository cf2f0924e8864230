import type { Page } from '@playwright/test';
import type { OperationInput, OperationName, OperationOutput } from '../src/shared/api/contract';
import type { StudioHandle } from './studio-fixture';

/** Calls the studio's HTTP API as the operator (the same call a script or control surface makes). */
export async function call<K extends OperationName>(
  studio: StudioHandle,
  op: K,
  input: OperationInput<K>,
): Promise<OperationOutput<K>> {
  const res = await fetch(`${studio.origin}/api/v1/${op}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${studio.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${op} failed: ${JSON.stringify(body.error)}`);
  return body.value as OperationOutput<K>;
}

/** The overlay page URL OBS would load, plus test parameters (still=1 freezes animations). */
export async function overlayUrl(studio: StudioHandle, id: string, params: Record<string, string> = {}) {
  const pages = await call(studio, 'overlays.pages', {});
  const page = pages.find((p) => p.id === id);
  if (!page) throw new Error(`no overlay page ${id} (is the overlay server running?)`);
  const url = new URL(page.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export { freePort } from '../test-support/core/free-port';

/** A small Hotan shelf and show through the shelf's own API; returns product and show ids. */
export async function seedShelf(studio: StudioHandle) {
  const product = async (p: {
    nameZh: string;
    nameUg: string;
    nameEn: string;
    county: string;
    spec: string;
    list: number;
    live: number;
    stock: number;
    link: number;
  }) =>
    (
      await call(studio, 'shelf.create', {
        product: {
          nameZh: p.nameZh,
          nameUg: p.nameUg,
          nameEn: p.nameEn,
          originProvince: '新疆',
          originCity: '和田地区',
          originCounty: p.county,
          specification: p.spec,
          listPriceFen: p.list,
          livePriceFen: p.live,
          stock: p.stock,
          status: 'ready',
        },
        listings: [{ platform: 'douyin', itemId: `dy-${p.link}`, cartLinkNo: p.link }],
      })
    ).product.id;
  const tea = await product({
    nameZh: '于田玫瑰花茶',
    nameUg: 'كېرىيە ئەتىرگۈل چېيى',
    nameEn: 'Yutian rose tea',
    county: '于田县',
    spec: '250g×2罐',
    list: 5980,
    live: 3990,
    stock: 120,
    link: 3,
  });
  const dates = await product({
    nameZh: '和田骏枣特级免洗即食新疆大红枣礼盒装高原沙漠种植',
    nameUg: 'خوتەن چوڭ قىزىل چىلان ئالاھىدە دەرىجىلىك يۇيۇلمايدىغان سوۋغات قۇتىسى',
    nameEn: 'Hotan jujube, premium grade, ready to eat, gift box from the desert highlands',
    county: '策勒县',
    spec: '1kg×2袋',
    list: 12800,
    live: 8800,
    stock: 40,
    link: 5,
  });
  const walnut = await product({
    nameZh: '墨玉薄皮核桃',
    nameUg: 'قاراقاش نېپىز پوستلۇق ياڭاق',
    nameEn: 'Karakax thin-shell walnuts',
    county: '墨玉县',
    spec: '500g',
    list: 4500,
    live: 2990,
    stock: 300,
    link: 7,
  });
  const show = await call(studio, 'shows.create', { title: '和田好物专场', showDate: '2026-11-22' });
  for (const productId of [tea, dates, walnut])
    await call(studio, 'rundown.addSlot', { showId: show.id, productId });
  return { tea, dates, walnut, showId: show.id };
}

/** Waits until the overlay page's web fonts and layout have settled. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate('document.fonts.ready.then(() => undefined)');
}
