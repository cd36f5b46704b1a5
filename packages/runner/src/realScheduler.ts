// The wall clock behind the Scheduler interface that JobLoop uses.
import type { Cancel, Scheduler } from '@jobkit/loop';

/**
 * Node's timers hold a signed 32-bit millisecond delay: anything longer (about 24.8 days, e.g. an
 * activeDeadlineSeconds of a month) fires after 1 ms with a warning, which would spin the loop.
 * Longer waits are taken in steps of at most this much.
 */
export const MaxTimerDelayMs = 2_147_483_647;

export class RealScheduler implements Scheduler {
  constructor(private readonly clock: () => number = Date.now) {}

  now(): number {
    return this.clock();
  }

  at(atMs: number, task: () => void): Cancel {
    let handle: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      const wait = atMs - this.clock();
      if (wait > MaxTimerDelayMs) handle = setTimeout(arm, MaxTimerDelayMs);
      else handle = setTimeout(task, Math.max(0, wait));
    };
    arm();
    return () => {
      if (handle !== undefined) clearTimeout(handle);
    };
  }
}
