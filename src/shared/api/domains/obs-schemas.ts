import { z } from 'zod';

/** Shapes of the OBS area, shared by the core, the operator UI and other areas (show day). */

export const instanceId = z.number().int().positive();
const name = z.string().trim().min(1).max(200);

/** Why a connection is not connected; the UI translates `obs:reason.<code>`. */
export const ObsReasonSchema = z.enum([
  'refused',
  'timeout',
  'closed',
  'heartbeat',
  'auth_failed',
  'password_missing',
  'protocol_too_old',
  'obs_exiting',
  'error',
]);
export type ObsReason = z.infer<typeof ObsReasonSchema>;

/**
 * Which picture an OBS makes: `landscape` 1920×1080 (Taobao, JD, web players) or `portrait`
 * 1080×1920 (Douyin, Kuaishou on phones). One OBS 29 instance has one canvas, so two
 * orientations are two OBS instances, both driven by the same GO.
 */
export const OrientationSchema = z.enum(['landscape', 'portrait']);
export type Orientation = z.infer<typeof OrientationSchema>;

/** The canvas (and overlay stage) size of an orientation, in pixels. */
export function stageSize(orientation: Orientation): { width: number; height: number } {
  return orientation === 'portrait' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
}

export const ConnectionStatusSchema = z.object({
  /**
   * `failed` is permanent (wrong password, protocol too old) until the operator changes the
   * connection or presses retry; `retrying` waits until `retryAt` (epoch ms).
   */
  state: z.enum(['disabled', 'connecting', 'connected', 'retrying', 'failed']),
  reason: ObsReasonSchema.nullable(),
  retryAt: z.number().int().nullable(),
  /** Connection attempts since the last success (or since the operator changed something). */
  attempt: z.number().int().nonnegative(),
  obsVersion: z.string().nullable(),
  websocketVersion: z.string().nullable(),
  rpcVersion: z.number().int().nullable(),
  since: z.number().int(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

export const ObsConnectionSchema = z.object({
  id: instanceId,
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  hasPassword: z.boolean(),
  enabled: z.boolean(),
  orientation: OrientationSchema,
  status: ConnectionStatusSchema,
});
export type ObsConnection = z.infer<typeof ObsConnectionSchema>;

export const ConnectionInputSchema = z.strictObject({
  name: name.max(80),
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  /** Empty string: OBS has authentication switched off. */
  password: z.string().max(500),
  enabled: z.boolean().default(true),
  orientation: OrientationSchema.default('landscape'),
});

export const CameraSchema = z.object({
  /** Name rundown slots refer to, e.g. `主播近景`. */
  preset: name.max(80),
  /** `scene`: switching puts the scene on program; `source`: shows the source in `sceneName`, hides the other camera sources there. */
  kind: z.enum(['scene', 'source']),
  sceneName: name,
  sourceName: z.string().max(200).nullable(),
});
export type Camera = z.infer<typeof CameraSchema>;

export const OutputStateSchema = z.object({
  stream: z.object({ active: z.boolean(), reconnecting: z.boolean() }),
  record: z.object({ active: z.boolean(), paused: z.boolean(), lastPath: z.string().nullable() }),
});
export type OutputState = z.infer<typeof OutputStateSchema>;

export const ObsStateSchema = z.object({
  instanceId,
  /** In the order the OBS scene list shows them (top first). */
  scenes: z.array(z.string()),
  program: z.string().nullable(),
  preview: z.string().nullable(),
  studioMode: z.boolean(),
  transitions: z.array(z.object({ name: z.string(), kind: z.string() })),
  transition: z.object({ name: z.string().nullable(), durationMs: z.number().int().nullable() }),
  outputs: OutputStateSchema,
  mutes: z.array(z.object({ inputName: z.string(), muted: z.boolean().nullable() })),
  /** Each mapped camera and whether its scene/source was found by name at the last resync. */
  cameras: z.array(CameraSchema.extend({ key: z.number().int(), found: z.boolean() })),
  syncedAt: z.number().int(),
});
export type ObsState = z.infer<typeof ObsStateSchema>;

export const HealthWarningSchema = z.object({
  code: z.enum([
    'low_fps',
    'render_skipped',
    'output_skipped',
    'cpu_high',
    'memory_high',
    'disk_low',
    'stream_congested',
    'stream_reconnecting',
  ]),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type HealthWarning = z.infer<typeof HealthWarningSchema>;

export const HealthSchema = z.object({
  instanceId,
  activeFps: z.number(),
  targetFps: z.number().nullable(),
  cpuPercent: z.number(),
  memoryMb: z.number(),
  diskFreeMb: z.number(),
  renderSkippedFrames: z.number().int(),
  renderTotalFrames: z.number().int(),
  outputSkippedFrames: z.number().int(),
  outputTotalFrames: z.number().int(),
  streamCongestion: z.number().nullable(),
  streamReconnecting: z.boolean(),
  warnings: z.array(HealthWarningSchema),
  at: z.number().int(),
});
export type Health = z.infer<typeof HealthSchema>;

export const ItemVisibilitySchema = z.strictObject({
  sceneName: name,
  sourceName: name,
  visible: z.boolean(),
});

export const CueSchema = z.strictObject({
  instanceId,
  cameraPreset: name.max(80).optional(),
  itemVisibility: z.array(ItemVisibilitySchema).max(50).default([]),
});
export type Cue = z.input<typeof CueSchema>;

export const ProvisionResultSchema = z.object({
  sceneName: z.string(),
  createdScene: z.boolean(),
  createdSources: z.array(z.string()),
  updatedSources: z.array(z.string()),
  nestedInto: z.array(z.string()),
  unchanged: z.boolean(),
  /** The orientation the sources were provisioned for (URL parameter and size). */
  orientation: OrientationSchema,
  /**
   * OBS's canvas (base and output resolution) after provisioning, and whether it has the
   * orientation's size. A wrong canvas is only changed when the operator confirmed it
   * (`setCanvas`), because it changes what OBS streams and records.
   */
  canvas: z.object({
    baseWidth: z.number().int(),
    baseHeight: z.number().int(),
    outputWidth: z.number().int(),
    outputHeight: z.number().int(),
    matches: z.boolean(),
    changed: z.boolean(),
  }),
});
export type ProvisionResult = z.infer<typeof ProvisionResultSchema>;
