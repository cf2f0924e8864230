import type { OnAirConsole, ShowOnAirNow } from './on-air-console';

/**
 * Show day's port: no other area calls show day; the studio wires the others' announcements to
 * these reactions (the on-air log, sold-out, cues, the console's figures and OBS checks).
 */
export type ShowdayReactions = OnAirConsole['reactions'];

/** What the studio has on air now (`OnAirConsole.onAirNow()`: the event's booth state, through the studio's wiring). */
export type { ShowOnAirNow };

export { createShowdayModule, type ShowdayModule } from './showday-module';
