import i18next from 'i18next';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { operations } from '@shared/api/contract';
import { ApiFailure } from '@shared/api/errors';
import { fieldName, type Translator } from '@shared/api/field-names';
import { languages, namespaces, resources } from '@shared/i18n/resources';
import { Studio } from '../studio';

async function studio() {
  const s = new Studio({ dataDir: null, mode: 'headless' });
  await s.start();
  return s;
}

describe('dispatcher', () => {
  it('answers an unknown operation with a typed error', async () => {
    const s = await studio();
    const r = await s.dispatch('shelf.nuke', {}, { role: 'operator', transport: 'ws' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    await s.stop();
  });

  it('names the operation of a refused input, so the UI says which field in its own words', async () => {
    const s = await studio();
    const r = await s.dispatch(
      'obs.addConnection',
      { name: ' ', host: '127.0.0.1', port: 4455, password: '' },
      { role: 'operator', transport: 'ws' },
    );
    await s.stop();
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'bad_request',
        operation: 'obs.addConnection',
        issues: [{ path: 'name', reason: 'too_small_string', params: { limit: 1 } }],
      },
    });
    if (r.ok) return;
    const lines: Record<string, string> = {};
    for (const lng of languages) {
      const i18n = i18next.createInstance();
      await i18n.init({ resources, lng, fallbackLng: false, ns: [...namespaces], defaultNS: 'common' });
      const tr: Translator = {
        exists: (k) => i18n.exists(k),
        t: (k, p) => i18n.t(k, p ?? {}) as string,
      };
      const [issue] = r.error.issues!;
      lines[lng] = tr.t('errors.field', {
        field: fieldName(
          tr,
          issue!.path,
          r.error.operation,
          operations['obs.addConnection'].input as z.ZodType,
        ),
        message: tr.t(`errors.issue.${issue!.reason}`, issue!.params),
      });
    }
    // Before: `name：至少需要 1 个字符`, the schema's English key in a Chinese sentence.
    expect(lines['zh-CN']).toBe('连接名称：至少需要 1 个字符');
    expect(lines.en).toBe('Connection name: needs at least 1 characters');
    expect(lines.ug).toMatch(/^ئۇلىنىش نامى: /);
  });

  it('rejects invalid input with the failing field, without running the handler', async () => {
    const s = await studio();
    const r = await s.dispatch('log.recent', { limit: 'lots' }, { role: 'operator', transport: 'ws' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      expect(r.error.issues?.[0]?.path).toBe('limit');
    }
    const extra = await s.dispatch('system.info', { surprise: 1 }, { role: 'operator', transport: 'ws' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await s.stop();
  });

  it('refuses control operations to a read-only client but allows reads', async () => {
    const s = await studio();
    const write = await s.dispatch(
      'settings.update',
      { studioName: 'X' },
      { role: 'datadesk', transport: 'ws' },
    );
    expect(write).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(s.settings.get().studioName).toBe('ShelfCast');
    const read = await s.dispatch('show.state', {}, { role: 'datadesk', transport: 'ws' });
    expect(read.ok).toBe(true);
    // Settings are not part of the data desk's view (read scopes: read-scopes.test.ts).
    const settings = await s.dispatch('settings.get', {}, { role: 'datadesk', transport: 'ws' });
    expect(settings).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await s.stop();
  });

  it('turns handler failures into typed errors and never throws', async () => {
    const s = await studio();
    // Ports below 1024 are outside the contract's schema.
    const r = await s.dispatch(
      'settings.update',
      { server: { port: 80 } },
      { role: 'operator', transport: 'ipc' },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await s.stop();
    // After stop the database is closed: the handler throws a plain Error, which becomes `internal`.
    const after = await s.dispatch('settings.get', {}, { role: 'operator', transport: 'ipc' });
    expect(after).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('keeps ApiFailure codes and i18n keys', () => {
    const e = new ApiFailure('conflict', 'taken', { key: 'common:errors.conflict' }).toApiError();
    expect(e).toEqual({ code: 'conflict', message: 'taken', key: 'common:errors.conflict' });
  });
});
