import { afterEach, describe, expect, it } from 'vitest';
import type { SyncErrorKind } from '@shared/api/domains/orders';
import { SyncErrorKindSchema } from '@shared/api/domains/orders';
import en from '@shared/i18n/locales/en.orders.json';
import ug from '@shared/i18n/locales/ug.orders.json';
import zh from '@shared/i18n/locales/zh-CN.orders.json';
import { reasonFailure } from '../../../src/main/core/orders/orders-service';
import { PlatformError } from '../../../src/main/core/orders/platform-adapter';
import { strictDouyin } from './douyin';
import { startStrictGateway, type StrictFaults, type StrictGateway, type StrictProtocol } from './gateway';
import { strictJd } from './jd';
import { strictKuaishou } from './kuaishou';
import { strictTaobao } from './taobao';
import { StrictTruth } from './truth';

/**
 * Test connection against the strict gateways: each failure kind, on each platform, comes back as
 * its own reason (never "server error; retrying"), and every reason has its words in all three
 * languages, which is what the shops panel shows.
 */
const running: StrictGateway[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((g) => g.stop()));
});

const CASES: [string, StrictFaults | 'stopped', SyncErrorKind][] = [
  ['wrong secret', { credentials: { secret: 'the-right-one' } }, 'bad_signature'],
  ['expired token', { credentials: { token: 'a-newer-token' } }, 'token_expired'],
  ['unreachable', 'stopped', 'unreachable'],
  ['refused method', { refuseMethod: true }, 'method_refused'],
  ['malformed', { cutJsonEvery: 1 }, 'malformed'],
];

const PROTOCOLS: StrictProtocol[] = [strictKuaishou, strictDouyin, strictJd(), strictTaobao];

async function kindOf(protocol: StrictProtocol, faults: StrictFaults | 'stopped'): Promise<PlatformError> {
  const truth = new StrictTruth({
    seed: 3,
    orders: 20,
    start: 1_795_000_000_000,
    spanMs: 600_000,
    maxLines: 1,
  });
  const now = () => truth.lastUpdate + 60_000;
  const gateway = await startStrictGateway(
    protocol,
    truth,
    now,
    faults === 'stopped' ? {} : faults,
    () => {},
  );
  running.push(gateway);
  if (faults === 'stopped') await gateway.stop();
  const adapter = protocol.adapter(gateway.origin, protocol.signMethods[0]!, now);
  try {
    await adapter.testConnection(AbortSignal.timeout(2_000));
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('test connection passed');
}

describe.each(PROTOCOLS.map((p) => [p.platform, p] as const))('test connection on %s', (_name, protocol) => {
  it('passes with the right credentials', async () => {
    const truth = new StrictTruth({
      seed: 3,
      orders: 20,
      start: 1_795_000_000_000,
      spanMs: 600_000,
      maxLines: 1,
    });
    const now = () => truth.lastUpdate + 60_000;
    const gateway = await startStrictGateway(protocol, truth, now, {}, () => {});
    running.push(gateway);
    await expect(
      protocol
        .adapter(gateway.origin, protocol.signMethods[0]!, now)
        .testConnection(AbortSignal.timeout(2_000)),
    ).resolves.toBeUndefined();
  });

  it.each(CASES)('%s: its own reason', async (_case, faults, kind) => {
    const err = await kindOf(protocol, faults);
    expect(err.kind).toBe(kind);
    const failure = reasonFailure(err);
    // A test retries nothing: the kinds whose status words say "retrying" have words of their own.
    const words = ['throttled', 'server', 'malformed'].includes(kind) ? 'testReason' : 'reason';
    expect(failure.extra.key).toBe(`orders:${words}.${kind}`);
  });
});

describe('failure reasons', () => {
  it('every kind has its words in zh-CN, en and ug, for the reason and the status pill', () => {
    for (const kind of SyncErrorKindSchema.options)
      for (const locale of [en, zh, ug]) {
        expect(locale.reason[kind], `${kind} reason`).toMatch(/\S/);
        expect(locale.pill.error[kind], `${kind} pill`).toMatch(/\S/);
        expect(locale.pill.retrying[kind], `${kind} pill`).toMatch(/\S/);
      }
    for (const locale of [en, zh, ug]) expect(locale.ordersTrust.sweepOff).toContain('{{method}}');
  });
});
