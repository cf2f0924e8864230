import { describe, expect, it } from 'vitest';
import { douyinPushSign, parseDouyinPush, verifyDouyinPush } from './douyin-push';
import { PushRejected } from './push-event';

const BODY = Buffer.from(
  '[{"tag":"101","msg_id":"7000000000000000001","data":"{\\"p_id\\":6900000000000000123,\\"s_ids\\":[6900000000000000124],\\"shop_id\\":4463798,\\"order_status\\":105}"}]',
  'utf8',
);
const APP = { appKey: 'dyappkey', appSecret: 'dysecret' };

const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof PushRejected) return err.reason;
    throw err;
  }
  return 'accepted';
};

describe('Douyin push', () => {
  it('signs MD5(app_key + raw body + app_secret), vector from md5sum', () => {
    // printf '%s' 'dyappkey<body>dysecret' | md5sum
    expect(douyinPushSign('dyappkey', BODY, 'dysecret')).toBe('3c6e483353c005fa03be0b7c3eb146a7');
  });

  it('accepts the right app-id and event-sign (any hex case), refuses the rest', () => {
    const sign = '3c6e483353c005fa03be0b7c3eb146a7';
    expect(reason(() => verifyDouyinPush({ appId: 'dyappkey', eventSign: sign }, BODY, APP))).toBe(
      'accepted',
    );
    expect(
      reason(() => verifyDouyinPush({ appId: 'dyappkey', eventSign: sign.toUpperCase() }, BODY, APP)),
    ).toBe('accepted');
    expect(
      reason(() => verifyDouyinPush({ appId: 'dyappkey', eventSign: sign.replace('3', '4') }, BODY, APP)),
    ).toBe('bad_signature');
    expect(reason(() => verifyDouyinPush({ appId: 'dyappkey', eventSign: undefined }, BODY, APP))).toBe(
      'bad_signature',
    );
    const altered = Buffer.from(BODY.toString('utf8').replace('101', '102'));
    expect(reason(() => verifyDouyinPush({ appId: 'dyappkey', eventSign: sign }, altered, APP))).toBe(
      'bad_signature',
    );
    expect(reason(() => verifyDouyinPush({ appId: 'other', eventSign: sign }, BODY, APP))).toBe(
      'unknown_app',
    );
  });

  it('turns each message naming an order into a re-fetch, ids lossless', () => {
    const body = Buffer.from(
      JSON.stringify([
        JSON.parse(BODY.toString('utf8'))[0],
        {
          tag: '200',
          msg_id: '7000000000000000002',
          data: '{"p_id":"6900000000000000555","aftersale_id":1}',
        },
        { tag: '0', msg_id: '7000000000000000003', data: '{}' },
      ]),
    );
    expect(parseDouyinPush(body, 'dy-shop')).toEqual([
      {
        platform: 'douyin',
        shopId: 'dy-shop',
        orderId: '6900000000000000123',
        eventId: '7000000000000000001',
        event: '101',
      },
      {
        platform: 'douyin',
        shopId: 'dy-shop',
        orderId: '6900000000000000555',
        eventId: '7000000000000000002',
        event: '200',
      },
    ]);
    expect(reason(() => parseDouyinPush(Buffer.from('{"tag":"1"}'), 's'))).toBe('bad_body');
    expect(reason(() => parseDouyinPush(Buffer.from('[{"tag":"1"}]'), 's'))).toBe('bad_body');
  });
});
