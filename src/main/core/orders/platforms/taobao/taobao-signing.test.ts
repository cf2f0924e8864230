import { describe, expect, it } from 'vitest';
import { TAOBAO_SIGN_SKIPS_EMPTY, taobaoSign, taobaoSigningString } from './taobao-signing';

// Vectors derived by hand from the published algorithm: the concatenation is written out literally,
// and the digests were computed with `printf '%s' '<text>' | md5sum` (md5: secret + text + secret)
// and `printf '%s' '<text>' | openssl dgst -md5 -hmac tbsecret` (hmac), then uppercased.
const base = {
  method: 'taobao.trades.sold.increment.get',
  app_key: '12345678',
  session: 'SESSION1',
  timestamp: '2026-11-21 12:00:00',
  v: '2.0',
  format: 'json',
};

describe('Taobao signing', () => {
  it('md5: sorts every parameter but sign (session included), wraps in the secret', () => {
    const params = { ...base, sign_method: 'md5', fields: 'tid,status', page_no: '1', sign: 'X' };
    expect(taobaoSigningString(params)).toBe(
      'app_key12345678fieldstid,statusformatjsonmethodtaobao.trades.sold.increment.get' +
        'page_no1sessionSESSION1sign_methodmd5timestamp2026-11-21 12:00:00v2.0',
    );
    expect(taobaoSign(params, 'tbsecret', 'md5')).toBe('5995F6F20125778171F1BBD6C5EFDD11');
  });

  it('md5 over UTF-8 bytes of a Chinese value', () => {
    const params = { ...base, sign_method: 'md5', q: '兰州牛肉面' };
    expect(taobaoSign(params, 'tbsecret', 'md5')).toBe('50855B7837CB06B5CE0E2A8C3155DF9B');
  });

  it('hmac: HMAC-MD5 keyed with the secret, no wrapping', () => {
    const params = { ...base, sign_method: 'hmac', fields: 'tid,status', page_no: '1' };
    expect(taobaoSign(params, 'tbsecret', 'hmac')).toBe('E379490F82E8898EA53CA1E861D4F459');
    const chinese = { ...base, sign_method: 'hmac', q: '兰州牛肉面' };
    expect(taobaoSign(chinese, 'tbsecret', 'hmac')).toBe('9CB816B6C412323F34A233392553463E');
  });

  it('pins the unconfirmed rule: empty values are left out, as the official SDKs do', () => {
    expect(TAOBAO_SIGN_SKIPS_EMPTY).toBe(true);
    const params = { ...base, sign_method: 'md5', fields: 'tid,status', page_no: '1' };
    expect(taobaoSign({ ...params, status: '' }, 'tbsecret', 'md5')).toBe(
      taobaoSign(params, 'tbsecret', 'md5'),
    );
  });
});
