import { createHash, timingSafeEqual } from 'node:crypto';
import {
  idField,
  isObject,
  optionalStringField,
  parseLossless,
  stringField,
} from '../platforms/common/lossless-json';
import { PushRejected, type RefetchRequest } from './push-event';

/** The reply Douyin expects for a delivered batch (M). */
export const DOUYIN_ACK = '{"code":0,"msg":"success"}';

/** Where a Douyin message's `data` names the order: `p_id` (parent order) (M), `order_id` as fallback. */
export const DOUYIN_ORDER_ID_FIELDS = ['p_id', 'order_id'] as const;

/** event-sign = MD5(app_key + rawBody + app_secret), hex (M). */
export function douyinPushSign(appKey: string, rawBody: Buffer, appSecret: string): string {
  return createHash('md5')
    .update(Buffer.concat([Buffer.from(appKey, 'utf8'), rawBody, Buffer.from(appSecret, 'utf8')]))
    .digest('hex');
}

/** Checks headers `app-id` and `event-sign` against the shop's app; throws PushRejected. */
export function verifyDouyinPush(
  headers: { appId: string | undefined; eventSign: string | undefined },
  rawBody: Buffer,
  app: { appKey: string; appSecret: string },
): void {
  if (headers.appId !== app.appKey) throw new PushRejected('unknown_app', 'Douyin push for another app-id');
  const expected = Buffer.from(douyinPushSign(app.appKey, rawBody, app.appSecret), 'utf8');
  const given = Buffer.from((headers.eventSign ?? '').toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new PushRejected('bad_signature', 'Douyin push event-sign does not match');
}

/**
 * A verified body (a JSON array of {tag, msg_id, data}) → re-fetches. Messages whose data names
 * no order (e.g. product or test messages) are acknowledged and produce nothing.
 */
export function parseDouyinPush(rawBody: Buffer, shopId: string): RefetchRequest[] {
  let list: unknown;
  try {
    list = parseLossless(rawBody.toString('utf8'));
  } catch {
    throw new PushRejected('bad_body', 'Douyin push body is not JSON');
  }
  if (!Array.isArray(list)) throw new PushRejected('bad_body', 'Douyin push body is not an array');
  const out: RefetchRequest[] = [];
  for (const m of list) {
    if (!isObject(m)) throw new PushRejected('bad_body', 'Douyin push message is not an object');
    try {
      const eventId = idField(m, 'msg_id');
      const tag = stringField(m, 'tag');
      const dataText = optionalStringField(m, 'data');
      const data = dataText === undefined ? undefined : parseLossless(dataText);
      const field = isObject(data) ? DOUYIN_ORDER_ID_FIELDS.find((f) => data[f] !== undefined) : undefined;
      if (!isObject(data) || field === undefined) continue;
      out.push({ platform: 'douyin', shopId, orderId: idField(data, field), eventId, event: tag });
    } catch (err) {
      throw new PushRejected('bad_body', `Douyin push message: ${(err as Error).message}`);
    }
  }
  return out;
}
