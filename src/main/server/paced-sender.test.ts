import { describe, expect, it } from 'vitest';
import { PacedSender } from './paced-sender';

/** A sender on a hand-driven clock and loop: each write costs 1 ms; `turn()` runs what was deferred. */
function paced(budgetMs: number) {
  let clock = 0;
  const written: string[] = [];
  let deferred: (() => void)[] = [];
  const sender = new PacedSender<string>(
    (target, data) => {
      clock += 1;
      written.push(`${target}:${String(data)}`);
    },
    budgetMs,
    () => clock,
    (fn) => deferred.push(fn),
  );
  const turn = () => {
    const now = deferred;
    deferred = [];
    for (const fn of now) fn();
    return written.splice(0);
  };
  return { sender, written, turn };
}

describe('PacedSender', () => {
  it('writes a broadcast over several turns, at most its budget of writes per turn', () => {
    const { sender, written, turn } = paced(3);
    for (const c of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) sender.push(c, 'figures');
    // Nothing in the turn that broadcast: the show's timers run first.
    expect(written).toEqual([]);
    expect(turn()).toEqual(['a:figures', 'b:figures', 'c:figures']);
    expect(turn()).toEqual(['d:figures', 'e:figures', 'f:figures']);
    expect(turn()).toEqual(['g:figures']);
    expect(turn()).toEqual([]);
    expect(sender.pending).toBe(0);
  });

  it('answers at once when nothing waits, and behind the waiting frames otherwise, so each socket keeps its order', () => {
    const { sender, written, turn } = paced(2);
    sender.sendOrQueue('a', 'result 1');
    expect(written.splice(0)).toEqual(['a:result 1']);
    sender.push('a', 'event 1');
    sender.push('b', 'event 1');
    sender.push('a', 'event 2');
    sender.sendOrQueue('a', 'result 2');
    expect(written).toEqual([]);
    expect([...turn(), ...turn()]).toEqual(['a:event 1', 'b:event 1', 'a:event 2', 'a:result 2']);
  });
});
