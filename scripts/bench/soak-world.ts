/**
 * The world around the studio in `npm run bench:soak`, in its own process so that the heap and
 * the event loop the bench measures are the studio's alone: two simulated shops (Kuaishou and
 * Douyin) selling the shelf's products, 50 console WebSocket clients subscribed to what the
 * operator UI follows, the six overlay pages' WebSockets, and an operator pressing GO through the
 * API every few seconds. Driven by the bench over IPC (see soak.ts); every loop is bounded by the
 * order count or by the bench's stop message.
 */
import WebSocket from 'ws';
import { startDouyinSimulator } from '../../src/main/core/orders/demo/gateways';
import { startKuaishouSimulator } from '../../src/main/core/orders/demo/gateways';
import { OrderGenerator, type GeneratorItem } from '../../src/main/core/orders/demo/order-generator';
import { SimulatedShop, type TruthOrder } from '../../src/main/core/orders/demo/simulated-shop';

export interface WorldStart {
  type: 'start';
  /** The studio's shelf, per platform (the shops sell what the shelf lists). */
  items: { kuaishou: GeneratorItem[]; douyin: GeneratorItem[] };
  /** New orders to create in all, and how fast (per second, both shops together). */
  orders: number;
  rate: number;
  /** Console: ws://host/api/ws and the operator token; overlay page WebSocket URLs. */
  consoleWs: string;
  token: string;
  overlayWs: string[];
  clients: number;
  goEveryMs: number;
  /** The selected show's slots, fired in turn. */
  slotIds: number[];
}

export type WorldMessage =
  | { type: 'shops'; kuaishou: string; douyin: string }
  | { type: 'connected'; consoleClients: number; overlayClients: number }
  | { type: 'progress'; created: number; paused: boolean }
  | { type: 'done'; created: number; gos: number; goFailures: number; framesReceived: number };

const send = (m: WorldMessage) => process.send!(m);

/** Counts new orders as the generator puts them. */
class CountingShop extends SimulatedShop {
  created = 0;
  override put(order: TruthOrder): void {
    if (!this.get(order.orderId)) this.created++;
    super.put(order);
  }
}

const EVENTS = [
  'orders.figuresChanged',
  'orders.linesChanged',
  'shops.statusChanged',
  'overlays.stateChanged',
  'show.stateChanged',
  'rundown.onAirChanged',
  'system.statusChanged',
  'obs.status',
];

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function run(start: WorldStart): Promise<void> {
  const ks = new CountingShop('soak-kuaishou');
  const dy = new CountingShop('soak-douyin');
  // The simulators' own QPS limits stay above what the studio's token buckets allow.
  const ksSim = await startKuaishouSimulator(ks, {}, { qps: 2_000 });
  const dySim = await startDouyinSimulator(dy, {}, { qps: 2_000 });
  send({ type: 'shops', kuaishou: ksSim.url, douyin: dySim.url });

  let framesReceived = 0;
  const sockets: WebSocket[] = [];
  for (let i = 0; i < start.clients; i++) {
    const ws = await open(start.consoleWs, { Authorization: `Bearer ${start.token}` });
    for (const event of EVENTS) ws.send(JSON.stringify({ type: 'subscribe', event }));
    ws.on('message', () => framesReceived++);
    sockets.push(ws);
  }
  for (const url of start.overlayWs) {
    const ws = await open(url);
    ws.on('message', () => framesReceived++);
    sockets.push(ws);
  }
  send({ type: 'connected', consoleClients: start.clients, overlayClients: start.overlayWs.length });

  // The operator: GO every few seconds through the API (the first console client's socket).
  const operator = sockets[0]!;
  let callId = 0;
  const pending = new Map<number, (ok: boolean) => void>();
  operator.on('message', (data) => {
    const f = JSON.parse(data.toString()) as { type: string; id?: number; result?: { ok: boolean } };
    if (f.type === 'result' && f.id !== undefined) pending.get(f.id)?.(f.result?.ok === true);
  });
  const call = (op: string, input: unknown) =>
    new Promise<boolean>((resolve) => {
      const id = ++callId;
      pending.set(id, (ok) => {
        pending.delete(id);
        resolve(ok);
      });
      operator.send(JSON.stringify({ type: 'call', id, op, input }));
    });
  let gos = 0;
  let goFailures = 0;
  let going = false;
  const goTimer = setInterval(() => {
    if (going) return;
    going = true;
    void (async () => {
      // Down the rundown and over again from the top.
      const slotId = start.slotIds[gos % start.slotIds.length];
      if (await call('show.go', { slotId })) gos++;
      else goFailures++;
      going = false;
    })();
  }, start.goEveryMs);

  // Hotan's shape, compressed: Kuaishou single-line orders and Douyin orders of up to two lines,
  // popular products selling most (Zipf), 4% cancelled unpaid and 3% refunded later; no bursts,
  // so the flow stays at the rate the loop-delay target is set for.
  const common = {
    ratePerSecond: start.rate / 2,
    bursts: { chancePerSecond: 0, factor: 1, durationMs: 0, hotShare: 0 },
    cancelShare: 0.04,
    refundShare: 0.03,
    // Compressed with the show: paid within 2 s, refunds within half a minute.
    payDelayMs: [100, 2_000] as [number, number],
    refundDelayMs: [2_000, 20_000] as [number, number],
  };
  const firstOrderId = BigInt(Date.now()) * 1_000_000n;
  const gens = [
    new OrderGenerator(ks, {
      ...common,
      items: start.items.kuaishou,
      lineIds: 'order',
      maxLinesPerOrder: 1,
      firstOrderId,
      seed: 1,
    }),
    new OrderGenerator(dy, {
      ...common,
      items: start.items.douyin,
      lineIds: 'own',
      maxLinesPerOrder: 2,
      firstOrderId: firstOrderId + 500_000_000n,
      seed: 2,
    }),
  ];
  const created = () => ks.created + dy.created;
  // The bench pauses the shops while it samples the studio's heap at rest, and resumes them.
  let paused = false;
  const setPaused = (p: boolean) => {
    paused = p;
    for (const g of gens) {
      if (p) g.stop();
      else g.start(20);
    }
  };
  process.on('message', (m: { type?: string }) => {
    if (m.type === 'pause') setPaused(true);
    if (m.type === 'resume') setPaused(false);
  });
  setPaused(false);
  await new Promise<void>((resolve) => {
    const watch = setInterval(() => {
      send({ type: 'progress', created: created(), paused });
      if (created() >= start.orders) {
        for (const g of gens) g.stop();
        clearInterval(watch);
        resolve();
      }
    }, 100);
  });
  send({ type: 'done', created: created(), gos, goFailures, framesReceived });

  process.on('message', (m: { type?: string }) => {
    if (m.type !== 'stop') return;
    clearInterval(goTimer);
    for (const ws of sockets) ws.terminate();
    void Promise.all([ksSim.stop(), dySim.stop()]).then(() => process.exit(0));
  });
}

process.once('message', (m: WorldStart) => {
  run(m).catch((err: unknown) => {
    console.error('soak world failed:', err);
    process.exit(1);
  });
});
// The bench owns this process: when it goes, so does the world.
process.on('disconnect', () => process.exit(0));
