// The wall clock behind the Scheduler interface that JobLoop uses.
import type { Cancel, Scheduler } from '@jobkit/loop';

export class RealScheduler implements Scheduler {
  now(): number {
    return Date.now();
  }

  at(atMs: number, task: () => void): Cancel {
    const handle = setTimeout(task, Math.max(0, atMs - Date.now()));
    return () => clearTimeout(handle);
  }
}
