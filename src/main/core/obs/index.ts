import type { CueObs } from './cue-obs';

/**
 * The OBS port: all that the other areas (show day) may call on OBS. One chosen OBS instance per
 * call: the cue batch (camera scene and overlay sources), the studio-mode preview, camera N,
 * recording chapters, and whether the program is the scene a cue expects.
 */
export type ObsPort = Pick<
  CueObs,
  | 'warnings'
  | 'otherWarnings'
  | 'program'
  | 'programScene'
  | 'apply'
  | 'applyAll'
  | 'requireConnection'
  | 'chapter'
  | 'preview'
  | 'camera'
>;

export { supportsChapters } from './cue-obs';
export { OVERLAY_SCENE } from './overlay-provisioning';
export { createObsModule, type ObsModule } from './obs-module';
