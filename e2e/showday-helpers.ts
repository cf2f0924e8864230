import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import OBSWebSocket from 'obs-websocket-js/json';
import path from 'node:path';
import type { StudioHandle } from './studio-fixture';
import { call } from './overlay-helpers';

/** Today's date in Beijing (UTC+8): the ledger files orders under the show of that date. */
export const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Two camera scenes in a real OBS, each with a colour source, made over obs-websocket. */
export async function makeCameraScenes(
  url: string,
  password: string,
  scenes: string[],
): Promise<OBSWebSocket> {
  const obs = new OBSWebSocket();
  await obs.connect(url, password);
  const { scenes: have } = await obs.call('GetSceneList');
  for (const sceneName of scenes) {
    if (have.some((s) => s.sceneName === sceneName)) continue;
    await obs.call('CreateScene', { sceneName });
    await obs.call('CreateInput', {
      sceneName,
      inputName: `${sceneName} colour`,
      inputKind: 'color_source_v3',
      inputSettings: { width: 1920, height: 1080 },
    });
  }
  return obs;
}

/**
 * A 10-cue show for today from the demo workspace's products (they have Kuaishou and Douyin
 * listings, so the demo shops sell them): cameras alternate, three guests, one flash sale.
 */
export async function tenCueShow(studio: StudioHandle) {
  const shows = await call(studio, 'shows.list', {});
  const demo = await call(studio, 'rundown.get', { showId: shows[0]!.id });
  const products = demo.slots.slice(0, 10).map((s) => s.product);
  const show = await call(studio, 'shows.create', {
    title: '陇上好物 · 验收专场',
    showDate: beijingToday(),
    platforms: ['kuaishou', 'douyin'],
  });
  const guests = ['王县长', '李书记', '小雅'];
  const slots = [];
  for (const [i, p] of products.entries()) {
    slots.push(
      await call(studio, 'rundown.addSlot', {
        showId: show.id,
        productId: p.id,
        cameraPreset: i % 2 === 0 ? 'cam-a' : 'cam-b',
        presenterName: guests[i % 3]!,
        presenterTitle: i % 3 === 0 ? '副县长' : '',
      }),
    );
  }
  await call(studio, 'cues.update', { slotId: slots[2]!.id, settings: { countdownSeconds: 300 } });
  return { show, products, slots };
}

/** The ledger's own figures for a show, read from the console's database file. */
export function ledgerTotals(studio: StudioHandle, showId: number) {
  const db = new Database(path.join(studio.dataDir, 'shelfcast.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[number], { orders: number; units: number; gmvFen: number }>(
        `SELECT count(DISTINCT platform || ':' || shop_id || ':' || order_id) AS orders,
                coalesce(sum(quantity), 0) AS units, coalesce(sum(paid_fen), 0) AS gmvFen
         FROM order_line
         WHERE show_id = ? AND status IN ('paid', 'shipped', 'completed') AND refund_state <> 'refunded'`,
      )
      .get(showId)!;
  } finally {
    db.close();
  }
}

/** Text of a PDF (poppler's pdftotext). */
export const pdfText = (file: string): string => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
