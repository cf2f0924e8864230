import { useEffect, useState } from 'react';
import { useApi } from '../../api/studio-api';

/** A few times a second: enough to see the camera move, cheap for OBS (the core throttles too). */
const REFRESH_MS = 250;

/**
 * A screenshot of an OBS scene (the program when `sceneName` is undefined), refreshed while the
 * element is on screen and the window visible; null without OBS or when OBS has no picture.
 */
export function useSceneShot(
  instanceId: number | null,
  sceneName: string | null | undefined,
  width: number,
): { attach: (el: HTMLElement | null) => void; image: string | null } {
  const api = useApi();
  const [el, attach] = useState<HTMLElement | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setOnScreen(entries.some((e) => e.isIntersecting)));
    io.observe(el);
    return () => io.disconnect();
  }, [el]);
  // A cue without a camera on this OBS: no picture (undefined asks for the program).
  const none = instanceId === null || sceneName === null;
  useEffect(() => {
    if (none || !onScreen) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const take = async () => {
      if (document.visibilityState === 'visible') {
        const r = await api.obs.screenshot({
          instanceId: instanceId!,
          width,
          ...(sceneName !== undefined ? { sceneName } : {}),
        });
        if (stopped) return;
        setImage(r.ok ? r.value.imageData : null);
      }
      if (!stopped) timer = setTimeout(() => void take(), REFRESH_MS);
    };
    void take();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, instanceId, sceneName, width, onScreen, none]);
  return { attach, image: none ? null : image };
}
