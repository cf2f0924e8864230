import { describe, expect, it } from 'vitest';
import { ApiFailure } from '@shared/api/errors';
import { applyCountdown, countdownDueAt, defaultControls } from './overlay-controls';

const idle = defaultControls().countdown;

describe('countdown controls', () => {
  it('runs off a wall-clock end time: pause keeps what is left, resume sets a new end', () => {
    const started = applyCountdown(
      idle,
      { action: 'start', seconds: 60, productId: 3, endOnSoldOut: true },
      1_000,
    );
    expect(started).toMatchObject({ status: 'running', endsAt: 61_000, durationMs: 60_000, productId: 3 });
    expect(countdownDueAt(started)).toBe(61_000);
    const paused = applyCountdown(started, { action: 'pause' }, 11_000);
    expect(paused).toMatchObject({ status: 'paused', endsAt: null, remainingMs: 50_000 });
    expect(countdownDueAt(paused)).toBeNull();
    const resumed = applyCountdown(paused, { action: 'resume' }, 100_000);
    expect(resumed).toMatchObject({ status: 'running', endsAt: 150_000 });
  });

  it('adds time while running or paused', () => {
    const started = applyCountdown(
      idle,
      { action: 'start', seconds: 30, productId: null, endOnSoldOut: false },
      0,
    );
    expect(applyCountdown(started, { action: 'addTime', seconds: 15 }, 5_000)).toMatchObject({
      endsAt: 45_000,
      durationMs: 45_000,
    });
    const paused = applyCountdown(started, { action: 'pause' }, 10_000);
    expect(applyCountdown(paused, { action: 'addTime', seconds: 10 }, 20_000)).toMatchObject({
      remainingMs: 30_000,
      status: 'paused',
    });
  });

  it('ends on demand and refuses actions that make no sense, with a typed error', () => {
    const started = applyCountdown(
      idle,
      { action: 'start', seconds: 30, productId: null, endOnSoldOut: false },
      0,
    );
    expect(applyCountdown(started, { action: 'end' }, 1)).toMatchObject({
      status: 'ended',
      endedReason: 'operator',
    });
    // Ending is idempotent: again after the end, or with nothing running, answers the same state.
    const ended = applyCountdown(started, { action: 'end' }, 1);
    expect(applyCountdown(ended, { action: 'end' }, 2)).toBe(ended);
    expect(applyCountdown(idle, { action: 'end' }, 2)).toBe(idle);
    expect(() => applyCountdown(idle, { action: 'pause' }, 0)).toThrow(ApiFailure);
    try {
      applyCountdown(idle, { action: 'addTime', seconds: 5 }, 0);
    } catch (err) {
      expect((err as ApiFailure).code).toBe('conflict');
      expect((err as ApiFailure).extra.key).toBe('overlays:errors.countdownState');
    }
  });
});
