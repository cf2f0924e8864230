import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { strictDouyin } from '../test-support/orders/strict-gateway/douyin';
import {
  startStrictGateway,
  STRICT_CREDENTIALS,
  type StrictFaults,
  type StrictGateway,
  type StrictProtocol,
} from '../test-support/orders/strict-gateway/gateway';
import { strictJd } from '../test-support/orders/strict-gateway/jd';
import { strictKuaishou } from '../test-support/orders/strict-gateway/kuaishou';
import { strictTaobao } from '../test-support/orders/strict-gateway/taobao';
import { StrictTruth } from '../test-support/orders/strict-gateway/truth';
import { beijingClock } from '../src/shared/time/beijing';
import { expect, startStudio, stopStudio, test, type StudioHandle } from './studio-fixture';

/**
 * Issue 17, "Test connection's reason for each failure kind, on each platform, in the UI": shops
 * added and edited through the Orders page point at the strict gateways (written from
 * shared/docs/platform-order-apis.md, not from the adapters); Test connection must show each
 * failure kind's own words from the orders locale. A wrong secret also stops the shop's sync with
 * that reason and no next try, where an unreachable gateway is retried at a shown time.
 *
 * One console and one set of gateways serve the whole file (the tests run in order).
 */
test.describe.configure({ mode: 'serial' });

type Words = {
  reason: Record<string, string>;
  testReason: Record<string, string>;
  shops: { testOk: string; state: Record<string, string> };
  ordersTrust: { stopped: string };
};
const words = (lng: string): Words =>
  JSON.parse(fs.readFileSync(path.resolve(`src/shared/i18n/locales/${lng}.orders.json`), 'utf8')) as Words;
const zh = words('zh-CN');
const en = words('en');
const ug = words('ug');
/** The words a shown reason has ('bad_request' alone carries a code; no kind here does). */
const reason = (w: Words, kind: string) => w.reason[kind]!.replace('{{code}}', '');

interface PlatformGateways {
  /** Answers with STRICT_CREDENTIALS: the success case, and wrong secret / expired token by the shop's settings. */
  ok: StrictGateway;
  /** Answers every call as the platform answers a method it does not offer. */
  refused: StrictGateway;
  /** Cuts every answer's JSON short. */
  malformed: StrictGateway;
}

const PROTOCOLS: StrictProtocol[] = [strictKuaishou, strictDouyin, strictJd(), strictTaobao];
let shelfcast: StudioHandle;
/** One page for the whole file: the Orders page stays open from test to test. */
let page: Page;
const gateways = new Map<string, PlatformGateways>();
const all: StrictGateway[] = [];
/** The origin of a gateway that was started and stopped: nothing listens there. */
let unreachable: string;

test.beforeAll(async ({ browser }) => {
  // The console runs on the real clock, so the gateways do too; the orders lie in the last hours.
  const now = () => Date.now();
  const truth = new StrictTruth({
    seed: 17,
    orders: 12,
    start: Date.now() - 3 * 3_600_000,
    spanMs: 3_600_000,
    maxLines: 1,
  });
  const start = async (p: StrictProtocol, faults: StrictFaults) => {
    const g = await startStrictGateway(p, truth, now, faults, () => {});
    all.push(g);
    return g;
  };
  await Promise.all([
    startStudio().then((c) => (shelfcast = c)),
    ...PROTOCOLS.map(async (p) => {
      const [ok, refused, malformed] = await Promise.all([
        start(p, {}),
        start(p, { refuseMethod: true }),
        start(p, { cutJsonEvery: 1 }),
      ]);
      gateways.set(p.platform, { ok, refused, malformed });
    }),
    startStrictGateway(strictKuaishou, truth, now, {}, () => {}).then(async (g) => {
      unreachable = g.origin;
      await g.stop();
    }),
    // A browser far from Beijing: the page must still show Beijing time.
    browser.newPage({ timezoneId: 'America/Los_Angeles' }).then((p) => (page = p)),
  ]);
  await page.goto(shelfcast.url);
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('shop-add')).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await Promise.all(all.map((g) => g.stop()));
  if (shelfcast) await stopStudio(shelfcast);
});

/** The secret a platform signs with: Kuaishou's sign secret, the others' app secret. */
const signingSecret = (platform: string) => (platform === 'kuaishou' ? 'shop-signSecret' : 'shop-appSecret');

interface ShopFields {
  gateway?: string;
  secret?: string;
  token?: string;
}

/** Adds a shop through the form, with every secret the platform needs; returns its row. */
async function addShop(page: Page, platform: string, label: string, f: Required<ShopFields>) {
  await page.getByTestId('shop-add').click();
  await page.getByTestId('shop-platform').selectOption(platform);
  await page.getByTestId('shop-shopId').fill(`strict-${label}`);
  await page.getByTestId('shop-label').fill(label);
  await page.getByTestId('shop-appKey').fill(STRICT_CREDENTIALS.appKey);
  await page.getByTestId('shop-gateway').fill(f.gateway);
  // Kuaishou's app secret only refreshes tokens; it signs with the sign secret.
  if (platform === 'kuaishou') await page.getByTestId('shop-appSecret').fill('kuaishou-app-secret');
  await page.getByTestId(signingSecret(platform)).fill(f.secret);
  await page.getByTestId('shop-accessToken').fill(f.token);
  await page.getByTestId('shop-save').click();
  await expect(page.getByTestId('shop-save')).toBeHidden();
  const row = page.locator('li.orders-shop').filter({ hasText: label });
  await expect(row).toHaveCount(1);
  return row;
}

/** Edits a shop through the form: only the fields given change (empty secrets stay as stored). */
async function editShop(page: Page, platform: string, label: string, f: ShopFields): Promise<void> {
  const row = page.locator('li.orders-shop').filter({ hasText: label });
  await row.getByTestId('shop-edit').click();
  if (f.gateway !== undefined) await page.getByTestId('shop-gateway').fill(f.gateway);
  if (f.secret !== undefined) await page.getByTestId(signingSecret(platform)).fill(f.secret);
  if (f.token !== undefined) await page.getByTestId('shop-accessToken').fill(f.token);
  await page.getByTestId('shop-save').click();
  await expect(page.getByTestId('shop-save')).toBeHidden();
}

/** Clicks Test connection in the shop's row; its result shows in that row. */
async function testConnection(page: Page, label: string): Promise<void> {
  const row = page.locator('li.orders-shop').filter({ hasText: label });
  await row.getByTestId('shop-test').click();
}

for (const protocol of PROTOCOLS) {
  const platform = protocol.platform;
  test(`${platform}: Test connection names each failure kind in zh-CN; a wrong secret stops the sync`, async () => {
    const g = gateways.get(platform)!;
    const label = `严格网关-${platform}`;
    const right = { secret: STRICT_CREDENTIALS.secret, token: STRICT_CREDENTIALS.token };
    const before = Date.now();
    const row = await addShop(page, platform, label, { gateway: g.ok.origin, ...right });
    const error = row.getByTestId('api-error');

    // Success: the right credentials at the right gateway; the sync then reads the shop's orders.
    await testConnection(page, label);
    await expect(row.getByTestId('shop-test-ok')).toHaveText(
      new RegExp(`^${zh.shops.testOk.replace('{{ms}}', '\\d+').replace(/[()（）]/g, '\\$&')}$`),
    );
    await expect(row).toHaveAttribute('data-state', 'ok', { timeout: 15_000 });
    // Beijing time in the UI language (issue 22): "上次成功：北京时间 HH:mm:ss", a second between
    // adding the shop and now as a Beijing clock reads it.
    const shown = /上次成功：北京时间 (\d\d:\d\d:\d\d)/.exec(
      (await row.getByTestId('shop-status').textContent()) ?? '',
    );
    const after = Date.now();
    const seconds = Array.from({ length: Math.ceil(after / 1000) - Math.floor(before / 1000) + 1 }, (_, i) =>
      beijingClock((Math.floor(before / 1000) + i) * 1000, true),
    );
    expect(seconds).toContain(shown?.[1]);

    // Wrong secret: bad_signature, in Test connection and in the live status, which stops.
    await editShop(page, platform, label, { secret: 'not-the-secret' });
    await expect(row.getByTestId('shop-stopped')).toHaveText(zh.ordersTrust.stopped, { timeout: 15_000 });
    await expect(row.getByTestId('shop-error')).toHaveText(reason(zh, 'bad_signature'));
    await expect(row.getByTestId('shop-state')).toHaveText(zh.shops.state.error!);
    await expect(row.getByTestId('shop-retry')).toHaveCount(0);
    // The stopped sync made one refused call and no more; Test connection makes exactly one.
    expect(g.ok.refusals).toHaveLength(1);
    await testConnection(page, label);
    await expect(error).toHaveText(reason(zh, 'bad_signature'));
    expect(g.ok.refusals).toHaveLength(2);
    await expect(row.getByTestId('shop-stopped')).toBeVisible();
    await expect(row.getByTestId('shop-retry')).toHaveCount(0);

    // Expired token: the secret right again, the token not the gateway's.
    await editShop(page, platform, label, { secret: right.secret, token: 'an-expired-token' });
    await testConnection(page, label);
    await expect(error).toHaveText(reason(zh, 'token_expired'));

    // A gateway that does not offer the method.
    await editShop(page, platform, label, { token: right.token, gateway: g.refused.origin });
    await testConnection(page, label);
    await expect(error).toHaveText(reason(zh, 'method_refused'));

    // A gateway whose answers are cut short.
    await editShop(page, platform, label, { gateway: g.malformed.origin });
    await testConnection(page, label);
    // A test retries nothing: its words say "try again", not "retrying" as the sync's status does.
    await expect(error).toHaveText(zh.testReason.malformed!);

    // Nothing listens: unreachable; the sync retries it, at a time it shows.
    await editShop(page, platform, label, { gateway: unreachable });
    await testConnection(page, label);
    await expect(error).toHaveText(reason(zh, 'unreachable'));
    await expect(row.getByTestId('shop-error')).toHaveText(reason(zh, 'unreachable'), { timeout: 15_000 });
    await expect(row.getByTestId('shop-retry')).toHaveText(/^下次重试：北京时间 \d\d:\d\d:\d\d$/);
    await expect(row.getByTestId('shop-stopped')).toHaveCount(0);

    // Back at the right gateway with the right credentials: it works again.
    await editShop(page, platform, label, { gateway: g.ok.origin });
    await testConnection(page, label);
    await expect(row.getByTestId('shop-test-ok')).toBeVisible();
    await expect(error).toHaveCount(0);
  });
}

test('the reasons follow the UI language: English and Uyghur', async () => {
  const g = gateways.get('jd')!;
  const label = 'strict-jd-languages';
  const row = await addShop(page, 'jd', label, {
    gateway: g.ok.origin,
    secret: 'not-the-secret',
    token: STRICT_CREDENTIALS.token,
  });
  await expect(row.getByTestId('shop-stopped')).toBeVisible({ timeout: 15_000 });

  await page.getByTestId('language-switch').first().selectOption('en');
  await testConnection(page, label);
  await expect(row.getByTestId('api-error')).toHaveText(reason(en, 'bad_signature'));
  await expect(row.getByTestId('shop-error')).toHaveText(reason(en, 'bad_signature'));
  await expect(row.getByTestId('shop-stopped')).toHaveText(en.ordersTrust.stopped);

  await page.getByTestId('language-switch').first().selectOption('ug');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await editShop(page, 'jd', label, { gateway: unreachable });
  await testConnection(page, label);
  await expect(row.getByTestId('api-error')).toHaveText(reason(ug, 'unreachable'));
});
