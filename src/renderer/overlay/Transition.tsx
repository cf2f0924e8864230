import { useEffect, useState, type ReactNode } from 'react';
import { useOverlayEnv } from './overlay-env';

export const EXIT_MS = 450;

interface Entry {
  key: string;
  node: ReactNode;
  leaving: boolean;
}

/**
 * Enter and exit animations: the shown child enters; a hidden or replaced one stays mounted with
 * `data-leaving` for its exit animation, so a product swap plays out and then the old card goes.
 */
export function Transition({
  show,
  itemKey,
  children,
}: {
  show: boolean;
  itemKey: string;
  children: ReactNode;
}) {
  const { still } = useOverlayEnv();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [prev, setPrev] = useState<{ show: boolean; itemKey: string; children: ReactNode } | null>(null);

  // Derived during render (no effect lag): one frame is all it takes to put a product up.
  if (!prev || prev.show !== show || prev.itemKey !== itemKey || prev.children !== children) {
    setPrev({ show, itemKey, children });
    setEntries((old) => {
      // Only the newest outgoing item keeps its exit animation: rapid swaps never pile up cards.
      const outgoing = old.filter((e) => e.key !== itemKey).slice(-1);
      const keep = [
        ...outgoing.map((e) => ({ ...e, leaving: true })),
        ...old.filter((e) => e.key === itemKey),
      ];
      const out = still ? keep.filter((e) => !e.leaving) : keep;
      // Hidden: the item leaves (at once in still mode, where nothing animates).
      if (!show) return still ? [] : out.map((e) => ({ ...e, leaving: true }));
      const current = { key: itemKey, node: children, leaving: false };
      return out.some((e) => e.key === itemKey)
        ? out.map((e) => (e.key === itemKey ? current : e))
        : [...out, current];
    });
  }

  const leaving = entries.some((e) => e.leaving);
  useEffect(() => {
    if (!leaving) return;
    const timer = setTimeout(() => setEntries((old) => old.filter((e) => !e.leaving)), EXIT_MS);
    return () => clearTimeout(timer);
  }, [leaving, entries]);

  return (
    <>
      {entries.map((e) => (
        <div key={e.key} className="ov-transition" data-leaving={e.leaving || undefined}>
          {e.node}
        </div>
      ))}
    </>
  );
}
