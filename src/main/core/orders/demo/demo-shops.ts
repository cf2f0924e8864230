import type { SyncedPlatform } from '@shared/api/domains/shelf';
import type { Logger } from '../../logging/log-hub';
import { DOUYIN_SIMULATOR_CREDENTIALS, startDouyinSimulator, type DouyinSimulator } from './gateways';
import { KUAISHOU_SIMULATOR_CREDENTIALS, startKuaishouSimulator, type KuaishouSimulator } from './gateways';
import { OrderGenerator, type OrderGeneratorOptions } from './order-generator';
import { generatorItemsFromShelf, type ListedOnShelf } from './shelf-items';
import { SimulatedShop } from './simulated-shop';
import type { ShopSecrets, ShopStore } from '../shops/shop-store';

interface DemoPlatform {
  platform: SyncedPlatform;
  shop: SimulatedShop;
  sim: KuaishouSimulator | DouyinSimulator;
  generator?: OrderGenerator;
  appKey: string;
  secrets: ShopSecrets;
  generatorOptions: Partial<OrderGeneratorOptions>;
}

/** Orders per second per simulated shop outside bursts: a busy but readable studio. */
export const DEMO_RATE = 1.5;

/**
 * How long a simulated shop remembers an order after its last change. The demo's sync only asks
 * about recent windows (the update watermark, a 5-minute overlap, a create-time sweep whose older
 * part the ledger already holds), so orders older than this are dropped once a minute: without it
 * a demo left running kept every order and its versions, ~0.6 MB of heap a minute without end.
 */
export const DEMO_RETAIN_MS = 30 * 60_000;
const FORGET_EVERY_MS = 60_000;

/**
 * Demo mode (SHELFCAST_DEMO=1): a simulated Kuaishou shop and a simulated Douyin shop on
 * loopback, fed by the order generator from the shelf's own listings, synced through the real
 * adapters, labelled "simulated" everywhere. Needs no credentials and reaches no platform.
 */
export class DemoShops {
  private readonly platforms: DemoPlatform[] = [];
  private waitTimer: ReturnType<typeof setInterval> | undefined;
  private forgetTimer: ReturnType<typeof setInterval> | undefined;

  private constructor(
    private readonly shelf: ListedOnShelf,
    private readonly log: Logger,
  ) {}

  static async start(shelf: ListedOnShelf, store: ShopStore, log: Logger): Promise<DemoShops> {
    const demo = new DemoShops(shelf, log);
    // Ids from this run's start time: 19 digits, above 2^53, never colliding with an earlier run's.
    const firstOrderId = BigInt(Date.now()) * 1_000_000n;
    const ks = new SimulatedShop('demo-kuaishou');
    const dy = new SimulatedShop('demo-douyin');
    const ksSim = await startKuaishouSimulator(ks, {}, {});
    const dySim = await startDouyinSimulator(dy, {}, {});
    demo.platforms.push(
      {
        platform: 'kuaishou',
        shop: ks,
        sim: ksSim,
        appKey: KUAISHOU_SIMULATOR_CREDENTIALS.appKey,
        secrets: { ...KUAISHOU_SIMULATOR_CREDENTIALS },
        generatorOptions: { lineIds: 'order', maxLinesPerOrder: 1, firstOrderId, seed: Date.now() % 1000 },
      },
      {
        platform: 'douyin',
        shop: dy,
        sim: dySim,
        appKey: DOUYIN_SIMULATOR_CREDENTIALS.appKey,
        secrets: { ...DOUYIN_SIMULATOR_CREDENTIALS },
        generatorOptions: {
          lineIds: 'own',
          maxLinesPerOrder: 2,
          firstOrderId: firstOrderId + 500_000n,
          seed: (Date.now() % 1000) + 1,
        },
      },
    );
    for (const p of demo.platforms) {
      const existing = store.list().find((s) => s.platform === p.platform && s.shopId === p.shop.shopId);
      store.save(
        {
          id: existing?.id,
          platform: p.platform,
          shopId: p.shop.shopId,
          label: p.platform === 'kuaishou' ? '快手小店（模拟）' : '抖店（模拟）',
          appKey: p.appKey,
          signMethod: 'hmac-sha256',
          gateway: p.sim.url,
          simulated: true,
        },
        {},
      );
    }
    demo.feed();
    demo.forgetTimer = setInterval(() => {
      for (const p of demo.platforms) p.shop.forgetBefore(Date.now() - DEMO_RETAIN_MS);
    }, FORGET_EVERY_MS);
    demo.forgetTimer.unref?.();
    if (demo.platforms.some((p) => !p.generator)) {
      demo.waitTimer = setInterval(() => demo.feed(), 3_000);
      demo.waitTimer.unref?.();
    }
    log.info('demo mode: simulated Kuaishou and Douyin shops on loopback', {
      kuaishou: ksSim.url,
      douyin: dySim.url,
    });
    return demo;
  }

  /** Credentials a simulated shop uses (they open only our simulator; never stored). */
  secretsFor(platform: SyncedPlatform, shopId: string): ShopSecrets | undefined {
    return this.platforms.find((p) => p.platform === platform && p.shop.shopId === shopId)?.secrets;
  }

  async stop(): Promise<void> {
    if (this.waitTimer) clearInterval(this.waitTimer);
    if (this.forgetTimer) clearInterval(this.forgetTimer);
    for (const p of this.platforms) {
      p.generator?.stop();
      await p.sim.stop();
    }
  }

  /** Starts each generator once the shelf lists products on its platform. */
  private feed(): void {
    for (const p of this.platforms) {
      if (p.generator) continue;
      const items = generatorItemsFromShelf(this.shelf, p.platform);
      if (items.length === 0) continue;
      p.generator = new OrderGenerator(p.shop, { items, ratePerSecond: DEMO_RATE, ...p.generatorOptions });
      p.generator.start(200);
      this.log.info('demo shop selling', { platform: p.platform, items: items.length });
    }
    if (this.platforms.every((p) => p.generator) && this.waitTimer) {
      clearInterval(this.waitTimer);
      this.waitTimer = undefined;
    }
  }
}
