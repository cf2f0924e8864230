import { describe, expect, it } from 'vitest';
import { canonicalParamJson, douyinSign, douyinSignBase } from './douyin-signing';

// Vectors computed outside this code from the published algorithm (coreutils md5sum, openssl dgst -hmac).
const param = {
  z: { c: 2, a: [1, { b: '抖店' }] },
  update_time_start: 1763700000,
  update_time_end: 1763703600,
  size: 100,
  page: 0,
  order_by: 'update_time',
  order_asc: true,
  create_time_end: 1763703600,
};
const canonical =
  '{"create_time_end":1763703600,"order_asc":true,"order_by":"update_time","page":0,"size":100,"update_time_end":1763703600,"update_time_start":1763700000,"z":{"a":[1,{"b":"抖店"}],"c":2}}';
const input = {
  appKey: 'dy_app_1',
  method: 'order.searchList',
  paramJson: canonical,
  timestamp: '2026-11-21 13:40:00',
  v: '2',
};

describe('Douyin signing', () => {
  it('writes param_json with keys sorted at every level and no whitespace', () => {
    expect(canonicalParamJson(param)).toBe(canonical);
    expect(canonicalParamJson({ n: 5.0, m: -0, s: 'a b' })).toBe('{"m":0,"n":5,"s":"a b"}');
  });

  it('wraps the concatenation in the app secret', () => {
    expect(douyinSignBase(input, 'S3CRET')).toBe(
      `S3CRETapp_keydy_app_1methodorder.searchListparam_json${canonical}timestamp2026-11-21 13:40:00v2S3CRET`,
    );
  });

  it('md5 and hmac-sha256 give lowercase hex', () => {
    expect(douyinSign(input, 'S3CRET', 'md5')).toBe('d7f115cce0dcde4232d8dbc210a90208');
    expect(douyinSign(input, 'S3CRET', 'hmac-sha256')).toBe(
      'aa44926094d30d3a7d12b106d7434107d5700edeb1253bba9af5ac7445f89408',
    );
  });

  it('any change to the body changes the signature', () => {
    const good = douyinSign(input, 'S3CRET', 'md5');
    expect(douyinSign({ ...input, paramJson: canonical.replace('100', '99') }, 'S3CRET', 'md5')).not.toBe(
      good,
    );
  });
});
