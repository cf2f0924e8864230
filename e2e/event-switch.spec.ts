import net from 'node:net';
import { expect, test } from '@playwright/test';
import { startStudio, stopStudio } from './studio-fixture';
import { freePort } from '../test-support/core/free-port';
import { findNatsServer } from '../src/main/core/event/event-server';

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** The Settings page's event server switch: saved, it starts a local nats-server and says so; off, it stops it. */
test('the event server switch in Settings starts and stops the local event server, with its status', async ({
  page,
}) => {
  test.skip(!findNatsServer(undefined, process.env.PATH), 'nats-server is not installed');
  const natsPort = await freePort();
  const studio = await startStudio({
    env: { SHELFCAST_EVENT_PORT: String(natsPort), SHELFCAST_EVENT_HOST: '127.0.0.1' },
  });
  try {
    await page.goto(studio.url);
    await page.getByTestId('nav-settings').click();
    const box = page.getByTestId('event-server');
    const status = page.getByTestId('event-server-status');
    await expect(box).not.toBeChecked();
    await expect(status).toHaveAttribute('data-state', 'stopped');

    await box.check();
    await page.getByTestId('settings-save').click();
    await expect(status).toHaveAttribute('data-state', 'ok');
    await expect(status).toContainText('event');
    expect(await listening(natsPort)).toBe(true);

    // Saved: a reload shows the switch on.
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('event-server')).toBeChecked();

    await page.getByTestId('event-server').uncheck();
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('event-server-status')).toHaveAttribute('data-state', 'stopped');
    await expect.poll(() => listening(natsPort)).toBe(false);
  } finally {
    await stopStudio(studio);
  }
});
