import Database from 'better-sqlite3';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { SalesFigures } from '../src/shared/api/domains/orders';
import {
  anchorRect,
  presetFor,
  safeAreaOfPreset,
  safeRect,
  stageSize,
  type Orientation,
  type PlatformPresetId,
  type Rect,
} from '../src/shared/overlay-layout/safe-area';
import { overlayIds, type OverlayId } from '../src/shared/overlays/overlay-ids';
import { expect, startStudio, stopStudio, test, type StudioHandle } from './studio-fixture';
import { call, overlayUrl, settle } from './overlay-helpers';

/**
 * The layout cannot collide: every non-empty subset of the six overlays (63), in each theme,
 * language and orientation, on the six pages OBS loads per orientation (one browser source each,
 * composited on one canvas), with worst-case content (the longest name, a 10-row leaderboard, the
 * per-platform split, a paused countdown with its product, a long guest title). For each state it
 * measures what each page paints (the union of painted boxes under `[data-overlay]`) and fails on
 * any overlap, on anything outside the title-safe or platform-safe area or on the anchor, on
 * paint outside the overlay's own box, and on content clipped inside it.
 *
 * One page per orientation draws all six (`/overlay/all`, the same stage and layout as the six
 * single-overlay pages: a last test checks they put each overlay in the same place). The state is
 * driven through the studio's API, stepping through the subsets in Gray-code order so each step
 * toggles one overlay.
 */

const themes = ['festive', 'neutral'] as const;
const languages = ['zh-CN', 'en', 'ug'] as const;
const orientations: Orientation[] = ['landscape', 'portrait'];

let studio: StudioHandle;
let showId: number;

test.describe.configure({ mode: 'serial' });
test.setTimeout(600_000);

const LONG = {
  zh: '和田骏枣特级免洗即食新疆大红枣礼盒装高原沙漠种植',
  ug: 'خوتەن چوڭ قىزىل چىلان ئالاھىدە دەرىجىلىك يۇيۇلمايدىغان سوۋغات قۇتىسى',
  en: 'Hotan jujube, premium grade, ready to eat, gift box from the desert highlands',
};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  process.env.SHELFCAST_OVERLAY_PORT = '0';
  const first = await startStudio();
  const ids: number[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await call(first, 'shelf.create', {
      product: {
        nameZh: i === 0 ? LONG.zh : `墨玉薄皮核桃${i}号`,
        nameUg: i === 0 ? LONG.ug : `قاراقاش نېپىز پوستلۇق ياڭاق ${i}`,
        nameEn: i === 0 ? LONG.en : `Karakax thin-shell walnuts no. ${i}`,
        originProvince: '新疆',
        originCity: '和田地区',
        originCounty: '策勒县',
        specification: '1kg×2袋',
        listPriceFen: 1_299_900,
        livePriceFen: 988_800,
        stock: 99_999,
        status: 'ready',
      },
      listings: [{ platform: 'douyin', itemId: `dy-${i}`, cartLinkNo: 100 + i }],
    });
    ids.push(r.product.id);
  }
  const show = await call(first, 'shows.create', { title: '和田好物专场', showDate: '2026-11-22' });
  showId = show.id;
  for (const productId of ids) await call(first, 'rundown.addSlot', { showId, productId });
  await stopStudio(first, { keepData: true });
  // Figures as order sync leaves them: every product sold, four platforms (the longest split).
  const figures: SalesFigures = {
    at: 1_763_800_000_000,
    showId,
    totals: { orders: 9_999_999, units: 19_999_999, gmvFen: 99_999_999_900, refundedFen: 0 },
    byPlatform: (['douyin', 'kuaishou', 'taobao', 'jd'] as const).map((platform) => ({
      platform,
      orders: 2_499_999,
      units: 4_999_999,
      gmvFen: 24_999_999_900,
    })),
    byProduct: ids.map((productId, i) => ({
      productId,
      orders: 900_000 - i,
      units: 1_999_999 - i,
      gmvFen: 9_999_999_900,
    })),
    byCounty: [],
  };
  const db = new Database(path.join(first.dataDir, 'shelfcast.db'));
  db.prepare(`INSERT INTO overlay_setting (key, value, updated_at) VALUES ('figures', ?, 0)`).run(
    JSON.stringify(figures),
  );
  db.close();
  studio = await startStudio({ dataDir: first.dataDir });
  await call(studio, 'overlays.setLook', { showId });
  await call(studio, 'overlays.showProduct', { productId: ids[0]!, visible: false });
  await call(studio, 'overlays.setTicker', { source: 'show' });
  await call(studio, 'overlays.countdown', { action: 'start', seconds: 35_999, productId: ids[0]! });
  await call(studio, 'overlays.countdown', { action: 'pause' });
  await call(studio, 'overlays.setSalesCounter', { splitByPlatform: true });
  await call(studio, 'overlays.setLeaderboard', { by: 'product', metric: 'gmv', size: 10 });
  await call(studio, 'overlays.setLowerThird', {
    name: '阿依古丽·买买提艾力·吐尔逊',
    title: '于田县人民政府副县长、县文化体育广播电视和旅游局局长',
    county: '和田地区于田县',
    visible: false,
  });
  for (const id of overlayIds) await call(studio, 'overlays.setVisible', { overlay: id, visible: false });
});

test.afterAll(async () => {
  if (studio) await stopStudio(studio);
});

interface Measured {
  id: string;
  orientation: string | null;
  root: Rect;
  ink: Rect | null;
  clipped: boolean;
}

/**
 * Runs in the page: waits for the state revision, then measures each `[data-overlay]`: its box,
 * and the union of what it paints (backgrounds, borders, images, text runs), clipped by
 * overflow-hidden ancestors. A string: this file is compiled without the DOM library.
 */
const MEASURE = `async (rev) => {
  const root = document.querySelector('.ov-root');
  const ready = () => root && Number(root.getAttribute('data-rev')) >= rev;
  if (root && !ready())
    await new Promise((done) => {
      const mo = new MutationObserver(() => ready() && (mo.disconnect(), done()));
      mo.observe(root, { attributes: true });
      setTimeout(() => (mo.disconnect(), done()), 5000);
    });
  if (!root || Number(root.getAttribute('data-rev')) < rev) return { rev: Number(root?.getAttribute('data-rev')), boxes: [] };
  const rect = (r) => ({ x: r.left, y: r.top, w: r.width, h: r.height });
  const cut = (a, b) => {
    if (!b) return a;
    const x = Math.max(a.x, b.x), y = Math.max(a.y, b.y);
    const w = Math.min(a.x + a.w, b.x + b.w) - x, h = Math.min(a.y + a.h, b.y + b.h) - y;
    return w > 0 && h > 0 ? { x, y, w, h } : null;
  };
  const join = (a, b) => {
    if (!a) return b;
    if (!b) return a;
    const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
  };
  const transparent = (c) => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
  const paints = (el, cs) =>
    !transparent(cs.backgroundColor) || cs.backgroundImage !== 'none' ||
    ['Top', 'Right', 'Bottom', 'Left'].some((s) => parseFloat(cs['border' + s + 'Width']) > 0 && !transparent(cs['border' + s + 'Color'])) ||
    ['IMG', 'SVG', 'CANVAS', 'VIDEO'].includes(el.tagName.toUpperCase());
  const inkOf = (el, clip) => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return null;
    const box = rect(el.getBoundingClientRect());
    let ink = paints(el, cs) && box.w > 0 && box.h > 0 ? cut(box, clip) : null;
    const inner = cs.overflowX !== 'visible' || cs.overflowY !== 'visible' ? (clip ? cut(box, clip) : box) : clip;
    if (inner === null && clip) return ink;
    for (const node of el.childNodes) {
      if (node.nodeType === 3 && node.textContent.trim() !== '') {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) ink = join(ink, cut(rect(r), inner));
      } else if (node.nodeType === 1) ink = join(ink, inkOf(node, inner));
    }
    return ink;
  };
  const boxes = [];
  for (const el of document.querySelectorAll('[data-overlay]')) {
    if (el.closest('[data-leaving]')) continue;
    const stage = el.closest('[data-orientation]');
    let clip = null;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') clip = cut(rect(a.getBoundingClientRect()), clip) ?? { x: 0, y: 0, w: 0, h: 0 };
    }
    const ink = inkOf(el, clip);
    boxes.push({
      id: el.getAttribute('data-overlay'),
      orientation: stage ? stage.getAttribute('data-orientation') : null,
      root: rect(el.getBoundingClientRect()),
      ink,
      clipped: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
    });
  }
  return { rev: Number(root.getAttribute('data-rev')), boxes };
}`;

const EPS = 0.5;
const overlaps = (a: Rect, b: Rect) =>
  a.x + EPS < b.x + b.w && b.x + EPS < a.x + a.w && a.y + EPS < b.y + b.h && b.y + EPS < a.y + a.h;
const inside = (outer: Rect, r: Rect) =>
  r.x >= outer.x - EPS &&
  r.y >= outer.y - EPS &&
  r.x + r.w <= outer.x + outer.w + EPS &&
  r.y + r.h <= outer.y + outer.h + EPS;
const show = (r: Rect) => `[${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.w)}×${Math.round(r.h)}]`;

/** An overlay page of one orientation (`all`: the page drawing all six). */
async function openPage(page: Page, id: OverlayId | 'all', orientation: Orientation): Promise<Page> {
  const { w, h } = stageSize(orientation);
  const p = await page.context().newPage();
  await p.setViewportSize({ width: w, height: h });
  const url = await overlayUrl(studio, 'product-card', { still: '1', orientation });
  await p.goto(url.replace('/overlay/product-card', `/overlay/${id}`));
  await expect(p.locator('.ov-root')).toHaveAttribute('data-connected', 'true');
  await settle(p);
  return p;
}

async function measure(p: Page, rev: number): Promise<{ rev: number; boxes: Measured[] }> {
  return (await p.evaluate(`(${MEASURE})(${rev})`)) as { rev: number; boxes: Measured[] };
}

async function sweep(
  page: Page,
  presets: Record<Orientation, PlatformPresetId>,
  setPresets: boolean,
): Promise<{ states: number; failures: string[] }> {
  const all = new Map<Orientation, Page>();
  for (const o of orientations) all.set(o, await openPage(page, 'all', o));
  const failures: string[] = [];
  let states = 0;
  const area = (o: Orientation) => safeAreaOfPreset(presetFor(o, presets[o])!);
  if (setPresets) {
    for (const o of orientations)
      await call(studio, 'overlays.setSafeArea', { showId, orientation: o, preset: presets[o] });
  }
  for (const theme of themes) {
    for (const language of languages) {
      await call(studio, 'overlays.setLook', { language, theme: { showId, themeId: theme } });
      let code = 0;
      for (let i = 1; i <= 63; i++) {
        const gray = i ^ (i >> 1);
        const bit = gray ^ code;
        code = gray;
        const id = overlayIds[Math.log2(bit)]!;
        const state = await call(studio, 'overlays.setVisible', { overlay: id, visible: (code & bit) !== 0 });
        const up = overlayIds.filter((_, b) => (code & (1 << b)) !== 0);
        const where = `${theme}/${language}/{${up.join(',')}}`;
        const measured = await Promise.all(orientations.map((o) => measure(all.get(o)!, state.rev)));
        for (const [n, o] of orientations.entries()) {
          states++;
          const safe = safeRect(o, area(o));
          const keepOut = anchorRect(o, area(o));
          const r = measured[n]!;
          if (r.rev < state.rev) failures.push(`${o} ${where}: the page did not get rev ${state.rev}`);
          const drawn = r.boxes.filter((b) => b.ink !== null);
          const fail = (msg: string) =>
            failures.length < 200 && failures.push(`${o} ${presets[o]} ${where}: ${msg}`);
          for (const want of up) if (!drawn.some((b) => b.id === want)) fail(`${want} is up but not drawn`);
          for (const b of drawn) {
            if (b.orientation !== o) fail(`${b.id}: stage data-orientation is ${b.orientation}`);
            if (!inside(safe, b.ink!)) fail(`${b.id} ${show(b.ink!)} leaves the safe area ${show(safe)}`);
            if (keepOut && overlaps(b.ink!, keepOut))
              fail(`${b.id} ${show(b.ink!)} covers the anchor ${show(keepOut)}`);
            if (!inside(b.root, b.ink!))
              fail(`${b.id} paints ${show(b.ink!)} outside its box ${show(b.root)}`);
            if (b.clipped) fail(`${b.id}: content does not fit its box ${show(b.root)}`);
          }
          for (let x = 0; x < drawn.length; x++)
            for (let y = x + 1; y < drawn.length; y++)
              if (overlaps(drawn[x]!.ink!, drawn[y]!.ink!))
                fail(
                  `${drawn[x]!.id} ${show(drawn[x]!.ink!)} overlaps ${drawn[y]!.id} ${show(drawn[y]!.ink!)}`,
                );
        }
      }
      // Back to nothing on screen (Gray code 63 leaves the last overlay up).
      for (const id of overlayIds) await call(studio, 'overlays.setVisible', { overlay: id, visible: false });
    }
  }
  for (const p of all.values()) await p.close();
  return { states, failures };
}

test('title-safe only: no two overlays overlap in any combination, theme, language, orientation', async ({
  page,
}) => {
  const r = await sweep(page, { landscape: 'none', portrait: 'none' }, false);
  expect(r.failures, r.failures.slice(0, 40).join('\n')).toEqual([]);
  expect(r.states).toBe(63 * themes.length * languages.length * orientations.length);
});

test('Taobao landscape and Douyin portrait: clear of the platform UI and the anchor', async ({ page }) => {
  const r = await sweep(page, { landscape: 'taobao', portrait: 'douyin' }, true);
  expect(r.failures, r.failures.slice(0, 40).join('\n')).toEqual([]);
});

test('Kuaishou portrait: clear of the platform UI', async ({ page }) => {
  const r = await sweep(page, { landscape: 'none', portrait: 'kuaishou' }, true);
  expect(r.failures, r.failures.slice(0, 40).join('\n')).toEqual([]);
});

test('each OBS browser source draws its overlay exactly where the all-overlays page does', async ({
  page,
}) => {
  for (const o of orientations) {
    const all = await openPage(page, 'all', o);
    const single = new Map<OverlayId, Page>();
    for (const id of overlayIds) single.set(id, await openPage(page, id, o));
    for (const language of ['zh-CN', 'ug'] as const) {
      await call(studio, 'overlays.setLook', { language, theme: { showId, themeId: 'neutral' } });
      let state = await call(studio, 'overlays.state', {});
      for (const id of overlayIds)
        state = await call(studio, 'overlays.setVisible', { overlay: id, visible: true });
      const reference = (await measure(all, state.rev)).boxes;
      expect(reference.map((b) => b.id).sort()).toEqual([...overlayIds].sort());
      for (const [id, p] of single) {
        const boxes = (await measure(p, state.rev)).boxes;
        expect(boxes.map((b) => b.id)).toEqual([id]);
        expect(boxes[0]!.root).toEqual(reference.find((b) => b.id === id)!.root);
      }
    }
    for (const p of [all, ...single.values()]) await p.close();
  }
});
