import { useCallback, useEffect, useState } from 'react';
import { pageFromHash, pages, type PageId } from './routes';

/** Hash-based page state (`#/shelf`), so reload and the browser's back button keep the page. */
export function usePage(): [PageId, (p: PageId) => void] {
  const [page, setPage] = useState<PageId>(() => pageFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setPage(pageFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((p: PageId) => {
    location.hash = `#/${p}`;
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const index = Number(e.key) - 1;
      const target = pages[index];
      if (target) {
        e.preventDefault();
        go(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
  return [page, go];
}
