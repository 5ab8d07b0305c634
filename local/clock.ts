import { performance } from 'node:perf_hooks';

/**
 * The one clock of a local system: the functions' `now` (through each invocation's context),
 * the emulator's `serverDate`, the timers and the pages all read it. It starts at a pinned
 * instant, so a test or `NOW=… npm start` can stand at any date — the first minute of a month,
 * 23:59:58 before a year's end — and cross it. Production never has one: CloudBase's context
 * carries no clock, and the router falls back to the real time.
 *
 * It runs on at the machine's pace (monotonic), or, with `stepMs`, by that much at every read:
 * then time moves the same way on every run, so a test crosses midnight at the same step each
 * time, never on a busy machine only.
 */
export class Clock {
  private base: number;
  private startedAt = performance.now();
  private readonly stepMs: number | undefined;

  constructor(start: Date | string | number = Date.now(), opts: { stepMs?: number } = {}) {
    this.base = Clock.parse(start);
    this.stepMs = opts.stepMs;
  }

  static parse(at: Date | string | number): number {
    const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
    if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(at)}`);
    return ms;
  }

  nowMs(): number {
    if (this.stepMs === undefined) return this.base + (performance.now() - this.startedAt);
    this.base += this.stepMs;
    return this.base;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Stand at `at` from now on (and run on from there). */
  set(at: Date | string | number): void {
    this.base = Clock.parse(at);
    this.startedAt = performance.now();
  }

  /** Move forward (or back, with a negative `ms`). */
  advance(ms: number): void {
    this.base += ms;
  }
}
