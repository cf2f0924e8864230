import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
// Tree-shaken ECharts: the core, one chart type, the components it uses, and the SVG renderer.
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { formatYuan, formatYuanCompact } from '@shared/format/money';
import { beijingClock } from '@shared/time/beijing';
import './minute-chart.css';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/**
 * GMV per minute (ECharts, SVG): time on the x axis in Beijing time, yuan on the y axis (万 in
 * Chinese). `big` is the event-hall palette and type size; the chart follows its box's size.
 */
export function MinuteChart({
  minutes,
  window = 60,
  big = false,
}: {
  minutes: { minute: number; gmvFen: number; units: number }[];
  window?: number;
  big?: boolean;
}) {
  const { t, i18n } = useTranslation('showday');
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [fontPx, setFontPx] = useState(14);
  const shown = useMemo(() => minutes.slice(-window), [minutes, window]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'svg' });
    chart.current = c;
    const observer = new ResizeObserver(() => {
      c.resize();
      // Labels follow the page's type size (the big screen scales it with the screen).
      setFontPx(parseFloat(getComputedStyle(el).fontSize) || 14);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const lang = i18n.language;
    const ink = big ? '#e8ecf3' : '#333';
    const grid = big ? '#2a3040' : '#ddd';
    const size = Math.round(big ? fontPx * 0.85 : Math.min(fontPx, 13));
    c.setOption(
      {
        animation: false,
        textStyle: { fontSize: size, color: ink },
        // Time runs left to right in every language, like a clock face.
        grid: { left: 8, right: 16, top: size, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => formatYuan(Number(v)),
        },
        xAxis: {
          type: 'category',
          data: shown.map((m) => beijingClock(m.minute)),
          axisLabel: { color: ink, fontSize: size, hideOverlap: true },
          axisLine: { lineStyle: { color: ink } },
          axisTick: { alignWithLabel: true },
        },
        yAxis: {
          type: 'value',
          splitNumber: 4,
          // Axis steps are round sums: no fen on them (`¥7,000`, `¥1.5万`).
          axisLabel: {
            color: ink,
            fontSize: size,
            formatter: (v: number) => formatYuanCompact(v, lang).replace(/\.00(?=万|亿|$)/, ''),
          },
          splitLine: { lineStyle: { color: grid } },
        },
        series: [
          {
            type: 'bar',
            name: t('dash.perMinute'),
            data: shown.map((m) => m.gmvFen),
            itemStyle: { color: big ? '#ff6b4a' : '#c0392b', borderRadius: [3, 3, 0, 0] },
            barMaxWidth: 48,
          },
        ],
      },
      { notMerge: true },
    );
  }, [shown, big, fontPx, i18n.language, t]);

  return (
    <figure className="minute-chart" data-testid="minute-chart" data-bars={shown.length}>
      <figcaption>{t('dash.perMinute')}</figcaption>
      {shown.length === 0 && <p className="muted">{t('dash.noData')}</p>}
      <div ref={box} className="minute-chart-box" role="img" aria-label={t('dash.perMinute')} dir="ltr" />
    </figure>
  );
}
