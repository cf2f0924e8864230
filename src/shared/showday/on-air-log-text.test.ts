import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@shared/api/domains/showday';
import { resources } from '@shared/i18n/resources';
import { actorText, detailText } from './on-air-log-text';

const entry = (action: LogEntry['action'], detail: LogEntry['detail'], actor = 'operator'): LogEntry => ({
  id: 1,
  showId: 1,
  at: 0,
  action,
  slotId: null,
  productId: null,
  actor,
  detail,
});

describe('on-air log text', () => {
  it('says which overlay, on or off, and who, in zh-CN, en and ug (no raw operator/studio)', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'zh-CN', ns: ['showday'], defaultNS: 'showday' });
    const t = i18n.t.bind(i18n) as (k: string, p?: Record<string, unknown>) => string;
    expect(detailText(entry('overlay', { overlay: 'lower-third', visible: false }), t)).toBe(
      '嘉宾字幕条 隐藏',
    );
    expect(actorText('operator', t)).toBe('导播');
    expect(actorText('studio', t)).toBe('系统自动');
    expect(actorText('operator:deck', t)).toBe('导播（deck）');
    for (const lng of ['en', 'ug']) {
      await i18n.changeLanguage(lng);
      for (const text of [
        detailText(entry('overlay', { overlay: 'price-ticker', visible: true }), t),
        actorText('operator', t),
        actorText('studio', t),
        detailText(entry('countdown', { action: 'start', seconds: 60 }), t),
      ]) {
        expect(text).not.toMatch(/operator|studio|onAir\.|overlay\./);
        expect(text.trim()).not.toBe('');
      }
    }
    await i18n.changeLanguage('en');
    expect(detailText(entry('overlay', { overlay: 'price-ticker', visible: true }), t)).toMatch(/ticker/i);
  });
});
