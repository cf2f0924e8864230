import { useEffect, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { stageSize, type Camera, type ObsConnection, type Orientation } from '@shared/api/domains/obs';
import type { OverlayPageSchema } from '@shared/api/domains/overlays';
import type { CuePlan, ShowState } from '@shared/api/domains/showday';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { OverlayComposite } from '../../components/OverlayComposite';
import { useOverlayState } from '../../data/use-overlay-state';
import { embeddedOverlayUrl, type OverlayViewer } from '../../lib/overlay-url';
import { useSceneShot } from './use-scene-shot';

type OverlayPage = z.infer<typeof OverlayPageSchema>;

/** Shown at a readable size: a landscape stage 640 px wide, a portrait one 480 px tall. */
const scaleOf = (o: Orientation) => (o === 'portrait' ? 0.25 : 1 / 3);

interface Output {
  /** null: no OBS (the overlays on a neutral stage). */
  obs: ObsConnection | null;
  orientation: Orientation;
}

/**
 * "What GO will do" and "on air now" as the picture: for each OBS the show drives (a landscape
 * and a portrait one), the camera scene from OBS with the overlays drawn over it in that
 * orientation's layout. Without OBS, the overlays on a neutral stage.
 */
export function CompositePreviews({ state, plan }: { state: ShowState; plan: CuePlan | null }) {
  const api = useApi();
  const [obs, setObs] = useState<ObsConnection[]>([]);
  const [pages, setPages] = useState<OverlayPage[]>([]);
  const [lanAccess, setLanAccess] = useState(false);
  const load = () => {
    void api.obs.connections({}).then((r) => r.ok && setObs(r.value.connections));
    void api.overlays.pages({}).then((r) => r.ok && setPages(r.value));
    void api.access.access().then((r) => r.ok && setLanAccess(r.value.lanAccess));
  };
  const viewer: OverlayViewer = { hostname: window.location.hostname, lanAccess };
  useOnConnected(load);
  useStudioEvent('obs.connectionsChanged', load);
  useStudioEvent('obs.status', ({ instanceId, status }) =>
    setObs((list) => list.map((o) => (o.id === instanceId ? { ...o, status } : o))),
  );
  const ids = state.obsInstanceId === null ? [] : [state.obsInstanceId, ...state.alsoObsInstanceIds];
  const chosen = ids.map((id) => obs.find((o) => o.id === id)).filter((o): o is ObsConnection => !!o);
  const outputs: Output[] =
    chosen.length > 0
      ? chosen.map((o) => ({ obs: o, orientation: o.orientation }))
      : [{ obs: null, orientation: 'landscape' }];
  return (
    <div className="composites" data-testid="composites">
      {outputs.map((out) => (
        <div key={out.obs?.id ?? 'none'} className="composite-pair" data-orientation={out.orientation}>
          {plan && <StandbyComposite output={out} plan={plan} />}
          <ProgramComposite output={out} pages={pages} viewer={viewer} />
        </div>
      ))}
    </div>
  );
}

/**
 * One composite with its caption: the OBS picture of `sceneName` (the program when undefined,
 * none when null) handed to `children`, which draws it under the overlays, scaled.
 */
function Stage({
  output,
  kind,
  sceneName,
  title,
  children,
}: {
  output: Output;
  kind: 'standby' | 'program';
  /** undefined: the program; null: no camera on this OBS. */
  sceneName: string | null | undefined;
  title: string;
  children: (shot: { image: string | null; attach: (el: HTMLElement | null) => void }) => ReactNode;
}) {
  const { t } = useTranslation('obs');
  const { width } = stageSize(output.orientation);
  const scale = scaleOf(output.orientation);
  const connected = output.obs?.status.state === 'connected';
  const { attach, image } = useSceneShot(
    connected ? output.obs!.id : null,
    sceneName,
    Math.round(width * scale * 1.5),
  );
  return (
    <figure className="composite" data-testid={`composite-${kind}`} data-orientation={output.orientation}>
      <figcaption>
        {title}
        {output.obs && ` · ${output.obs.name}`} · {t(`obsOrient.${output.orientation}`)}
      </figcaption>
      {children({ image, attach })}
      {image === null && <p className="muted composite-note">{t('obsOrient.preview.neutral')}</p>}
    </figure>
  );
}

/**
 * What GO will do: the cue's camera scene on this OBS, and every overlay the cue leaves up drawn
 * in this orientation's layout: the same composite the Overlays page shows, as viewers will see it.
 */
function StandbyComposite({ output, plan }: { output: Output; plan: CuePlan }) {
  const { t } = useTranslation('obs');
  const scene = useCameraScene(output.obs, plan.cue.cameraPreset);
  return (
    <Stage output={output} kind="standby" sceneName={scene} title={t('obsOrient.preview.standby')}>
      {({ image, attach }) => (
        <OverlayComposite
          state={plan.overlayPreview}
          orientation={output.orientation}
          scale={scaleOf(output.orientation)}
          ghost={false}
          camera={image}
          still
          frameRef={attach}
        />
      )}
    </Stage>
  );
}

/**
 * On air now: OBS's program with the overlay pages themselves (the layout OBS loads), live. On a
 * device that cannot reach the overlay server (a LAN tablet while it listens on loopback only),
 * the overlay state drawn here in the same layout, and a plain word why.
 */
function ProgramComposite({
  output,
  pages,
  viewer,
}: {
  output: Output;
  pages: OverlayPage[];
  viewer: OverlayViewer;
}) {
  const { t } = useTranslation('obs');
  const { width, height } = stageSize(output.orientation);
  const scale = scaleOf(output.orientation);
  const embedded = pages.map((p) => ({
    page: p,
    ...embeddedOverlayUrl(p.url, viewer, p.lanReachable, {
      orientation: output.orientation,
      viewer: 'preview',
    }),
  }));
  const unreachable = embedded.find((e) => !e.reachable);
  return (
    <Stage output={output} kind="program" sceneName={undefined} title={t('obsOrient.preview.program')}>
      {({ image, attach }) =>
        unreachable ? (
          <ProgramFromState
            output={output}
            camera={image}
            attach={attach}
            host={viewer.hostname}
            port={new URL(unreachable.page.url).port}
          />
        ) : (
          <div
            ref={attach}
            className="composite-frame"
            data-neutral={image === null || undefined}
            style={{ inlineSize: width * scale, blockSize: height * scale }}
          >
            {image && <img className="composite-camera" src={image} alt="" />}
            <div
              className="composite-overlays"
              data-orientation={output.orientation}
              style={{ inlineSize: width, blockSize: height, transform: `scale(${scale})` }}
            >
              {embedded.map(({ page, url }) => (
                <iframe
                  key={page.id}
                  className="composite-layer"
                  data-testid="composite-page"
                  data-overlay={page.id}
                  title={page.sourceName}
                  src={url}
                  width={width}
                  height={height}
                  tabIndex={-1}
                />
              ))}
            </div>
          </div>
        )
      }
    </Stage>
  );
}

/** The live overlay state drawn by this device (it cannot load the overlay pages), with the reason. */
function ProgramFromState({
  output,
  camera,
  attach,
  host,
  port,
}: {
  output: Output;
  camera: string | null;
  attach: (el: HTMLElement | null) => void;
  host: string;
  port: string;
}) {
  const { t } = useTranslation('overlays');
  const { state } = useOverlayState();
  return (
    <>
      <p className="warning composite-note" role="status" data-testid="overlay-loopback-only">
        {t('overlays:previewUi.loopbackOnly', { host, port })}
      </p>
      {state && (
        <OverlayComposite
          state={state}
          orientation={output.orientation}
          scale={scaleOf(output.orientation)}
          ghost={false}
          camera={camera}
          frameRef={attach}
        />
      )}
    </>
  );
}

/** The scene a camera preset puts on program on this OBS (each OBS maps presets itself). */
function useCameraScene(obs: ObsConnection | null, preset: string): string | null {
  const api = useApi();
  const [cameras, setCameras] = useState<{ id: number; list: Camera[] } | null>(null);
  const id = obs?.id ?? null;
  useEffect(() => {
    if (id === null) return;
    let live = true;
    void api.obs
      .cameras({ instanceId: id })
      .then((r) => live && r.ok && setCameras({ id, list: r.value.cameras }));
    return () => {
      live = false;
    };
  }, [api, id]);
  if (id === null || preset === '' || cameras?.id !== id) return null;
  return cameras.list.find((c) => c.preset === preset)?.sceneName ?? null;
}
