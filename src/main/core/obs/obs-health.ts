import type { Health, HealthWarning } from '@shared/api/domains/obs';

/** Thresholds past which the health panel warns. */
export const healthThresholds = {
  /** Active fps below this share of the configured fps. */
  fpsRatio: 0.9,
  /** Share of frames skipped since the previous sample. */
  skippedShare: 0.02,
  cpuPercent: 80,
  memoryMb: 4096,
  diskFreeMb: 5 * 1024,
  congestion: 0.5,
};

export interface StatsSample {
  activeFps: number;
  cpuUsage: number;
  memoryUsage: number;
  availableDiskSpace: number;
  renderSkippedFrames: number;
  renderTotalFrames: number;
  outputSkippedFrames: number;
  outputTotalFrames: number;
}

export interface StreamSample {
  outputActive: boolean;
  outputReconnecting: boolean;
  outputCongestion: number;
}

const share = (skipped: number, total: number): number => (total > 0 ? skipped / total : 0);

/** Health figures with warnings; skipped-frame warnings compare with the previous sample, not since start. */
export function computeHealth(
  instanceId: number,
  stats: StatsSample,
  stream: StreamSample | null,
  targetFps: number | null,
  prev: Health | null,
  at = Date.now(),
): Health {
  const warnings: HealthWarning[] = [];
  const r = (x: number, d = 1) => Number(x.toFixed(d));
  if (targetFps && stats.activeFps < targetFps * healthThresholds.fpsRatio)
    warnings.push({ code: 'low_fps', params: { fps: r(stats.activeFps), target: r(targetFps) } });
  const renderShare = share(
    stats.renderSkippedFrames - (prev?.renderSkippedFrames ?? 0),
    stats.renderTotalFrames - (prev?.renderTotalFrames ?? 0),
  );
  if (renderShare > healthThresholds.skippedShare)
    warnings.push({ code: 'render_skipped', params: { percent: r(renderShare * 100) } });
  const outputShare = share(
    stats.outputSkippedFrames - (prev?.outputSkippedFrames ?? 0),
    stats.outputTotalFrames - (prev?.outputTotalFrames ?? 0),
  );
  if (outputShare > healthThresholds.skippedShare)
    warnings.push({ code: 'output_skipped', params: { percent: r(outputShare * 100) } });
  if (stats.cpuUsage > healthThresholds.cpuPercent)
    warnings.push({ code: 'cpu_high', params: { percent: r(stats.cpuUsage) } });
  if (stats.memoryUsage > healthThresholds.memoryMb)
    warnings.push({ code: 'memory_high', params: { mb: Math.round(stats.memoryUsage) } });
  if (stats.availableDiskSpace < healthThresholds.diskFreeMb)
    warnings.push({ code: 'disk_low', params: { gb: r(stats.availableDiskSpace / 1024) } });
  const streaming = stream?.outputActive ?? false;
  if (streaming && stream!.outputCongestion > healthThresholds.congestion)
    warnings.push({
      code: 'stream_congested',
      params: { percent: Math.round(stream!.outputCongestion * 100) },
    });
  if (stream?.outputReconnecting) warnings.push({ code: 'stream_reconnecting', params: {} });
  return {
    instanceId,
    activeFps: r(stats.activeFps, 2),
    targetFps,
    cpuPercent: r(stats.cpuUsage, 2),
    memoryMb: r(stats.memoryUsage, 1),
    diskFreeMb: Math.round(stats.availableDiskSpace),
    renderSkippedFrames: stats.renderSkippedFrames,
    renderTotalFrames: stats.renderTotalFrames,
    outputSkippedFrames: stats.outputSkippedFrames,
    outputTotalFrames: stats.outputTotalFrames,
    streamCongestion: streaming ? r(stream!.outputCongestion, 3) : null,
    streamReconnecting: stream?.outputReconnecting ?? false,
    warnings,
    at,
  };
}
