import { useEffect, useLayoutEffect, useRef } from 'react';
import { localName } from '@shared/overlays/overlay-ids';
import type { TickerItem } from '@shared/overlays/overlay-state';
import { useOverlayEnv } from '../overlay-env';
import { yuan } from '../overlay-text';

const PX_PER_SECOND = 120;

/**
 * A scrolling strip of products with live prices. One animation loop moves the strip at a constant
 * speed; a changed list keeps the current offset, so the strip never jumps back to the start.
 */
export function PriceTicker({ items, width }: { items: TickerItem[]; width: number }) {
  const { t, language, still } = useOverlayEnv();
  const track = useRef<HTMLDivElement>(null);
  const copy = useRef<HTMLDivElement>(null);
  const offset = useRef(0);
  const rtl = language === 'ug';

  useLayoutEffect(() => {
    // A shorter list: wrap the offset into the new length instead of restarting.
    const width = copy.current?.offsetWidth ?? 0;
    if (width > 0) offset.current %= width;
  }, [items]);

  useEffect(() => {
    if (still) return;
    let last = performance.now();
    let frame = 0;
    const step = (now: number) => {
      const width = copy.current?.offsetWidth ?? 0;
      offset.current = width > 0 ? (offset.current + ((now - last) / 1000) * PX_PER_SECOND) % width : 0;
      last = now;
      if (track.current)
        track.current.style.transform = `translateX(${rtl ? offset.current : -offset.current}px)`;
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [still, rtl]);

  const row = (copyKey: string) =>
    items.map((i) => (
      <span key={`${copyKey}${i.id}`} className="ov-ticker-item" data-sold-out={i.soldOut || undefined}>
        <span className="ov-ticker-name">{localName(i.name, language)}</span>
        <span className="ov-ticker-price" dir="ltr">
          {yuan(i.livePriceFen)}
        </span>
        {i.soldOut && <span className="ov-ticker-soldout">{t('soldOut')}</span>}
      </span>
    ));

  return (
    <div className="ov-panel ov-ticker" data-overlay="price-ticker" data-testid="price-ticker">
      <div className="ov-ticker-window">
        <div className="ov-ticker-track" ref={track}>
          <div className="ov-ticker-copy" ref={copy} style={{ minInlineSize: width }}>
            {row('a')}
          </div>
          {/* A second copy fills the gap as the first scrolls out: seamless at any length. */}
          <div className="ov-ticker-copy" aria-hidden="true" style={{ minInlineSize: width }}>
            {row('b')}
          </div>
        </div>
      </div>
    </div>
  );
}
