import { describe, expect, it } from 'vitest';
import { parseServerArgs } from './cli-args';

describe('console flags', () => {
  it('hands event-mode flags on to the studio and still refuses unknown ones', () => {
    const args = parseServerArgs(['--demo', '--event-server', '--event-id=gansu', '--port', '0'], {});
    expect(args).toEqual({ help: false, demo: true, port: 0, event: ['--event-server', '--event-id=gansu'] });
    expect(parseServerArgs(['--event-join=shelfcast://event/join?t=x'], {}).event).toEqual([
      '--event-join=shelfcast://event/join?t=x',
    ]);
    expect(() => parseServerArgs(['--event-nonsense'], {})).toThrow('Unknown option --event-nonsense');
    expect(() => parseServerArgs(['--bogus'], {})).toThrow('Unknown option --bogus');
  });
});
