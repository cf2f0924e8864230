import { describe, expect, it } from 'vitest';
import { EventHub } from '../event-hub';
import { LogHub } from '../logging/log-hub';
import { StatusBoard } from '../services/service';
import { DiskGuard } from './disk-guard';

const MB = 1024 * 1024;
const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

function guard(free: { bytes: number | null }) {
  const status = new StatusBoard(new EventHub());
  status.set('database', 'warning', 'disk.restore.missing', { backup: 'b.db', skipped: 0 });
  const logs = new LogHub({ sink: () => undefined });
  // A recheck far in the future: the test calls recheck() itself.
  const disk = new DiskGuard({
    dir: null,
    status,
    log: logs.logger('db'),
    recheckMs: 3_600_000,
    freeBytes: () => free.bytes,
  });
  return { disk, status, logs };
}

describe('DiskGuard', () => {
  it('turns a full disk into the database pill and gives the pill back when a write succeeds', () => {
    const free = { bytes: 0.25 * MB };
    const { disk, status, logs } = guard(free);
    expect(disk.report(new Error('other'), 'x')).toBe(false);
    expect(disk.full).toBe(false);
    expect(
      disk.attempt('overlays', () => {
        throw full();
      }),
    ).toBe(false);
    expect(disk.full).toBe(true);
    expect(status.get('database')).toMatchObject({
      state: 'error',
      detailKey: 'disk.full',
      params: { mb: 0.2 },
    });
    expect(
      disk.attempt('overlays', () => {
        throw new Error('a bug');
      }),
    ).toBe(false);
    expect(logs.recent(10, 'error').map((l) => l.message)).toContain('overlays: write failed');
    disk.wrote();
    expect(disk.full).toBe(false);
    expect(status.get('database')).toMatchObject({ state: 'warning', detailKey: 'disk.restore.missing' });
    disk.stop();
  });

  it('lets waiting writers retry only when there is space, and ends the state when nothing waits', async () => {
    const free = { bytes: 0.5 * MB };
    const { disk, status } = guard(free);
    disk.report(full(), 'orders');
    let released = false;
    const waiting = disk.whenSpace().then(() => (released = true));
    const retried: number[] = [];
    disk.retryWhenSpace('figures', () => retried.push(1));
    disk.recheck();
    await Promise.resolve();
    expect({ released, retried: retried.length }).toEqual({ released: false, retried: 0 });
    free.bytes = 50 * MB;
    disk.recheck();
    await waiting;
    expect({ released, retried: retried.length }).toEqual({ released: true, retried: 1 });
    // Both tried without proving the disk works (no wrote()): still full until a recheck with nobody waiting.
    expect(disk.full).toBe(true);
    expect(status.get('database')).toMatchObject({ detailKey: 'disk.full', params: { mb: 50 } });
    disk.recheck();
    expect(disk.full).toBe(false);
    expect(status.get('database')).toMatchObject({ detailKey: 'disk.restore.missing' });
    disk.stop();
  });

  it('an aborted wait resolves at once', async () => {
    const { disk } = guard({ bytes: 0 });
    disk.report(full(), 'orders');
    const ac = new AbortController();
    const waiting = disk.whenSpace(ac.signal);
    ac.abort();
    await waiting;
    disk.stop();
  });
});
