/**
 * Writes an OBS 29 scene collection (the JSON OBS keeps in basic/scenes/) so a headless test
 * OBS starts with scenes, colour sources and groups: obs-websocket 5.1 cannot create groups.
 */
export interface CollectionSpec {
  /** Colour sources: name → ARGB colour as OBS stores it (0xAABBGGRR). */
  colors: Record<string, number>;
  /** Scenes in list order: name → item names (sources, groups). */
  scenes: Record<string, string[]>;
  /** Groups: name → item names. */
  groups?: Record<string, string[]>;
}

const sourceBase = {
  balance: 0.5,
  deinterlace_field_order: 0,
  deinterlace_mode: 0,
  enabled: true,
  flags: 0,
  hotkeys: {},
  mixers: 0,
  monitoring_type: 0,
  muted: false,
  private_settings: {},
  'push-to-mute': false,
  'push-to-mute-delay': 0,
  'push-to-talk': false,
  'push-to-talk-delay': 0,
  sync: 0,
  volume: 1.0,
};

const item = (name: string, id: number) => ({
  align: 5,
  blend_method: 'default',
  blend_type: 'normal',
  bounds: { x: 0.0, y: 0.0 },
  bounds_align: 0,
  bounds_type: 0,
  crop_bottom: 0,
  crop_left: 0,
  crop_right: 0,
  crop_top: 0,
  group_item_backup: false,
  id,
  locked: false,
  name,
  pos: { x: 0.0, y: 0.0 },
  private_settings: {},
  rot: 0.0,
  scale: { x: 1.0, y: 1.0 },
  scale_filter: 'disable',
  visible: true,
});

const container = (kind: 'scene' | 'group', name: string, items: string[]) => ({
  ...sourceBase,
  id: kind,
  versioned_id: kind,
  name,
  settings: { custom_size: false, id_counter: items.length, items: items.map((n, i) => item(n, i + 1)) },
});

export function sceneCollection(spec: CollectionSpec, name = 'Untitled'): object {
  const sceneNames = Object.keys(spec.scenes);
  return {
    current_program_scene: sceneNames[0],
    current_scene: sceneNames[0],
    current_transition: 'Fade',
    transition_duration: 300,
    transitions: [],
    groups: Object.entries(spec.groups ?? {}).map(([g, items]) => container('group', g, items)),
    name,
    preview_locked: false,
    quick_transitions: [],
    saved_projectors: [],
    scaling_enabled: false,
    scaling_level: 0,
    scaling_off_x: 0.0,
    scaling_off_y: 0.0,
    scene_order: sceneNames.map((n) => ({ name: n })),
    modules: {},
    sources: [
      ...Object.entries(spec.colors).map(([n, color]) => ({
        ...sourceBase,
        id: 'color_source',
        versioned_id: 'color_source_v3',
        name: n,
        settings: { color, width: 1920, height: 1080 },
      })),
      ...sceneNames.map((n) => container('scene', n, spec.scenes[n]!)),
    ],
  };
}
