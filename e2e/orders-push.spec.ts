import { createCipheriv, randomBytes } from 'node:crypto';
import { test, expect } from './studio-fixture';
import { freePort } from './overlay-helpers';

test('push notifications: off by default, turned on shows the address and per-shop path, then off', async ({
  studio,
  page,
}) => {
  const key = randomBytes(16);
  await page.goto(studio.url);
  await page.getByTestId('nav-orders').click();
  const panel = page.getByTestId('push-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('push-enabled')).not.toBeChecked();
  await expect(page.getByTestId('push-state')).toHaveAttribute('data-state', 'off');
  await expect(page.getByTestId('push-port')).toHaveValue('18480');

  // A Kuaishou shop with its push message key (the field is there for Kuaishou only).
  await page.getByTestId('shop-add').click();
  await page.getByTestId('shop-platform').selectOption('douyin');
  await expect(page.getByTestId('shop-pushKey')).toHaveCount(0);
  await page.getByTestId('shop-platform').selectOption('kuaishou');
  await page.getByTestId('shop-shopId').fill('ks-77');
  await page.getByTestId('shop-label').fill('秦安苹果店');
  await page.getByTestId('shop-appKey').fill('ks_app');
  await page.getByTestId('shop-gateway').fill('http://127.0.0.1:9');
  await page.getByTestId('shop-appSecret').fill('app-secret');
  await page.getByTestId('shop-pushKey').fill('too-short');
  await page.getByTestId('shop-save').click();
  await expect(page.getByTestId('api-error')).toContainText('推送消息密钥');
  await page.getByTestId('shop-pushKey').fill(key.toString('base64'));
  await page.getByTestId('shop-save').click();
  await expect(page.getByTestId('shop-1').getByText('秦安苹果店')).toBeVisible();
  // Even before push is on, the operator sees the path to configure in the console.
  await expect(panel.getByTestId('push-path')).toHaveText('/push/kuaishou/ks-77');

  // A bad port is named before anything is saved.
  await page.getByTestId('push-port').fill('70000');
  await page.getByTestId('push-apply').click();
  await expect(page.getByTestId('push-invalid')).toHaveText('端口必须是 1 到 65535 之间的整数');
  const port = await freePort();
  await page.getByTestId('push-port').fill(String(port));
  await page.getByTestId('push-enabled').click();
  await expect(page.getByTestId('push-state')).toContainText(`正在监听 http://127.0.0.1:${port}`);
  await expect(page.getByTestId('push-enabled')).toBeChecked();
  await expect(page.getByTestId('push-invalid')).toHaveCount(0);
  await expect(page.getByTestId('push-counters')).toContainText('事件 0');

  // A push from "Kuaishou" (encrypted with the shop's key) shows up in the live counters.
  const cipher = createCipheriv('aes-128-cbc', key, Buffer.alloc(16));
  const body = Buffer.concat([
    cipher.update(
      JSON.stringify({ eventId: 'e2e-1', bizId: '2100000000000000042', event: 'kwaishop_order_paySuccess' }),
    ),
    cipher.final(),
  ]).toString('base64');
  const res = await fetch(`http://127.0.0.1:${port}/push/kuaishou/ks-77`, { method: 'POST', body });
  expect(await res.text()).toBe('{"result":1}');
  await expect(page.getByTestId('push-counters')).toContainText('事件 1');

  // Off again: the port is released and the page says so.
  await page.getByTestId('push-enabled').click();
  await expect(page.getByTestId('push-state')).toHaveAttribute('data-state', 'off');
  await expect(page.getByTestId('push-counters')).toHaveCount(0);
  await expect(
    fetch(`http://127.0.0.1:${port}/push/kuaishou/ks-77`, { method: 'POST', body }),
  ).rejects.toThrow();
  // Settings survive a reload.
  await page.reload();
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('push-port')).toHaveValue(String(port));
  await expect(page.getByTestId('push-enabled')).not.toBeChecked();
});
