import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationInput } from '@shared/api/contract';
import type { ApiError } from '@shared/api/errors';
import { languages, resources } from '@shared/i18n/resources';
import { safeAreaFields } from '@shared/overlay-layout/safe-area';
import { Studio } from '../studio';
import { insertProduct, insertShow } from '../../../../test-support/overlays/overlay-test-rows';

const studios: Studio[] = [];
afterEach(async () => {
  for (const s of studios.splice(0)) await s.stop();
});

/** What the operator reads: the refusal's key and params in the UI language, as ApiErrorText shows it. */
async function translator() {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources,
    lng: 'zh-CN',
    ns: ['common', 'overlays'],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  return i18n;
}

/** Words that must never reach the operator: codes, keys, nesting left unresolved. */
const RAW =
  /top\+bottom|left\+right|anchor\.|topBottom|leftRight|anchorWidth|anchorTop|\$t\(|previewUi|safeAreaField|overlayLayout|\{\{/;

describe('the safe-area editor’s refusals, in the operator’s language', () => {
  it('names the figure that is out of range and the orientation, translated, in zh-CN, en and ug', async () => {
    const studio = new Studio({ dataDir: null, mode: 'headless', overlays: { port: 0 } });
    studios.push(studio);
    await studio.start();
    const db = studio.database.db;
    const { showId } = insertShow(db, [insertProduct(db, { nameZh: '和田大枣' })]);
    const refusal = async (input: OperationInput<'overlays.setSafeArea'>) => {
      try {
        await studio.call('overlays.setSafeArea', input);
      } catch (e) {
        return (e as { error: ApiError }).error;
      }
      throw new Error(`not refused: ${JSON.stringify(input)}`);
    };
    const side = { top: 0.1, right: 0.1, bottom: 0.1, left: 0.1 };
    const cases = [
      {
        field: 'topBottom',
        en: 'top and bottom insets together',
        zh: '上下边距之和',
        error: await refusal({
          showId,
          orientation: 'portrait',
          preset: 'douyin',
          insets: { ...side, top: 0.4, bottom: 0.4 },
        }),
      },
      {
        field: 'leftRight',
        en: 'left and right insets together',
        zh: '左右边距之和',
        error: await refusal({
          showId,
          orientation: 'landscape',
          preset: 'none',
          insets: { ...side, left: 0.4, right: 0.4 },
        }),
      },
      {
        field: 'top',
        en: 'top inset',
        zh: '上边距',
        error: await refusal({
          showId,
          orientation: 'portrait',
          preset: 'kuaishou',
          insets: { ...side, top: 0.5 },
        }),
      },
      {
        field: 'anchorWidth',
        en: 'anchor width',
        zh: '主播区宽度',
        error: await refusal({
          showId,
          orientation: 'landscape',
          preset: 'taobao',
          anchor: { width: 0.8, top: 0.2 },
        }),
      },
    ] as const;
    const i18n = await translator();
    for (const c of cases) {
      expect(c.error).toMatchObject({
        code: 'bad_request',
        key: 'overlays:overlayLayout.errors.safeAreaRange',
      });
      expect(c.error.params?.field).toBe(c.field);
      const text = (lng: string) => i18n.t(c.error.key!, { ...c.error.params, lng });
      expect(text('en')).toContain(c.en);
      expect(text('zh-CN')).toContain(c.zh);
      expect(text('zh-CN')).toContain(c.error.params?.orientation === 'portrait' ? '竖屏' : '横屏');
      expect(text('en')).toContain(`${c.error.params?.limit}%`);
      for (const lng of languages) {
        expect(text(lng), `${lng}: ${text(lng)}`).not.toMatch(RAW);
      }
    }
    // A preset of the other orientation: the orientation and the platform named, not their ids.
    const missing = await refusal({ showId, orientation: 'portrait', preset: 'taobao' });
    expect(missing.key).toBe('overlays:overlayLayout.errors.presetMissing');
    expect(i18n.t(missing.key!, { ...missing.params, lng: 'en' })).toBe(
      'There is no portrait preset called Taobao Live',
    );
    for (const lng of languages) {
      expect(i18n.t(missing.key!, { ...missing.params, lng })).not.toMatch(/taobao|\$t\(|previewUi/);
    }
  });

  it('has a name for every figure the core can refuse, in every language', async () => {
    const i18n = await translator();
    for (const lng of languages) {
      for (const field of safeAreaFields) {
        const key = `overlays:previewUi.safeAreaField.${field}`;
        expect(i18n.exists(key, { lng }), `${lng} ${key}`).toBe(true);
      }
    }
  });
});
