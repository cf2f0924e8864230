import { stageSize, type Orientation, type ProvisionResult } from '@shared/api/domains/obs';
import type { OverlayPage } from '../overlays';
import { ObsError } from './obs-errors';
import type { ObsSession } from './obs-session';

/** What provisioning needs of an overlay page (the overlays area's OverlayPage has these). */
export type ProvisionPage = Pick<OverlayPage, 'sourceName' | 'url' | 'width' | 'height'>;

export const OVERLAY_SCENE = 'ShelfCast Overlays';
export const BROWSER_SOURCE = 'browser_source';
/** The obs-browser default: a transparent page background. */
const TRANSPARENT_CSS = 'body { background-color: rgba(0, 0, 0, 0); margin: 0px auto; overflow: hidden; }';

/**
 * An overlay page as an OBS of this orientation loads it: the layout chosen by the URL's
 * `orientation` parameter, and a browser source the size of the stage (1920×1080 or 1080×1920).
 */
export function pageFor(page: ProvisionPage, orientation: Orientation): ProvisionPage {
  const url = new URL(page.url);
  url.searchParams.set('orientation', orientation);
  return { sourceName: page.sourceName, url: url.toString(), ...stageSize(orientation) };
}

export interface ProvisionOptions {
  /** Which layout and size the browser sources get. */
  orientation?: Orientation;
  /** Set the canvas to the orientation's size when it differs (the operator confirmed it). */
  setCanvas?: boolean;
}

/**
 * Creates or repairs the overlay scene: one browser source per overlay page (its orientation's
 * layout URL and stage size, transparent), then nests the scene into the chosen scenes, and
 * reads (and, when asked, sets) OBS's canvas size. Changes only what differs, so a second run
 * changes nothing.
 */
export async function provisionOverlays(
  session: ObsSession,
  landscapePages: readonly ProvisionPage[],
  targetScenes: readonly string[],
  options: ProvisionOptions = {},
): Promise<ProvisionResult> {
  await requireBrowserSource(session);
  const orientation = options.orientation ?? 'landscape';
  const pages = landscapePages.map((p) => pageFor(p, orientation));
  const result: ProvisionResult = {
    sceneName: OVERLAY_SCENE,
    createdScene: false,
    createdSources: [],
    updatedSources: [],
    nestedInto: [],
    unchanged: true,
    orientation,
    canvas: { baseWidth: 0, baseHeight: 0, outputWidth: 0, outputHeight: 0, matches: false, changed: false },
  };
  const scenes = (await session.call('GetSceneList')).scenes.map((s) => String(s.sceneName));
  for (const target of targetScenes) {
    if (!scenes.includes(target)) throw new ObsError('not_found', `scene ${target} does not exist`);
  }
  if (!scenes.includes(OVERLAY_SCENE)) {
    await session.call('CreateScene', { sceneName: OVERLAY_SCENE });
    result.createdScene = true;
  }
  const inputs = new Map(
    (await session.call('GetInputList')).inputs.map((i) => [String(i.inputName), String(i.inputKind)]),
  );
  const items = new Set(
    (await session.call('GetSceneItemList', { sceneName: OVERLAY_SCENE })).sceneItems.map((i) =>
      String(i.sourceName),
    ),
  );
  for (const page of pages) {
    const settings = {
      url: page.url,
      width: page.width,
      height: page.height,
      css: TRANSPARENT_CSS,
      shutdown: false,
      restart_when_active: false,
    };
    const kind = inputs.get(page.sourceName);
    if (kind === undefined) {
      await session.call('CreateInput', {
        sceneName: OVERLAY_SCENE,
        inputName: page.sourceName,
        inputKind: BROWSER_SOURCE,
        inputSettings: settings,
        sceneItemEnabled: true,
      });
      result.createdSources.push(page.sourceName);
      continue;
    }
    if (kind !== BROWSER_SOURCE)
      throw new ObsError('request_failed', `${page.sourceName} exists in OBS but is not a browser source`, {
        status: 602,
      });
    const current = (await session.call('GetInputSettings', { inputName: page.sourceName })).inputSettings;
    const differs = Object.entries(settings).some(([k, v]) => current[k] !== v);
    if (differs) {
      await session.call('SetInputSettings', {
        inputName: page.sourceName,
        inputSettings: settings,
        overlay: true,
      });
      result.updatedSources.push(page.sourceName);
    }
    if (!items.has(page.sourceName)) {
      await session.call('CreateSceneItem', { sceneName: OVERLAY_SCENE, sourceName: page.sourceName });
      if (!result.updatedSources.includes(page.sourceName)) result.updatedSources.push(page.sourceName);
    }
  }
  for (const target of targetScenes) {
    if (target === OVERLAY_SCENE) continue;
    const has = (await session.call('GetSceneItemList', { sceneName: target })).sceneItems.some(
      (i) => i.sourceName === OVERLAY_SCENE,
    );
    if (has) continue;
    await session.call('CreateSceneItem', { sceneName: target, sourceName: OVERLAY_SCENE });
    result.nestedInto.push(target);
  }
  result.canvas = await fitCanvas(session, orientation, options.setCanvas === true);
  result.unchanged =
    !result.createdScene &&
    result.createdSources.length === 0 &&
    result.updatedSources.length === 0 &&
    result.nestedInto.length === 0 &&
    !result.canvas.changed;
  return result;
}

/**
 * Reads OBS's canvas and, when `set` and it is not the orientation's size, sets base and output
 * resolution to it (fps untouched). OBS refuses while it streams or records (OutputRunning): that
 * failure reaches the operator as it is, nothing else is changed by it.
 */
export async function fitCanvas(
  session: ObsSession,
  orientation: Orientation,
  set: boolean,
): Promise<ProvisionResult['canvas']> {
  const { width, height } = stageSize(orientation);
  const read = async () => {
    const v = await session.call('GetVideoSettings');
    return {
      baseWidth: v.baseWidth,
      baseHeight: v.baseHeight,
      outputWidth: v.outputWidth,
      outputHeight: v.outputHeight,
      matches:
        v.baseWidth === width &&
        v.baseHeight === height &&
        v.outputWidth === width &&
        v.outputHeight === height,
    };
  };
  const before = await read();
  if (before.matches || !set) return { ...before, changed: false };
  await session.call('SetVideoSettings', {
    baseWidth: width,
    baseHeight: height,
    outputWidth: width,
    outputHeight: height,
  });
  const after = await read();
  if (!after.matches)
    throw new ObsError('request_failed', `OBS kept its canvas at ${after.baseWidth}×${after.baseHeight}`, {
      requestType: 'SetVideoSettings',
    });
  return { ...after, changed: true };
}

/** Presses `refreshnocache` on one overlay browser source (a page that is missing or stale). */
export async function refreshOverlaySource(session: ObsSession, sourceName: string): Promise<void> {
  await requireBrowserSource(session);
  await session.call('PressInputPropertiesButton', { inputName: sourceName, propertyName: 'refreshnocache' });
}

/** Presses `refreshnocache` on every overlay browser source in the overlay scene. */
export async function reloadOverlays(session: ObsSession): Promise<string[]> {
  await requireBrowserSource(session);
  const items = (await session.call('GetSceneItemList', { sceneName: OVERLAY_SCENE })).sceneItems;
  const reloaded: string[] = [];
  for (const item of items) {
    if (item.inputKind !== BROWSER_SOURCE) continue;
    const inputName = String(item.sourceName);
    await session.call('PressInputPropertiesButton', { inputName, propertyName: 'refreshnocache' });
    reloaded.push(inputName);
  }
  return reloaded;
}

/** Linux distribution builds (Debian's) ship OBS without obs-browser: say so, never fail silently. */
async function requireBrowserSource(session: ObsSession): Promise<void> {
  const { inputKinds } = await session.call('GetInputKindList', { unversioned: true });
  if (!inputKinds.includes(BROWSER_SOURCE))
    throw new ObsError('no_browser_source', 'this OBS has no browser source (obs-browser is not installed)');
}
