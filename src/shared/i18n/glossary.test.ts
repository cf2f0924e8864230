import { describe, expect, it } from 'vitest';
import { languages, namespaces, resources } from './resources';

/** Every string of a language with its key path. */
function strings(language: (typeof languages)[number]): [key: string, value: string][] {
  const out: [string, string][] = [];
  const walk = (o: unknown, path: string) => {
    if (typeof o === 'string') out.push([path, o]);
    else if (o && typeof o === 'object')
      for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
  };
  for (const ns of namespaces) walk(resources[language][ns], ns);
  return out;
}

/**
 * One word for one thing (common.glossary): the Chinese UI says 场次 for a show and 流程单 for its
 * rundown, never 节目/节目单/串词单 (a page that does not exist), and the navigation uses the
 * glossary's page names. 节目 stays only for OBS's program output, the broadcast term.
 */
describe('glossary', () => {
  it('the Chinese UI uses the glossary words for shows and rundowns', () => {
    const g = resources['zh-CN'].common.glossary;
    const programOutput = new Set(['obs.scenes.program', 'obs.scenes.hint', 'showday.obs.autoReapplyHint']);
    const offenders = strings('zh-CN').filter(
      ([key, v]) =>
        /串词单|节目单|节目台/.test(v) ||
        (v.includes('节目') && !programOutput.has(key) && !/节目场景|上节目|^节目$/.test(v)),
    );
    expect(offenders).toEqual([]);
    expect(resources['zh-CN'].common.nav.rundown).toBe(g.rundown);
    expect(resources['zh-CN'].common.nav.show).toBe(g.showPage);
    expect(resources['zh-CN'].common.nav.live).toBe(g.livePage);
  });

  it('has every glossary word in all three languages, and the Chinese and Uyghur UIs leave none in English', () => {
    for (const lng of languages)
      expect(Object.keys(resources[lng].common.glossary).sort()).toEqual(
        Object.keys(resources['zh-CN'].common.glossary).sort(),
      );
    for (const lng of ['zh-CN', 'ug'] as const) {
      const raw = strings(lng).filter(([, v]) =>
        /\b(operator|studio|ready)\b/i.test(v.replace(/\{\{[^}]*\}\}|\w+(?:\.\w+)+/g, '')),
      );
      expect(raw, lng).toEqual([]);
    }
  });
});
