import { Clock } from '../../local/clock';

/**
 * The one clock of a test file: the functions, the emulator's serverDate and the pages all run on
 * it, and fixtures are built from it, never from the wall clock. It starts at TEST_NOW (CI runs
 * the suites again at hostile instants: the first minute of a month, just before midnight and a
 * year's end, 29 February, after the demo plan ends) and moves on a millisecond at every read.
 */
export const DEFAULT_TEST_NOW = '2026-12-04T10:00:00+08:00';

// One millisecond a read: the same run of time on every run, whatever the machine's load.
export const clock = new Clock(process.env.TEST_NOW || DEFAULT_TEST_NOW, { stepMs: 1 });

/** Milliseconds since the epoch on the test clock, where a test would otherwise read Date.now(). */
export const nowMs = () => clock.nowMs();
