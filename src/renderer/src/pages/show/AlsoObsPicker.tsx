import { useTranslation } from 'react-i18next';
import type { ObsConnection } from '@shared/api/domains/obs';
import type { ObsOutcome, ShowState } from '@shared/api/domains/showday';

/** The other OBS every GO drives next to the main one (e.g. the portrait instance). */
export function AlsoObsPicker({
  obs,
  state,
  disabled,
  onChange,
}: {
  obs: ObsConnection[];
  state: ShowState;
  disabled: boolean;
  onChange: (also: number[]) => void;
}) {
  const { t } = useTranslation('obs');
  const others = obs.filter((o) => o.id !== state.obsInstanceId);
  if (others.length === 0) return null;
  const also = new Set(state.alsoObsInstanceIds);
  return (
    <fieldset className="field also-obs" data-testid="show-also-obs" title={t('obsOrient.alsoObsHint')}>
      <legend>{t('obsOrient.alsoObs')}</legend>
      {others.map((o) => (
        <label key={o.id} className="field-inline">
          <input
            type="checkbox"
            data-testid={`show-also-obs-${o.id}`}
            disabled={disabled}
            checked={also.has(o.id)}
            onChange={(e) => {
              const next = new Set(also);
              if (e.target.checked) next.add(o.id);
              else next.delete(o.id);
              onChange([...next]);
            }}
          />{' '}
          {o.name} · {t(`obsOrient.${o.orientation}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** After a GO on several OBS: what each one has on program now (or why it did not switch). */
export function GoPrograms({ outcome }: { outcome: ObsOutcome }) {
  const { t } = useTranslation('obs');
  if (!outcome.instances) return null;
  return (
    <ul className="go-programs" data-testid="go-programs">
      <li className="muted">{t('obsOrient.goPrograms')}</li>
      {outcome.instances.map((i) => (
        <li
          key={i.instanceId}
          data-obs={i.state}
          data-orientation={i.orientation}
          data-program={i.program ?? ''}
        >
          {t('obsOrient.goProgram', {
            name: i.name,
            orientation: t(`obsOrient.${i.orientation}`),
            program: i.key ? t(i.key, i.params) : (i.program ?? '—'),
          })}
        </li>
      ))}
    </ul>
  );
}
