/** Pages of the operator UI, in navigation order. Alt+1…8 jumps to them. */
export const pages = ['shelf', 'rundown', 'live', 'orders', 'obs', 'overlays', 'settings', 'log'] as const;
export type PageId = (typeof pages)[number];

export const isPageId = (v: string): v is PageId => (pages as readonly string[]).includes(v);

export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '');
  return isPageId(id) ? id : 'live';
}
