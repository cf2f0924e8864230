import type { CSSProperties, ReactNode } from 'react';
import type { OverlayId, OverlayState } from '@shared/overlays/overlay-state';
import { Countdown } from './components/Countdown';
import { Leaderboard } from './components/Leaderboard';
import { LowerThird } from './components/LowerThird';
import { PriceTicker } from './components/PriceTicker';
import { ProductCard } from './components/ProductCard';
import { SalesCounter } from './components/SalesCounter';
import { Transition } from './Transition';

/** One overlay on its 1920×1080 transparent stage, themed, mirrored for right-to-left languages. */
export function OverlayView({ id, state }: { id: OverlayId; state: OverlayState }) {
  const { theme, language } = state.look;
  const c = theme.colors;
  const style = {
    '--ov-panel': c.panel,
    '--ov-text': c.panelText,
    '--ov-accent': c.accent,
    '--ov-accent-text': c.accentText,
    '--ov-price': c.price,
    '--ov-muted': c.muted,
    '--ov-stamp': c.stamp,
    '--ov-safe-block': `${theme.safeMargin.block}px`,
    '--ov-safe-inline': `${theme.safeMargin.inline}px`,
    fontFamily: theme.fontFamily,
  } as CSSProperties;
  let content: ReactNode = null;
  let corner = '';
  let show = false;
  let key: string = id;
  switch (id) {
    case 'product-card': {
      const p = state.productCard.product;
      show = state.productCard.visible && p !== null;
      corner = theme.corners.productCard;
      if (p) {
        key = `product-${p.id}`;
        content = <ProductCard product={p} />;
      }
      break;
    }
    case 'price-ticker':
      show = state.ticker.visible && state.ticker.items.length > 0;
      corner = 'ticker';
      content = <PriceTicker items={state.ticker.items} />;
      break;
    case 'countdown':
      show = state.countdown.visible && state.countdown.status !== 'idle';
      corner = theme.corners.countdown;
      content = <Countdown countdown={state.countdown} />;
      break;
    case 'sales-counter':
      show = state.salesCounter.visible;
      corner = theme.corners.salesCounter;
      content = <SalesCounter counter={state.salesCounter} />;
      break;
    case 'leaderboard':
      show = state.leaderboard.visible;
      corner = theme.corners.leaderboard;
      content = <Leaderboard board={state.leaderboard} />;
      break;
    case 'lower-third':
      show = state.lowerThird.visible && state.lowerThird.name !== '';
      corner = 'lower-third';
      key = `guest-${state.lowerThird.name}`;
      content = <LowerThird guest={state.lowerThird} />;
      break;
  }
  return (
    <div
      className={`ov-stage ov-theme-${theme.id}`}
      style={style}
      lang={language}
      dir={language === 'ug' ? 'rtl' : 'ltr'}
      data-overlay={id}
    >
      <div className={`ov-slot ov-at-${corner}`}>
        <Transition show={show} itemKey={key}>
          {content}
        </Transition>
      </div>
    </div>
  );
}
