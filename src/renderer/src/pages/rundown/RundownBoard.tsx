import { useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rundown, RundownEntry } from '@shared/api/domains/shelf';
import { formatFen } from '@shared/api/domains/shelf-money';

interface Props {
  rundown: Rundown;
  selectedId: number | null;
  onSelect(slotId: number): void;
  onMove(slotId: number, toPosition: number): void;
  onOnAir(slotId: number): void;
  onRemove(slot: RundownEntry): void;
}

/**
 * The rundown as a list the operator drags, or drives from the keyboard: ↑/↓ choose a slot,
 * Alt+↑/↓ move it, Enter puts it on air, Delete removes it (with undo).
 */
export function RundownBoard({ rundown, selectedId, onSelect, onMove, onOnAir, onRemove }: Props) {
  const { t } = useTranslation('shelf');
  const list = useRef<HTMLOListElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const slots = rundown.slots;
  const onAirId = rundown.show.onAirSlotId;
  // One slot is always reachable by Tab, even after the selected one was removed.
  const hasSelected = slots.some((s) => s.id === selectedId);

  // Keep keyboard focus on the selected slot when the order changes under it. A layout effect runs
  // in the commit itself: a passive effect could run late, after the next key already moved focus
  // and selection on, and pull focus (and, through onFocus, the selection) back to the old slot.
  useLayoutEffect(() => {
    if (selectedId === null || !list.current?.contains(document.activeElement)) return;
    list.current.querySelector<HTMLElement>(`[data-slot-id="${selectedId}"]`)?.focus();
  }, [rundown, selectedId]);

  const onKey = (e: KeyboardEvent, slot: RundownEntry, i: number) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const to = e.key === 'ArrowUp' ? i - 1 : i + 1;
      if (to >= 0 && to < slots.length) onMove(slot.id, to);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const next = slots[e.key === 'ArrowUp' ? i - 1 : i + 1];
      if (next) {
        onSelect(next.id);
        list.current?.querySelector<HTMLElement>(`[data-slot-id="${next.id}"]`)?.focus();
      }
    } else if (e.key === 'Enter') onOnAir(slot.id);
    else if (e.key === 'Delete') onRemove(slot);
    else return;
    e.preventDefault();
  };

  const dropIndex = (e: DragEvent, i: number) => {
    const box = e.currentTarget.getBoundingClientRect();
    return e.clientY > box.top + box.height / 2 ? i + 1 : i;
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    const id = dragging ?? Number(e.dataTransfer.getData('text/plain'));
    const from = slots.findIndex((s) => s.id === id);
    // Where it landed is read from the drop event itself: the last dragover's state may not have rendered yet.
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-slot-id]');
    const over = target ? slots.findIndex((s) => s.id === Number(target.dataset.slotId)) : slots.length - 1;
    const at = target
      ? e.clientY > target.getBoundingClientRect().top + target.offsetHeight / 2
        ? over + 1
        : over
      : dropAt;
    if (from >= 0 && at !== null && over >= 0) {
      const to = at > from ? at - 1 : at;
      if (to !== from) onMove(id, to);
    }
    setDragging(null);
    setDropAt(null);
  };

  return (
    <ol
      ref={list}
      className="rundown-board"
      aria-label={t('rundown.boardLabel')}
      data-testid="rundown-board"
      onDragOver={(e) => e.preventDefault()}
      onDrop={drop}
    >
      {slots.map((slot, i) => {
        const price = slot.livePriceOverrideFen ?? slot.product.livePriceFen;
        return (
          <li
            key={slot.id}
            data-slot-id={slot.id}
            data-testid="rundown-slot"
            tabIndex={slot.id === selectedId || (!hasSelected && i === 0) ? 0 : -1}
            draggable
            aria-selected={slot.id === selectedId}
            aria-current={slot.id === onAirId ? 'true' : undefined}
            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Enter Delete"
            className={[
              'rundown-slot',
              slot.id === onAirId ? 'is-on-air' : '',
              slot.id === selectedId ? 'is-selected' : '',
              dropAt === i ? 'drop-before' : '',
              dropAt === i + 1 && i === slots.length - 1 ? 'drop-after' : '',
            ].join(' ')}
            onClick={() => onSelect(slot.id)}
            onFocus={() => onSelect(slot.id)}
            onKeyDown={(e) => onKey(e, slot, i)}
            onDragStart={(e) => {
              e.dataTransfer.setData('text/plain', String(slot.id));
              e.dataTransfer.effectAllowed = 'move';
              setDragging(slot.id);
            }}
            onDragOver={(e) => {
              e.preventDefault();
              setDropAt(dropIndex(e, i));
            }}
            onDragEnd={() => {
              setDragging(null);
              setDropAt(null);
            }}
          >
            <span className="slot-pos">{i + 1}</span>
            <span className="slot-main">
              <strong data-testid="rundown-slot-name">{slot.product.nameZh}</strong>
              <small>
                {[slot.product.originCity, slot.product.originCounty, slot.product.specification]
                  .filter(Boolean)
                  .join(' · ')}
              </small>
            </span>
            <span className="slot-presenter">
              {slot.presenterName}
              {slot.presenterTitle && (
                <small>{[slot.presenterCounty, slot.presenterTitle].filter(Boolean).join(' ')}</small>
              )}
            </span>
            <span className="slot-links">
              {slot.listings
                .filter((l) => l.cartLinkNo !== null)
                .map((l) => (
                  <span key={l.id} className="link-badge">
                    {t('rundown.cartLink', { platform: t(`platform.${l.platform}`), n: l.cartLinkNo })}
                  </span>
                ))}
            </span>
            <span className="slot-price" dir="ltr">
              {formatFen(price)}
            </span>
            <span className="slot-time">
              {t('rundown.minutes', { count: Math.round(slot.plannedSeconds / 60) })}
            </span>
            {slot.id === onAirId ? (
              <span className="on-air-marker" data-testid="on-air-marker">
                {t('rundown.onAir')}
              </span>
            ) : (
              <button type="button" className="slot-go" tabIndex={-1} onClick={() => onOnAir(slot.id)}>
                {t('rundown.putOnAir')}
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
