import { useState, type CSSProperties, type ReactNode } from 'react';
import { layoutForState, isShown, type Placement } from '@shared/overlay-layout';
import type { Orientation } from '@shared/overlay-layout/safe-area';
import type { OverlayId } from '@shared/overlays/overlay-ids';
import type { OverlayState } from '@shared/overlays/overlay-state';
import { Countdown } from './components/Countdown';
import { Leaderboard } from './components/Leaderboard';
import { LowerThird } from './components/LowerThird';
import { PriceTicker } from './components/PriceTicker';
import { ProductCard } from './components/ProductCard';
import { SalesCounter } from './components/SalesCounter';
import { Transition } from './Transition';

type Sections = Omit<OverlayState, 'rev'> & { rev?: number };

/**
 * Overlays on their transparent stage (1920×1080 landscape or 1080×1920 portrait), themed,
 * mirrored for right-to-left languages, each in the zone the shared layout gives it. An OBS
 * browser source draws one overlay (`ids` of one); the previews and the `all` page draw several.
 * Every page computes the same layout from the same state, so the sources never overlap.
 */
export function OverlayStage({
  ids,
  state,
  orientation = 'landscape',
  children,
}: {
  ids: readonly OverlayId[];
  state: Sections;
  orientation?: Orientation;
  /** Drawn over the overlays (the preview's platform ghost). */
  children?: ReactNode;
}) {
  const { theme, language } = state.look;
  const c = theme.colors;
  const layout = layoutForState(state, orientation);
  const style = {
    '--ov-panel': c.panel,
    '--ov-text': c.panelText,
    '--ov-accent': c.accent,
    '--ov-accent-text': c.accentText,
    '--ov-price': c.price,
    '--ov-muted': c.muted,
    '--ov-stamp': c.stamp,
    inlineSize: layout.stage.w,
    blockSize: layout.stage.h,
    fontFamily: theme.fontFamily,
  } as CSSProperties;
  return (
    <div
      className={`ov-stage ov-theme-${theme.id}`}
      style={style}
      lang={language}
      dir={language === 'ug' ? 'rtl' : 'ltr'}
      data-orientation={orientation}
      data-arrangement={layout.arrangement}
      data-scale={layout.scale.toFixed(3)}
    >
      {ids.map((id) => (
        <OverlaySlot key={id} id={id} state={state} placement={layout.placements[id]} />
      ))}
      {children}
    </div>
  );
}

/** One overlay page's stage (the OBS browser source of `id`). */
export function OverlayView({
  id,
  state,
  orientation,
}: {
  id: OverlayId;
  state: Sections;
  orientation?: Orientation;
}) {
  return <OverlayStage ids={[id]} state={state} orientation={orientation} />;
}

function OverlaySlot({ id, state, placement }: { id: OverlayId; state: Sections; placement?: Placement }) {
  // A hidden overlay keeps its last zone while its exit animation plays (derived during render).
  const [last, setLast] = useState<Placement | undefined>(placement);
  if (placement && !samePlacement(placement, last)) setLast(placement);
  const at = placement ?? last;
  const show = isShown(id, state) && placement !== undefined;
  let content: ReactNode = null;
  let key: string = id;
  switch (id) {
    case 'product-card': {
      const p = state.productCard.product;
      if (p) {
        key = `product-${p.id}`;
        content = <ProductCard product={p} />;
      }
      break;
    }
    case 'price-ticker':
      content = <PriceTicker items={state.ticker.items} width={at?.designW ?? 0} />;
      break;
    case 'countdown':
      content = <Countdown countdown={state.countdown} />;
      break;
    case 'sales-counter':
      content = <SalesCounter counter={state.salesCounter} />;
      break;
    case 'leaderboard':
      content = <Leaderboard board={state.leaderboard} />;
      break;
    case 'lower-third':
      key = `guest-${state.lowerThird.name}`;
      content = <LowerThird guest={state.lowerThird} />;
      break;
  }
  if (!at) return null;
  return (
    <div
      className="ov-slot"
      data-slot={id}
      style={{
        left: at.x,
        top: at.y,
        width: at.designW,
        height: at.designH,
        transform: at.scale === 1 ? undefined : `scale(${at.scale})`,
      }}
    >
      <Transition show={show} itemKey={key}>
        {content}
      </Transition>
    </div>
  );
}

const samePlacement = (a: Placement, b: Placement | undefined): boolean =>
  b !== undefined &&
  a.x === b.x &&
  a.y === b.y &&
  a.designW === b.designW &&
  a.designH === b.designH &&
  a.scale === b.scale;
