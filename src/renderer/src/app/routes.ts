/** Pages of the operator UI, in navigation order. Alt+1…9 jumps to the first nine. */
export const pages = [
  'show',
  'live',
  'rundown',
  'shelf',
  'orders',
  'dashboard',
  'report',
  'event',
  'obs',
  'overlays',
  'settings',
  'log',
] as const;
export type PageId = (typeof pages)[number];

export const isPageId = (v: string): v is PageId => (pages as readonly string[]).includes(v);

/** Where the console opens: the Show page (choose the show, then go live from there). */
export const landingPage: PageId = 'show';

export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '');
  return isPageId(id) ? id : landingPage;
}
