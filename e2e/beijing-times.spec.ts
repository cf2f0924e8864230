import { expect, test } from './studio-fixture';
import { call, seedShelf } from './overlay-helpers';
import { beijingClock } from '../src/shared/time/beijing';

// Each console gets its own overlay server port (other runs may hold the default one).
process.env.SHELFCAST_OVERLAY_PORT = '0';

// A tablet whose own clock is set to another zone: every time the studio shows is Beijing time.
test.use({ timezoneId: 'America/Los_Angeles' });

test('the on-air log and the Log page show Beijing time, whatever zone the computer is in', async ({
  page,
  studio,
}) => {
  const ids = await seedShelf(studio);
  await call(studio, 'show.select', { showId: ids.showId, obsInstanceId: null });
  const slot = (await call(studio, 'rundown.get', { showId: ids.showId })).slots[1]!;
  await call(studio, 'show.standby', { slotId: slot.id });
  const { entries } = await call(studio, 'show.log', { showId: ids.showId, limit: 10 });
  expect(entries.length).toBeGreaterThan(0);

  await page.goto(studio.url);
  await page.getByTestId('nav-show').click();
  const newest = page.getByTestId('on-air-log').locator('li').first().locator('time');
  await expect(newest).toHaveText(beijingClock(entries[0]!.at, true));

  await page.getByTestId('nav-log').click();
  const shown = page.getByTestId('log-view').locator('.log-line time');
  await expect(shown.first()).toBeVisible();
  const { lines } = await call(studio, 'log.recent', { limit: 2000 });
  const beijing = new Set(lines.map((l) => beijingClock(l.time, true)));
  const texts = await shown.allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts.slice(0, 20)) expect(beijing).toContain(text);
});
