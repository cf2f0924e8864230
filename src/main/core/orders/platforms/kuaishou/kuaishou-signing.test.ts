import { describe, expect, it } from 'vitest';
import { kuaishouSign, kuaishouSignBase, type KuaishouSignedParams } from './kuaishou-signing';

// Vectors computed outside this code, from the published algorithm, with coreutils and openssl:
//   printf '%s' "$BASE" | md5sum
//   printf '%s' "$BASE" | openssl dgst -sha256 -hmac SIGN_SECRET -binary | base64   (and without -binary: hex)
const param =
  '{"beginTime":1763700000000,"cursor":"","endTime":1763703600000,"orderViewStatus":1,"pageSize":50,"queryType":2,"sort":2,"skuNick":"苹果"}';
const params = (signMethod: string): KuaishouSignedParams => ({
  // Deliberately out of order: the signer sorts.
  version: '1',
  timestamp: '1763703600123',
  signMethod,
  param,
  method: 'open.order.cursor.list',
  appkey: 'ks_app_1',
  access_token: 'ACCESS',
});

describe('Kuaishou signing', () => {
  it('builds the sorted raw k=v string with the signSecret suffix', () => {
    expect(kuaishouSignBase(params('MD5'), 'SIGN_SECRET')).toBe(
      `access_token=ACCESS&appkey=ks_app_1&method=open.order.cursor.list&param=${param}&signMethod=MD5&timestamp=1763703600123&version=1&signSecret=SIGN_SECRET`,
    );
  });

  it('MD5 → lowercase hex over UTF-8', () => {
    expect(kuaishouSign(params('MD5'), 'SIGN_SECRET')).toBe('27017cc24c642ce80205a127825a7382');
  });

  it('HMAC_SHA256 → Base64 by default (official Java SDK), hex when configured', () => {
    expect(kuaishouSign(params('HMAC_SHA256'), 'SIGN_SECRET')).toBe(
      '7GHz+ORZnkGODBpTgC86GdNn5pMldsZMcgdSwE2jU1E=',
    );
    expect(kuaishouSign(params('HMAC_SHA256'), 'SIGN_SECRET', 'hex')).toBe(
      'ec61f3f8e4599e418e0c1a53802f3a19d367e6932576c64c720752c04da35351',
    );
  });

  it('changes when any signed value or the secret changes', () => {
    const good = kuaishouSign(params('MD5'), 'SIGN_SECRET');
    expect(kuaishouSign({ ...params('MD5'), timestamp: '1763703600124' }, 'SIGN_SECRET')).not.toBe(good);
    expect(kuaishouSign(params('MD5'), 'SIGN_SECRET2')).not.toBe(good);
  });
});
