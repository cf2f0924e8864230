import { expect, test } from './studio-fixture';
import { call } from './overlay-helpers';

/** Settings names the port the console really listens on and warns when links only work on this computer. */
test('settings shows the real port and the loopback warning; the guest view has no status bar', async ({
  page,
  browser,
  studio,
}) => {
  // The fixture starts the console on a free port, not the 4790 of the settings.
  expect(studio.port).not.toBe(4790);
  await page.goto(studio.url);
  // The console opens on the Show page.
  await expect(page.getByTestId('show-page')).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('console-listening')).toHaveAttribute('data-port', String(studio.port));
  await expect(page.getByTestId('console-listening')).toContainText(String(studio.port));
  await expect(page.getByTestId('loopback-warning')).toBeVisible();

  const guest = await call(studio, 'access.createRoleLink', { role: 'guest', label: '阿依古丽' });
  const remote = await browser.newContext();
  const view = await remote.newPage();
  await view.goto(guest.url);
  await expect(view.getByTestId('guest-view')).toBeVisible();
  await expect(view.getByTestId('status-bar')).toHaveCount(0);
  await remote.close();
});
