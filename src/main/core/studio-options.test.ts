import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentOptions } from './studio-options';

describe('environmentOptions', () => {
  it('reads demo mode, the overlay server and the PDF font once, from what the entry point passes', () => {
    expect(environmentOptions({}, [])).toMatchObject({ demo: false, overlays: {} });
    expect(environmentOptions({}, []).event).toMatchObject({ server: false, eventId: 'event', booths: [] });
    expect(
      environmentOptions(
        {
          SHELFCAST_DEMO: '1',
          SHELFCAST_OVERLAY_PORT: '0',
          SHELFCAST_OVERLAY_ASSETS: '/srv/pages',
          SHELFCAST_PDF_FONT: '/fonts/cjk.ttc',
        },
        [],
      ),
    ).toMatchObject({
      demo: true,
      overlays: { port: 0, assetsDir: '/srv/pages' },
      pdfFont: '/fonts/cjk.ttc',
    });
    expect(environmentOptions({}, ['--demo']).demo).toBe(true);
    // Event mode: the flags the console passes on, and the variables beside them.
    expect(
      environmentOptions(
        {
          SHELFCAST_EVENT_PUBLIC_URL: 'nats://192.168.1.10:4222',
          SHELFCAST_NATS_SERVER: '/opt/nats-server',
          PATH: '/bin',
        },
        ['--event-server', '--event-id=gansu', '--event-booths=lanzhou,tianshui'],
      ).event,
    ).toEqual({
      server: true,
      eventId: 'gansu',
      booths: ['lanzhou', 'tianshui'],
      port: 4222,
      host: '0.0.0.0',
      natsServer: '/opt/nats-server',
      searchPath: '/bin',
      publicUrl: 'nats://192.168.1.10:4222',
    });
    expect(() => environmentOptions({ SHELFCAST_OVERLAY_PORT: 'http' }, [])).toThrow(
      'SHELFCAST_OVERLAY_PORT: "http" is not a port',
    );
  });

  it('is the only reader of the environment under src/main/core', () => {
    const core = path.resolve(__dirname);
    const readers: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
          const text = fs.readFileSync(full, 'utf8');
          // Passing the environment on to a child process is not reading configuration.
          if (/process\.env\.[A-Z_]+|process\.argv\.includes/.test(text))
            readers.push(path.relative(core, full));
        }
      }
    };
    walk(core);
    expect(readers).toEqual([]);
  });
});
