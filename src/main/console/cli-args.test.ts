import { describe, expect, it } from 'vitest';
import { parseConsoleArgs } from './cli-args';

describe('console flags', () => {
  it('hands event-mode flags on to the studio and still refuses unknown ones', () => {
    const args = parseConsoleArgs(['--demo', '--event-server', '--event-id=gansu', '--port', '0'], {});
    expect(args).toEqual({ help: false, demo: true, port: 0, event: ['--event-server', '--event-id=gansu'] });
    expect(parseConsoleArgs(['--event-join=shelfcast://event/join?t=x'], {}).event).toEqual([
      '--event-join=shelfcast://event/join?t=x',
    ]);
    expect(() => parseConsoleArgs(['--event-nonsense'], {})).toThrow('Unknown option --event-nonsense');
    expect(() => parseConsoleArgs(['--bogus'], {})).toThrow('Unknown option --bogus');
  });
});
