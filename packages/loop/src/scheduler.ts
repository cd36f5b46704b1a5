// Time for the adapters: a Scheduler runs tasks at given instants. The virtual one keeps its own
// clock and runs tasks in (time, insertion) order, so a simulation is deterministic; the runner
// supplies a wall-clock one with the same interface.

export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `task` at `atMs` (or as soon as possible if that is in the past). */
  at(atMs: number, task: () => void): Cancel;
}

export type Cancel = () => void;

interface Entry {
  readonly at: number;
  readonly seq: number;
  readonly task: () => void;
  cancelled: boolean;
}

/** A deterministic clock: time moves only when step() runs the next task. */
export class VirtualScheduler implements Scheduler {
  private clock: number;
  private seq = 0;
  private readonly queue: Entry[] = [];

  constructor(startMs: number) {
    this.clock = startMs;
  }

  now(): number {
    return this.clock;
  }

  at(atMs: number, task: () => void): Cancel {
    const entry: Entry = { at: Math.max(atMs, this.clock), seq: this.seq++, task, cancelled: false };
    // Sorted insert: the queue stays small (a few entries per pod).
    let i = this.queue.length;
    while (i > 0 && compare(this.queue[i - 1]!, entry) > 0) i--;
    this.queue.splice(i, 0, entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** The instant of the next pending task, if any. */
  peek(): number | undefined {
    this.dropCancelled();
    return this.queue[0]?.at;
  }

  /** Runs the next task, advancing the clock to its instant. False when nothing is pending. */
  step(): boolean {
    this.dropCancelled();
    const entry = this.queue.shift();
    if (entry === undefined) return false;
    this.clock = entry.at;
    entry.task();
    return true;
  }

  private dropCancelled(): void {
    while (this.queue.length > 0 && this.queue[0]!.cancelled) this.queue.shift();
  }
}

function compare(a: Entry, b: Entry): number {
  return a.at - b.at || a.seq - b.seq;
}
