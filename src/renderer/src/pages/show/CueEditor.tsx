import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cue, CueSettings } from '@shared/api/domains/showday';

/** The standby cue's overlays, countdown and talking points; saved on change. */
export function CueEditor({
  cue,
  onChange,
  onRole,
}: {
  cue: Cue;
  onChange: (patch: Partial<CueSettings>) => void;
  /** The slot's lower-third role (主播, 嘉宾, 县长 …); '' for the default. */
  onRole: (role: string) => void;
}) {
  const { t } = useTranslation('showday');
  const [role, setRole] = useState(cue.presenter.role);
  const s = cue.settings;
  const [points, setPoints] = useState(cue.talkingPoints);
  const [seconds, setSeconds] = useState(s.countdownSeconds === null ? '' : String(s.countdownSeconds));
  const toggle = (key: 'productCard' | 'ticker' | 'lowerThird', label: string) => (
    <label className="cue-toggle">
      <input
        type="checkbox"
        checked={s[key]}
        data-testid={`cue-${key}`}
        onChange={(e) => onChange({ [key]: e.target.checked })}
      />
      {label}
    </label>
  );
  return (
    <section className="cue-editor" data-testid="cue-editor" data-slot-id={cue.slotId}>
      <h3>{t('show.editCue')}</h3>
      <div className="cue-toggles">
        {toggle('productCard', t('overlay.product-card'))}
        {toggle('ticker', t('overlay.price-ticker'))}
        {toggle('lowerThird', t('overlay.lower-third'))}
      </div>
      <label className="field">
        <span>{t('shelf:onair2.presenterRole')}</span>
        <input
          value={role}
          maxLength={40}
          placeholder={t('shelf:onair2.roleDefault', { role: t(`shelf:onair2.kind.${cue.presenter.kind}`) })}
          data-testid="cue-role"
          onChange={(e) => setRole(e.target.value)}
          onBlur={() => role.trim() !== cue.presenter.role && onRole(role.trim())}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      </label>
      <label className="field">
        <span>{t('show.countdownSeconds')}</span>
        <input
          type="number"
          min={5}
          inputMode="numeric"
          value={seconds}
          data-testid="cue-countdown"
          onChange={(e) => setSeconds(e.target.value)}
          onBlur={() => onChange({ countdownSeconds: seconds.trim() === '' ? null : Number(seconds) })}
        />
      </label>
      <label className="field">
        <span>{t('show.talkingPoints')}</span>
        <textarea
          rows={4}
          value={points}
          data-testid="cue-talking-points"
          onChange={(e) => setPoints(e.target.value)}
          onBlur={() => points !== cue.talkingPoints && onChange({ talkingPoints: points })}
        />
      </label>
    </section>
  );
}
