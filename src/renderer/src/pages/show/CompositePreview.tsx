import { useEffect, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { stageSize, type Camera, type ObsConnection, type Orientation } from '@shared/api/domains/obs';
import type { OverlayPageSchema } from '@shared/api/domains/overlays';
import type { CuePlan, ShowState } from '@shared/api/domains/showday';
import { overlayIds } from '@shared/overlays/overlay-state';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { OverlayEnvProvider } from '../../../overlay/overlay-env';
import { screenTextFor } from '../../../overlay/overlay-text';
import { OverlayView } from '../../../overlay/OverlayView';
import '../../../overlay/overlay.css';
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
  const load = () => {
    void api.obs.connections({}).then((r) => r.ok && setObs(r.value.connections));
    void api.overlays.pages({}).then((r) => r.ok && setPages(r.value));
  };
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
          <ProgramComposite output={out} pages={pages} />
        </div>
      ))}
    </div>
  );
}

/** The stage: the OBS picture (or a neutral background) with the overlay layer on top, scaled. */
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
  children: ReactNode;
}) {
  const { t } = useTranslation('obs');
  const { width, height } = stageSize(output.orientation);
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
          {children}
        </div>
      </div>
      {image === null && <p className="muted composite-note">{t('obsOrient.preview.neutral')}</p>}
    </figure>
  );
}

/** What GO will do: the cue's camera scene on this OBS, the overlays as the cue sets them. */
function StandbyComposite({ output, plan }: { output: Output; plan: CuePlan }) {
  const { t } = useTranslation('obs');
  const scene = useCameraScene(output.obs, plan.cue.cameraPreset);
  const state = plan.overlayPreview;
  const language = state.look.language;
  return (
    <Stage output={output} kind="standby" sceneName={scene} title={t('obsOrient.preview.standby')}>
      <OverlayEnvProvider
        value={{
          language,
          t: screenTextFor(language),
          still: true,
          clockOffset: 0,
          logo: state.look.theme.logoText,
          imageUrl: () => null,
        }}
      >
        {overlayIds.map((id) => (
          <div key={id} className="composite-layer">
            <OverlayView id={id} state={state} />
          </div>
        ))}
      </OverlayEnvProvider>
    </Stage>
  );
}

/** On air now: OBS's program with the overlay pages themselves (the layout OBS loads), live. */
function ProgramComposite({ output, pages }: { output: Output; pages: OverlayPage[] }) {
  const { t } = useTranslation('obs');
  const { width, height } = stageSize(output.orientation);
  return (
    <Stage output={output} kind="program" sceneName={undefined} title={t('obsOrient.preview.program')}>
      {pages.map((p) => {
        const url = new URL(p.url);
        url.searchParams.set('orientation', output.orientation);
        url.searchParams.set('viewer', 'preview');
        return (
          <iframe
            key={p.id}
            className="composite-layer"
            data-testid="composite-page"
            data-overlay={p.id}
            title={p.sourceName}
            src={url.toString()}
            width={width}
            height={height}
            tabIndex={-1}
          />
        );
      })}
    </Stage>
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
