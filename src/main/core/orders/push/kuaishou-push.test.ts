import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptKuaishouPush, kuaishouKeyBytes, parseKuaishouPush } from './kuaishou-push';
import { PushRejected } from './push-event';

// Produced independently with the openssl CLI:
//   printf '%s' '<message>' | openssl enc -aes-128-cbc -K 30313233343536373839616263646566 \
//     -iv 00000000000000000000000000000000 -base64 -A
// key = "0123456789abcdef" (Base64 "MDEyMzQ1Njc4OWFiY2RlZg==").
const KEY_B64 = 'MDEyMzQ1Njc4OWFiY2RlZg==';
const BODY =
  'xNZ4RNlsksRmK8ulPE9M6DpMxSfn1k0nh16aDtwgUwpLWi0mvz8cKbHFpINlY6o3H15ugkgDSsRgheyBf9NOxbH16skIGB3CUZZNCi4LbugJSssPZFn15gQcfwzx7HU76vwFk+jGv+l+d3Mj016D6//77rvG5U6MTvVrHfpKFG1P4ufgpV7Ig2IOKMplZB39iYPYDMv7pd4Lnw8LRIJq1ipxke1atO5huEGR6miNoZOgA2l3XtTzfwus4d0K1XwVC0CuPHIvVMHdD59StOB2xX1uU3eVUh0kwSFc5h8pad8=';

const encrypt = (plain: string, key: Buffer) => {
  const c = createCipheriv(`aes-${key.length * 8}-cbc`, key, Buffer.alloc(16));
  return Buffer.concat([c.update(plain, 'utf8'), c.final()]).toString('base64');
};

const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof PushRejected) return err.reason;
    throw err;
  }
  return 'accepted';
};

describe('Kuaishou push', () => {
  const key = kuaishouKeyBytes(KEY_B64, 'base64');

  it('decrypts an AES/CBC/PKCS5, zero-IV, Base64 body made by openssl; bizId stays 19 digits', () => {
    const req = parseKuaishouPush(decryptKuaishouPush(BODY, key), 'ks-shop');
    expect(req).toEqual({
      platform: 'kuaishou',
      shopId: 'ks-shop',
      orderId: '2100000000000000123',
      eventId: 'evt-0001',
      event: 'kwaishop_order_paySuccess',
    });
  });

  it('rejects a body under another key, tampered, truncated or not Base64 (decryption is the check)', () => {
    const other = kuaishouKeyBytes(Buffer.from('fedcba9876543210').toString('base64'), 'base64');
    expect(reason(() => parseKuaishouPush(decryptKuaishouPush(BODY, other), 's'))).toBe('bad_ciphertext');
    const tampered = Buffer.from(BODY, 'base64');
    const last = tampered.length - 1;
    tampered.writeUInt8(tampered.readUInt8(last) ^ 0x01, last);
    expect(reason(() => parseKuaishouPush(decryptKuaishouPush(tampered.toString('base64'), key), 's'))).toBe(
      'bad_ciphertext',
    );
    expect(reason(() => decryptKuaishouPush(BODY.slice(0, 40), key))).toBe('bad_ciphertext');
    expect(reason(() => decryptKuaishouPush('{"eventId":"x"}', key))).toBe('bad_ciphertext');
  });

  it('takes the order from info.oid on after-sales events, and refuses a message without ids', () => {
    const refund = JSON.stringify({
      eventId: 'evt-2',
      bizId: '7700000000000000001',
      event: 'kwaishop_aftersales_addRefund',
      info: '{"oid":2100000000000000999,"refundId":7700000000000000001}',
    });
    expect(parseKuaishouPush(decryptKuaishouPush(encrypt(refund, key), key), 's').orderId).toBe(
      '2100000000000000999',
    );
    const noId = JSON.stringify({ event: 'kwaishop_order_paySuccess' });
    expect(reason(() => parseKuaishouPush(decryptKuaishouPush(encrypt(noId, key), key), 's'))).toBe(
      'bad_body',
    );
  });

  it('reads the console key as Base64 by default, or as UTF-8 bytes when set, and checks its length', () => {
    expect(kuaishouKeyBytes('0123456789abcdef', 'utf8')).toEqual(key);
    expect(() => kuaishouKeyBytes('short', 'utf8')).toThrow(/16, 24 or 32 bytes/);
    const key256 = kuaishouKeyBytes(Buffer.alloc(32, 7).toString('base64'), 'base64');
    const msg = '{"eventId":"e","bizId":1}';
    expect(decryptKuaishouPush(encrypt(msg, key256), key256)).toBe(msg);
  });
});
