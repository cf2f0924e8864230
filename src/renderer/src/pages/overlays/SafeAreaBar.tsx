import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutForState, safeAreaOf } from '@shared/overlay-layout';
import {
  presetFor,
  presetsOf,
  safeAreaOfPreset,
  type Insets,
  type Orientation,
  type PlatformPresetId,
} from '@shared/overlay-layout/safe-area';
import type { ApiError } from '@shared/api/errors';
import type { OverlayState } from '@shared/overlays/overlay-state';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { OverlayComposite } from '../../components/OverlayComposite';
import type { useOverlayState } from '../../data/use-overlay-state';

type Run = ReturnType<typeof useOverlayState>['run'];

const sides = ['top', 'right', 'bottom', 'left'] as const;
const pct = (f: number) => Math.round(f * 1000) / 10;

/** The form's inputs behind a figure the core refused (`params.field` of `safeAreaRange`). */
const inputsOfField: Record<string, string[]> = {
  top: ['top'],
  right: ['right'],
  bottom: ['bottom'],
  left: ['left'],
  topBottom: ['top', 'bottom'],
  leftRight: ['left', 'right'],
  anchorWidth: ['anchorWidth'],
  anchorTop: ['anchorTop'],
};

/**
 * The program as it goes out, per orientation, with the platform's UI as a ghost; and the show's
 * safe area for that orientation: a platform preset, its insets and (landscape) the anchor kept
 * clear, editable and applied to every overlay page at once.
 */
export function SafeAreaBar({ state, run }: { state: OverlayState; run: Run }) {
  const { t } = useTranslation('overlays');
  const api = useApi();
  const [orientation, setOrientation] = useState<Orientation>('landscape');
  const [ghost, setGhost] = useState(true);
  // A refusal is shown here, by the figures it names (the typed values stay in the form).
  const [error, setError] = useState<ApiError | null>(null);
  const invalid =
    error?.params?.orientation === orientation ? (inputsOfField[String(error.params.field)] ?? []) : [];
  const area = safeAreaOf(state, orientation);
  const showId = state.look.showId;
  const layout = layoutForState(state, orientation);
  const apply = (preset: PlatformPresetId, insets?: Insets, anchor?: { width: number; top: number } | null) =>
    void run(
      () =>
        api.overlays.setSafeArea({
          showId,
          orientation,
          preset,
          ...(insets ? { insets } : {}),
          ...(anchor !== undefined ? { anchor } : {}),
        }),
      { onError: setError },
    );
  return (
    <section className="ovp-program" data-testid="overlay-program">
      <header className="ovp-card-head">
        <h2>{t('overlayLayout.preview')}</h2>
        {layout.scale < 0.999 && (
          <span className="ovp-hint" data-testid="layout-scaled">
            {t('overlayLayout.scaled', { percent: Math.round(layout.scale * 100) })}
          </span>
        )}
      </header>
      <p className="ovp-hint">{t('overlayLayout.previewHint')}</p>
      <div className="ovp-look">
        <label>
          <select
            value={orientation}
            data-testid="layout-orientation"
            onChange={(e) => {
              setOrientation(e.target.value as Orientation);
              setError(null);
            }}
          >
            <option value="landscape">{t('overlayLayout.orientation.landscape')}</option>
            <option value="portrait">{t('overlayLayout.orientation.portrait')}</option>
          </select>
        </label>
        <label>
          {t('overlayLayout.platform')} ({showId ? t('overlayLayout.forShow') : t('overlayLayout.forDefault')}
          )
          <select
            value={area.preset}
            data-testid="layout-preset"
            onChange={(e) => apply(e.target.value as PlatformPresetId)}
          >
            {presetsOf(orientation).map((p) => (
              <option key={p.id} value={p.id}>
                {t(`overlayLayout.preset.${p.id}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={ghost}
            data-testid="layout-ghost"
            onChange={(e) => setGhost(e.target.checked)}
          />
          {t('overlayLayout.showGhost')}
        </label>
      </div>
      <InsetsForm
        key={`${orientation}:${JSON.stringify(area)}`}
        orientation={orientation}
        insets={area.insets}
        anchor={area.anchor}
        invalid={invalid}
        onApply={(insets, anchor) => apply(area.preset, insets, anchor)}
        onReset={() => {
          const p = presetFor(orientation, area.preset);
          if (p) {
            const fresh = safeAreaOfPreset(p);
            apply(area.preset, fresh.insets, fresh.anchor);
          }
        }}
      />
      {error && <ApiErrorText error={error} />}
      <OverlayComposite
        state={state}
        orientation={orientation}
        scale={orientation === 'portrait' ? 0.3 : 0.37}
        ghost={ghost}
      />
    </section>
  );
}

function InsetsForm({
  orientation,
  insets,
  anchor,
  invalid,
  onApply,
  onReset,
}: {
  orientation: Orientation;
  insets: Insets;
  anchor: { width: number; top: number } | null;
  /** Inputs holding a figure the studio refused. */
  invalid: string[];
  onApply: (insets: Insets, anchor: { width: number; top: number } | null) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation('overlays');
  const [draft, setDraft] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(sides.map((s) => [s, String(pct(insets[s]))])),
    anchorWidth: anchor ? String(pct(anchor.width)) : '',
    anchorTop: anchor ? String(pct(anchor.top)) : '',
  }));
  const num = (k: string) => Number(draft[k] ?? 0) / 100;
  const submit = () => {
    const next: Insets = { top: num('top'), right: num('right'), bottom: num('bottom'), left: num('left') };
    const a =
      orientation === 'landscape' && draft.anchorWidth !== '' && Number(draft.anchorWidth) > 0
        ? { width: num('anchorWidth'), top: num('anchorTop') }
        : null;
    onApply(next, a);
  };
  const field = (k: string, label: string) => (
    <label key={k}>
      {label}
      <input
        type="number"
        min={0}
        max={45}
        step={0.5}
        value={draft[k]}
        data-testid={`layout-${k}`}
        aria-invalid={invalid.includes(k) || undefined}
        style={{ inlineSize: '5em' }}
        onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))}
      />
    </label>
  );
  return (
    <form
      className="ovp-look"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <span>{t('overlayLayout.insets')}</span>
      {sides.map((s) => field(s, t(`overlayLayout.${s}`)))}
      {orientation === 'landscape' && field('anchorWidth', t('overlayLayout.anchorWidth'))}
      {orientation === 'landscape' && field('anchorTop', t('overlayLayout.anchorTop'))}
      <button type="submit" data-testid="layout-apply">
        {t('overlayLayout.apply')}
      </button>
      <button type="button" onClick={onReset}>
        {t('overlayLayout.reset')}
      </button>
    </form>
  );
}
