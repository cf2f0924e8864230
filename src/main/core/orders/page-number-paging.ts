import type { SyncedPlatform } from '@shared/api/domains/shelf';
import { PlatformError } from './platform-adapter';

/**
 * Page-number paging that checks itself (Douyin `page`, JD `page`, Taobao `page_no`).
 *
 * Page numbers index a list the platform re-sorts on every call. When an order already read
 * leaves the window between two pages (it was updated: its new update time lies after the
 * window, which ends in the past), every later order moves up one place, and the order that
 * crossed the page boundary is never returned. Such a departure shows as a smaller `total`: when
 * the total went down by d since the previous page, the last d places before this page now hold
 * orders not yet read, so paging steps back ceil(d / size) pages and goes on from there (the
 * orders read twice are absorbed by the idempotent upsert). An order that arrives late (the
 * platform indexes it after the drain began) only pushes orders down (read twice, none lost).
 *
 * Where the platform sends no total, paging ends on a short page and cannot check itself; the
 * overlapped pass and the create-time sweep are then the only backstop.
 *
 * The token is `<page>` or `<page>/<total>/<stepsBack>`; step-backs are bounded per window.
 */
export interface PageNumberState {
  page: number;
  /** The total the previous page reported, when the platform sends one. */
  total: number | undefined;
  stepsBack: number;
}

/** Step-backs per window before paging goes on regardless (each needs the total to fall). */
export const MAX_STEPS_BACK = 200;

export function readPageToken(
  platform: SyncedPlatform,
  token: string | null,
  first: number,
): PageNumberState {
  if (token === null) return { page: first, total: undefined, stepsBack: 0 };
  const m = /^(\d+)(?:\/(\d+)\/(\d+))?$/.exec(token);
  if (!m || Number(m[1]) < first)
    throw new PlatformError(platform, 'bad_request', `bad ${platform} page token ${JSON.stringify(token)}`);
  return {
    page: Number(m[1]),
    total: m[2] === undefined ? undefined : Number(m[2]),
    stepsBack: m[3] === undefined ? 0 : Number(m[3]),
  };
}

/**
 * The token after page `state.page` (first page number `first`) that held `count` orders and
 * reported `total` (undefined when the platform sent none). Null when the window is drained.
 */
export function nextPageToken(
  state: PageNumberState,
  first: number,
  size: number,
  count: number,
  total: number | undefined,
): string | null {
  const index = state.page - first;
  if (total === undefined) return count >= size ? String(state.page + 1) : null;
  const left = state.total === undefined ? 0 : state.total - total;
  if (left > 0 && state.stepsBack < MAX_STEPS_BACK) {
    const back = Math.max(0, index - Math.ceil(left / size));
    return `${first + back}/${total}/${state.stepsBack + 1}`;
  }
  return (index + 1) * size < total ? `${state.page + 1}/${total}/${state.stepsBack}` : null;
}
