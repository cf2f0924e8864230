import { useTranslation } from 'react-i18next';

const W = 600;
const H = 160;

/** GMV per minute as SVG bars (no chart library): the last `window` minutes, scaled to the highest. */
export function MinuteChart({
  minutes,
  window = 60,
}: {
  minutes: { minute: number; gmvFen: number }[];
  window?: number;
}) {
  const { t } = useTranslation('showday');
  const shown = minutes.slice(-window);
  const max = Math.max(1, ...shown.map((m) => m.gmvFen));
  const bar = W / Math.max(shown.length, 1);
  if (shown.length === 0) return null;
  const clock = (ms: number) =>
    new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return (
    <figure className="minute-chart" data-testid="minute-chart" data-bars={shown.length}>
      <figcaption>{t('dash.perMinute')}</figcaption>
      {/* Time runs left to right in every language, like a clock face. */}
      <svg viewBox={`0 0 ${W} ${H + 18}`} role="img" aria-label={t('dash.perMinute')} direction="ltr">
        {shown.map((m, i) => {
          const h = (m.gmvFen / max) * H;
          return (
            <rect key={m.minute} x={i * bar + 1} y={H - h} width={Math.max(1, bar - 2)} height={h}>
              <title>{`${clock(m.minute)} ¥${(m.gmvFen / 100).toFixed(2)}`}</title>
            </rect>
          );
        })}
        <line x1={0} x2={W} y1={H} y2={H} className="axis" />
        {shown.length > 0 && (
          <>
            <text x={0} y={H + 14}>
              {clock(shown[0]!.minute)}
            </text>
            <text x={W} y={H + 14} textAnchor="end">
              {clock(shown.at(-1)!.minute)}
            </text>
          </>
        )}
      </svg>
    </figure>
  );
}
