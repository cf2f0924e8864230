import { z } from 'zod';
import { overlayIds } from '../../overlays/overlay-state';
import { event, operation } from '../define';
import {
  CameraSchema,
  ConnectionInputSchema,
  ConnectionStatusSchema,
  CueSchema,
  HealthSchema,
  instanceId,
  ObsConnectionSchema,
  ObsStateSchema,
  OutputStateSchema,
  ProvisionResultSchema,
} from './obs-schemas';

export * from './obs-schemas';

const target = z.strictObject({ instanceId });
const sceneName = z.string().trim().min(1).max(200);
const empty = z.object({});

/** OBS control over obs-websocket 5: connections, scenes, cameras, outputs, health, overlays. */
export const obsOperations = {
  'obs.connections': operation({
    summary: 'Every OBS connection with its live status.',
    input: z.strictObject({}),
    output: z.object({ connections: z.array(ObsConnectionSchema) }),
    errors: [],
    access: 'read',
  }),
  'obs.addConnection': operation({
    summary: 'Add a named OBS instance (password stored sealed); it starts connecting at once.',
    input: ConnectionInputSchema,
    output: ObsConnectionSchema,
    errors: ['conflict'],
    access: 'control',
  }),
  'obs.updateConnection': operation({
    summary: 'Change an OBS connection; omit `password` to keep the stored one. Reconnects.',
    input: ConnectionInputSchema.partial().extend({ id: instanceId }),
    output: ObsConnectionSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'obs.removeConnection': operation({
    summary: 'Disconnect and forget an OBS connection, its cameras and audio choices.',
    input: z.strictObject({ id: instanceId }),
    output: empty,
    errors: ['not_found'],
    access: 'control',
  }),
  'obs.testConnection': operation({
    summary: 'Try host, port and password once without saving; `id` reuses a stored password.',
    input: z.strictObject({
      host: z.string().trim().min(1).max(253),
      port: z.number().int().min(1).max(65535),
      password: z.string().max(500).optional(),
      id: instanceId.optional(),
    }),
    output: z.object({ obsVersion: z.string(), websocketVersion: z.string(), rpcVersion: z.number() }),
    errors: ['unavailable', 'timeout', 'bad_request'],
    access: 'control',
  }),
  'obs.retryNow': operation({
    summary: 'Reconnect now (also after a permanent failure).',
    input: z.strictObject({ id: instanceId }),
    output: ObsConnectionSchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'obs.state': operation({
    summary: 'Scenes, program/preview, studio mode, transitions, outputs, mutes and cameras of one OBS.',
    input: target,
    output: ObsStateSchema,
    errors: ['not_found', 'unavailable'],
    access: 'read',
  }),
  'obs.setProgram': operation({
    summary: 'Put a scene on program (a cut or the current transition, as OBS does).',
    input: z.strictObject({ instanceId, sceneName }),
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
  'obs.setPreview': operation({
    summary: 'Put a scene on preview (studio mode only).',
    input: z.strictObject({ instanceId, sceneName }),
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout', 'conflict'],
    access: 'control',
  }),
  'obs.studioMode': operation({
    summary: 'Turn studio mode on or off.',
    input: z.strictObject({ instanceId, enabled: z.boolean() }),
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
  'obs.transition': operation({
    summary: 'Choose the transition (by name) and/or its duration.',
    input: z.strictObject({
      instanceId,
      name: z.string().min(1).max(200).optional(),
      durationMs: z.number().int().min(50).max(20000).optional(),
    }),
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
  'obs.take': operation({
    summary: 'Studio mode: transition preview to program with the current transition.',
    input: target,
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout', 'conflict'],
    access: 'control',
  }),
  'obs.cut': operation({
    summary: 'Cut without a transition: preview to program in studio mode, else to `sceneName`.',
    input: z.strictObject({ instanceId, sceneName: sceneName.optional() }),
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout', 'conflict', 'bad_request'],
    access: 'control',
  }),
  'obs.cameras': operation({
    summary: 'Camera presets of one OBS in key order (1–9).',
    input: target,
    output: z.object({ cameras: z.array(CameraSchema) }),
    errors: ['not_found'],
    access: 'read',
  }),
  'obs.setCameras': operation({
    summary: 'Replace the camera presets of one OBS (order gives keys 1–9).',
    input: z.strictObject({ instanceId, cameras: z.array(CameraSchema).max(20) }),
    output: z.object({ cameras: z.array(CameraSchema) }),
    errors: ['not_found', 'bad_request'],
    access: 'control',
  }),
  'obs.camera': operation({
    summary: 'Switch to a camera preset (one request batch).',
    input: z.strictObject({ instanceId, preset: z.string().min(1).max(80) }),
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
  'obs.thumbnails': operation({
    summary: 'Small screenshots of every camera (throttled; a cached one may be returned).',
    input: z.strictObject({ instanceId, width: z.number().int().min(32).max(640).default(240) }),
    output: z.object({
      thumbnails: z.array(z.object({ preset: z.string(), imageData: z.string().nullable(), at: z.number() })),
    }),
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'read',
  }),
  'obs.stream': operation({
    summary: 'Start or stop streaming.',
    input: z.strictObject({ instanceId, action: z.enum(['start', 'stop']) }),
    output: OutputStateSchema,
    errors: ['not_found', 'unavailable', 'timeout', 'conflict'],
    access: 'control',
  }),
  'obs.record': operation({
    summary: 'Start, stop, pause or resume recording; stopping returns the file path.',
    input: z.strictObject({ instanceId, action: z.enum(['start', 'stop', 'pause', 'resume']) }),
    output: OutputStateSchema,
    errors: ['not_found', 'unavailable', 'timeout', 'conflict'],
    access: 'control',
  }),
  'obs.health': operation({
    summary: 'Latest health figures of one OBS with the warnings past their thresholds.',
    input: target,
    output: HealthSchema.nullable(),
    errors: ['not_found'],
    access: 'read',
  }),
  'obs.inputs': operation({
    summary: 'Names of the audio inputs of one OBS (to choose which ones to control).',
    input: target,
    output: z.object({ inputs: z.array(z.string()) }),
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'read',
  }),
  'obs.setAudioInputs': operation({
    summary: 'Choose which inputs the audio panel controls (anchor and guest microphones).',
    input: z.strictObject({ instanceId, inputs: z.array(z.string().min(1).max(200)).max(30) }),
    output: empty,
    errors: ['not_found'],
    access: 'control',
  }),
  'obs.mute': operation({
    summary: 'Mute or unmute one input.',
    input: z.strictObject({ instanceId, inputName: z.string().min(1).max(200), muted: z.boolean() }),
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
  'obs.applyCue': operation({
    summary: 'Switch camera and show/hide scene items in one request batch (same frame where OBS allows).',
    input: CueSchema,
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
  'obs.provisionOverlays': operation({
    summary: `Create or repair the overlay scene with one browser source per overlay page, nested into the chosen scenes.`,
    input: z.strictObject({
      instanceId,
      scenes: z.array(sceneName).max(50).default([]),
      /** Also set OBS's canvas to the connection's orientation (SetVideoSettings); only after the operator confirmed. */
      setCanvas: z.boolean().default(false),
    }),
    output: ProvisionResultSchema,
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
  'obs.refreshOverlay': operation({
    summary: 'Reload one overlay browser source without cache (its refreshnocache button).',
    input: z.strictObject({ instanceId, overlay: z.enum(overlayIds) }),
    output: z.object({ sourceName: z.string() }),
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
  'obs.screenshot': operation({
    summary:
      'A screenshot of a scene (default: the program scene) for the composite preview; throttled per scene.',
    input: z.strictObject({
      instanceId,
      sceneName: sceneName.optional(),
      width: z.number().int().min(64).max(1920).default(640),
    }),
    output: z.object({ sceneName: z.string(), imageData: z.string().nullable(), at: z.number() }),
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'read',
  }),
  'obs.reloadOverlays': operation({
    summary: 'Reload every overlay browser source (its refreshnocache button).',
    input: target,
    output: z.object({ reloaded: z.array(z.string()) }),
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
};

export const obsEvents = {
  'obs.status': event({
    summary: 'An OBS connection changed status.',
    payload: z.object({ instanceId, status: ConnectionStatusSchema }),
  }),
  'obs.connectionsChanged': event({
    summary: 'A connection was added, changed or removed.',
    payload: z.object({ instanceId }),
  }),
  'obs.state': event({
    summary: 'The state of one OBS changed (after a resync or an OBS event).',
    payload: ObsStateSchema,
  }),
  'obs.health': event({
    summary: 'New health figures of one OBS.',
    payload: HealthSchema,
  }),
};
