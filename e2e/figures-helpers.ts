/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect, startStudio, type StudioHandle } from './studio-fixture';
import { call } from './overlay-helpers';

/** The headless console in demo mode: the demo workspace (Gansu's counties) and two simulated shops. */
export async function startDemoStudio(): Promise<StudioHandle> {
  process.env.SHELFCAST_DEMO = '1';
  try {
    return await startStudio();
  } finally {
    delete process.env.SHELFCAST_DEMO;
  }
}

/** The demo show (dated today) once the simulated shops have sold `orders` orders into it. */
export async function demoShowWithOrders(studio: StudioHandle, orders = 30) {
  const show = (await call(studio, 'shows.list', {}))[0]!;
  await call(studio, 'show.select', { showId: show.id });
  await expect
    .poll(async () => (await call(studio, 'show.dashboard', { showId: show.id })).totals.orders, {
      timeout: 45_000,
    })
    .toBeGreaterThanOrEqual(orders);
  return show;
}

/** A small square PNG drawn in the page (a coloured tile with a character), as base64. */
export async function photoPng(page: Page, colour: string, char: string): Promise<string> {
  return page.evaluate(
    ([c, ch]) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 96;
      const g = canvas.getContext('2d')!;
      const grad = g.createLinearGradient(0, 0, 96, 96);
      grad.addColorStop(0, c!);
      grad.addColorStop(1, '#222');
      g.fillStyle = grad;
      g.fillRect(0, 0, 96, 96);
      g.fillStyle = '#fff';
      g.font = 'bold 56px sans-serif';
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(ch!, 48, 52);
      return canvas.toDataURL('image/png').split(',')[1]!;
    },
    [colour, char],
  );
}

/** Gives the best sellers of a show a photo each (the demo workspace has none). */
export async function photographTopSellers(page: Page, studio: StudioHandle, showId: number, n = 8) {
  const colours = ['#c0392b', '#d35400', '#27ae60', '#2980b9', '#8e44ad', '#16a085', '#b7950b', '#7f8c8d'];
  const top = (await call(studio, 'show.dashboard', { showId })).byProduct.slice(0, n);
  for (const [i, p] of top.entries()) {
    if (p.imageId) continue;
    const png = await photoPng(page, colours[i % colours.length]!, [...p.name][0] ?? '?');
    await call(studio, 'shelf.addImage', {
      productId: p.productId,
      fileName: `p${p.productId}.png`,
      contentBase64: png,
    });
  }
}

export interface Overflow {
  selector: string;
  index: number;
  scrollWidth: number;
  clientWidth: number;
  text: string;
}

/**
 * Elements that run out of their own box sideways: `scrollWidth > clientWidth` (1 px of rounding
 * allowed). Elements whose own CSS lets them scroll or clip sideways (overflow-x auto, scroll,
 * hidden, clip) are left out: they are boxes made to scroll or crop; their parents are still checked.
 */
export async function overflowing(page: Page, selectors: string[]): Promise<Overflow[]> {
  return page.evaluate((sels) => {
    const found: Overflow[] = [];
    for (const selector of sels) {
      document.querySelectorAll<HTMLElement>(selector).forEach((el, index) => {
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.display === 'contents') return;
        // Scroll boxes scroll; clipped boxes (a scaled 1920×1080 preview) clip on purpose.
        if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) return;
        if (el.scrollWidth > el.clientWidth + 1)
          found.push({
            selector,
            index,
            scrollWidth: el.scrollWidth,
            clientWidth: el.clientWidth,
            text: (el.innerText ?? '').slice(0, 80),
          });
      });
    }
    return found;
  }, selectors);
}

/** Opens the console page at a language (stored on the device, as the language switch does). */
export async function openAt(page: Page, studio: StudioHandle, language: string, hash: string) {
  await page.goto(studio.url);
  await page.evaluate((l) => localStorage.setItem('shelfcast.language', l), language);
  await page.goto(`${studio.url}${hash}`);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}
