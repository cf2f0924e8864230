import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationInput } from '@shared/api/contract';
import type { Product } from '@shared/api/domains/shelf';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { useCoalesced } from '../../data/use-coalesced';

export type ShelfFilter = Omit<OperationInput<'shelf.search'>, 'offset' | 'limit'>;

const PAGE = 200;

/**
 * The shelf as a long list loaded in pages of 200 as the table scrolls to them, so 10,000 rows
 * never travel at once. Any filter change or `shelf.changed` drops the pages and reloads.
 */
export function useShelfRows(filter: ShelfFilter) {
  const api = useApi();
  const [counted, setCounted] = useState<{ key: string; total: number }>();
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, Product[]>());
  /** After a change, the previous pages stay on screen until their fresh copies arrive. */
  const stale = useRef(new Map<number, Product[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const wanted = useRef<[number, number]>([0, 0]);
  const key = JSON.stringify(filter);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page) || loading.current.has(page)) return;
      loading.current.add(page);
      const gen = generation.current;
      void api.shelf
        .search({ ...(JSON.parse(key) as ShelfFilter), offset: page * PAGE, limit: PAGE })
        .then((r) => {
          if (gen !== generation.current) return;
          loading.current.delete(page);
          if (!r.ok) return;
          pages.current.set(page, r.value.items);
          setCounted({ key, total: r.value.total });
          setVersion((v) => v + 1);
        });
    },
    [api, key],
  );

  /** Makes sure the rows from..to (inclusive) are loaded or on their way. */
  const ensureRange = useCallback(
    (from: number, to: number) => {
      wanted.current = [from, to];
      for (let p = Math.floor(from / PAGE); p <= Math.floor(Math.max(from, to) / PAGE); p++) load(p);
    },
    [load],
  );

  const reload = useCallback(() => {
    generation.current++;
    stale.current = pages.current;
    pages.current = new Map();
    loading.current = new Set();
    ensureRange(...wanted.current);
  }, [ensureRange]);

  useEffect(() => {
    reload();
    stale.current = new Map(); // another filter: the old rows are not these rows
  }, [reload]);
  useOnConnected(reload);
  const reloadSoon = useCoalesced(reload, 400);
  useStudioEvent('shelf.changed', reloadSoon);

  const rowAt = (i: number): Product | undefined => {
    const page = Math.floor(i / PAGE);
    return (pages.current.get(page) ?? stale.current.get(page))?.[i % PAGE];
  };
  const total = counted?.key === key ? counted.total : null;
  return { total, rowAt, ensureRange, reload };
}
