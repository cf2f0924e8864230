import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '@shared/api/domains/shelf-money';
import type { Product } from '@shared/api/domains/shelf';

export const ROW_HEIGHT = 40;
const OVERSCAN = 8;

interface Props {
  total: number;
  rowAt(i: number): Product | undefined;
  ensureRange(from: number, to: number): void;
  selected: ReadonlySet<number>;
  onToggle(id: number, on: boolean): void;
  onOpen(product: Product): void;
}

/**
 * The shelf table, windowed: only the rows in view (plus a few) exist in the DOM, positioned in a
 * spacer as tall as all rows, so scrolling 10,000 products costs what scrolling 30 does.
 */
export function ProductTable({ total, rowAt, ensureRange, selected, onToggle, onOpen }: Props) {
  const { t } = useTranslation('shelf');
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const [focus, setFocus] = useState(0);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => ensureRange(first, Math.max(first, last)), [first, last, ensureRange]);

  const moveFocus = (to: number) => {
    const i = Math.max(0, Math.min(total - 1, to));
    setFocus(i);
    const el = scroller.current;
    if (!el) return;
    if (i * ROW_HEIGHT < el.scrollTop) el.scrollTop = i * ROW_HEIGHT;
    else if ((i + 1) * ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = (i + 1) * ROW_HEIGHT - el.clientHeight;
    // Focus now when the row is drawn (overscan keeps neighbours drawn), so a key pressed right
    // after lands on it; a row far away is drawn after the scroll, so it is focused a frame later.
    const row = () => el.querySelector<HTMLElement>(`[data-index="${i}"]`);
    const now = row();
    if (now) now.focus();
    else requestAnimationFrame(() => row()?.focus());
  };
  const onKey = (e: KeyboardEvent, i: number, p: Product | undefined) => {
    if (e.key === 'ArrowDown') moveFocus(i + 1);
    else if (e.key === 'ArrowUp') moveFocus(i - 1);
    else if (e.key === 'PageDown') moveFocus(i + Math.floor(view.height / ROW_HEIGHT));
    else if (e.key === 'PageUp') moveFocus(i - Math.floor(view.height / ROW_HEIGHT));
    else if (e.key === 'Enter' && p) onOpen(p);
    else if (e.key === ' ' && p) onToggle(p.id, !selected.has(p.id));
    else return;
    e.preventDefault();
  };

  const rows = [];
  for (let i = first; i <= last; i++) {
    const p = rowAt(i);
    rows.push(
      <div
        key={i}
        role="row"
        className={`shelf-row${p?.status === 'archived' ? ' is-archived' : ''}${p && selected.has(p.id) ? ' is-selected' : ''}`}
        style={{ insetBlockStart: i * ROW_HEIGHT, blockSize: ROW_HEIGHT }}
        tabIndex={i === focus ? 0 : -1}
        data-index={i}
        data-testid={p ? 'shelf-row' : 'shelf-row-loading'}
        aria-rowindex={i + 2}
        onKeyDown={(e) => onKey(e, i, p)}
        onFocus={() => setFocus(i)}
        onDoubleClick={() => p && onOpen(p)}
      >
        {p ? (
          <>
            <span role="gridcell" className="cell-check">
              <input
                type="checkbox"
                tabIndex={-1}
                aria-label={t('table.select', { name: p.nameZh })}
                checked={selected.has(p.id)}
                onChange={(e) => onToggle(p.id, e.target.checked)}
              />
            </span>
            <span role="gridcell" className="cell-name">
              <button
                type="button"
                className="link"
                tabIndex={-1}
                onClick={() => onOpen(p)}
                data-testid="shelf-row-name"
              >
                {p.nameZh}
              </button>
              {p.nameEn && <small dir="ltr">{p.nameEn}</small>}
            </span>
            <span role="gridcell">{[p.originCity, p.originCounty].filter(Boolean).join(' · ')}</span>
            <span role="gridcell">{p.category}</span>
            <span role="gridcell">{p.specification}</span>
            <span role="gridcell" className="cell-money" dir="ltr">
              {formatFen(p.livePriceFen)}
            </span>
            <span role="gridcell" className="cell-money muted" dir="ltr">
              {formatFen(p.listPriceFen)}
            </span>
            <span role="gridcell" className={`cell-num${p.stock === 0 ? ' is-out' : ''}`}>
              {p.stock}
            </span>
            <span role="gridcell">
              <span className={`status status-${p.status}`}>{t(`status.${p.status}`)}</span>
            </span>
          </>
        ) : (
          <span role="gridcell" className="cell-loading">
            {t('table.loadingRow')}
          </span>
        )}
      </div>,
    );
  }

  return (
    <div className="shelf-table" role="grid" aria-rowcount={total + 1} data-testid="shelf-table">
      <div role="row" className="shelf-row shelf-head" aria-rowindex={1}>
        <span role="columnheader" className="cell-check" />
        <span role="columnheader">{t('field.nameZh')}</span>
        <span role="columnheader">{t('table.origin')}</span>
        <span role="columnheader">{t('field.category')}</span>
        <span role="columnheader">{t('field.specification')}</span>
        <span role="columnheader">{t('field.livePrice')}</span>
        <span role="columnheader">{t('field.listPrice')}</span>
        <span role="columnheader">{t('field.stock')}</span>
        <span role="columnheader">{t('field.status')}</span>
      </div>
      <div
        ref={scroller}
        className="shelf-scroll"
        onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        <div className="shelf-spacer" style={{ blockSize: total * ROW_HEIGHT }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
