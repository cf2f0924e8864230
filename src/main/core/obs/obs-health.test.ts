import { describe, expect, it } from 'vitest';
import { computeHealth, type StatsSample } from './obs-health';

const stats = (over: Partial<StatsSample> = {}): StatsSample => ({
  activeFps: 30,
  cpuUsage: 10,
  memoryUsage: 300,
  availableDiskSpace: 100_000,
  renderSkippedFrames: 0,
  renderTotalFrames: 1000,
  outputSkippedFrames: 0,
  outputTotalFrames: 1000,
  ...over,
});

describe('OBS health warnings', () => {
  it('warns about nothing when everything is fine', () => {
    expect(computeHealth(1, stats(), null, 30, null).warnings).toEqual([]);
  });

  it('warns past each threshold, with the figures', () => {
    const h = computeHealth(
      1,
      stats({ activeFps: 20, cpuUsage: 95, memoryUsage: 5000, availableDiskSpace: 2048 }),
      { outputActive: true, outputReconnecting: true, outputCongestion: 0.8 },
      30,
      null,
    );
    expect(h.warnings).toEqual([
      { code: 'low_fps', params: { fps: 20, target: 30 } },
      { code: 'cpu_high', params: { percent: 95 } },
      { code: 'memory_high', params: { mb: 5000 } },
      { code: 'disk_low', params: { gb: 2 } },
      { code: 'stream_congested', params: { percent: 80 } },
      { code: 'stream_reconnecting', params: {} },
    ]);
    expect(h.streamCongestion).toBe(0.8);
  });

  it('judges skipped frames since the previous sample, not since OBS started', () => {
    const first = computeHealth(
      1,
      stats({ renderSkippedFrames: 100, renderTotalFrames: 1000 }),
      null,
      30,
      null,
    );
    expect(first.warnings.map((w) => w.code)).toEqual(['render_skipped']);
    // 100 skipped long ago, none in the last 60 frames: no warning any more.
    const later = computeHealth(
      1,
      stats({ renderSkippedFrames: 100, renderTotalFrames: 1060 }),
      null,
      30,
      first,
    );
    expect(later.warnings).toEqual([]);
    const bad = computeHealth(
      1,
      stats({ renderSkippedFrames: 110, renderTotalFrames: 1120 }),
      null,
      30,
      later,
    );
    expect(bad.warnings).toEqual([{ code: 'render_skipped', params: { percent: 16.7 } }]);
  });
});
