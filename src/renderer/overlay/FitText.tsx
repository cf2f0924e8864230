import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * Text that must fit its box (a long product name, a long Uyghur title): wraps up to `lines`, then
 * shrinks step by step down to `min` px rather than overflow. With `fill` the box is the element's
 * own height (given by its layout zone), whatever the number of lines.
 */
export function FitText({
  children,
  max,
  min,
  lines = 2,
  fill = false,
  className,
  testId,
  dir,
}: {
  children: ReactNode;
  max: number;
  min: number;
  lines?: number;
  fill?: boolean;
  className?: string;
  testId?: string;
  dir?: 'ltr' | 'rtl';
}) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let size = max;
    el.style.fontSize = `${size}px`;
    // Glyphs of CJK and Arabic-script fonts overhang the 1.25 line box a little: allow for that,
    // but not for one more line.
    const tooBig = () =>
      (fill ? el.scrollHeight > el.clientHeight + 1 : el.scrollHeight > size * (1.25 * lines + 0.4)) ||
      el.scrollWidth > el.clientWidth + 1;
    while (size > min && tooBig()) {
      size -= 2;
      el.style.fontSize = `${size}px`;
    }
  }, [children, max, min, lines, fill]);
  return (
    <div
      ref={ref}
      className={`ov-fit ${className ?? ''}`}
      // Never taller than its lines, even at `min` (then the rest is cut, inside the overlay's box).
      style={fill ? undefined : { maxBlockSize: `${1.25 * lines + 0.4}em` }}
      data-testid={testId}
      dir={dir}
    >
      {children}
    </div>
  );
}
