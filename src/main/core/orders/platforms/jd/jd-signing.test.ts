import { describe, expect, it } from 'vitest';
import { jdSign, jdSigningString } from './jd-signing';

// Vectors derived by hand from the published algorithm: the signing string is written out
// literally here, and its MD5 was computed with `printf '%s' '<string>' | md5sum` (then uppercased).
const base = {
  method: 'jingdong.pop.order.search',
  app_key: 'APPKEY1',
  access_token: 'TOKEN1',
  timestamp: '2026-11-21 12:00:00',
  v: '2.0',
  format: 'json',
  sign_method: 'md5',
};

describe('JD signing', () => {
  it('sorts keys, skips empty values and sign, wraps in the secret', () => {
    const params = { ...base, '360buy_param_json': '{"page":"1"}', extra: '', sign: 'IGNORED' };
    expect(jdSigningString(params, 'jdsecret')).toBe(
      'jdsecret360buy_param_json{"page":"1"}access_tokenTOKEN1app_keyAPPKEY1formatjson' +
        'methodjingdong.pop.order.searchsign_methodmd5timestamp2026-11-21 12:00:00v2.0jdsecret',
    );
    expect(jdSign(params, 'jdsecret')).toBe('3A86AD9CE6265C96F1896E1215BA0AFE');
  });

  it('signs UTF-8 bytes of Chinese values', () => {
    const params = { ...base, '360buy_param_json': '{"skuName":"兰州牛肉面"}' };
    expect(jdSign(params, 'jdsecret')).toBe('8259927E1122F52649176A3417CA279F');
  });

  it('changes when any value or the secret changes', () => {
    const params = { ...base, '360buy_param_json': '{"page":"1"}' };
    const sign = jdSign(params, 'jdsecret');
    expect(jdSign({ ...params, access_token: 'TOKEN2' }, 'jdsecret')).not.toBe(sign);
    expect(jdSign(params, 'jdsecret2')).not.toBe(sign);
  });
});
