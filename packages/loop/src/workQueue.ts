// The controller's work queue (client-go util/workqueue as job_controller.go uses it): keys are
// deduplicated while waiting, a key is handed to one worker at a time (added again while it is
// processed, it runs once more afterwards), delayed adds keep the earliest time, and the rate
// limiter backs a failing key off exponentially (DefaultJobApiBackOff 1 s to MaxJobApiBackOff
// 1 min) until it is forgotten. Time comes from the injected Scheduler: no clock of its own.
import { DefaultJobApiBackOffMs, MaxJobApiBackOffMs } from '@jobkit/api';
import type { Cancel, Scheduler } from './scheduler.js';

export interface WorkQueueOptions {
  readonly scheduler: Scheduler;
  /** How many keys are processed at once (kube-controller-manager's --concurrent-job-syncs: 5). */
  readonly workers?: number;
  /** Processes one key; a rejection counts as a failure and requeues the key rate-limited. */
  readonly process: (key: string) => Promise<void>;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** A keyed work queue with per-key serialisation, delayed adds and per-key exponential backoff. */
export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly delayed = new Map<string, { at: number; cancel: Cancel }>();
  private readonly failures = new Map<string, number>();
  private readonly idleWaiters: (() => void)[] = [];
  private running = 0;
  private shutDown = false;
  private readonly workers: number;

  constructor(private readonly options: WorkQueueOptions) {
    this.workers = Math.max(1, options.workers ?? 5);
  }

  /** Queues `key` now (a no-op while it already waits). */
  add(key: string): void {
    if (this.shutDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (!this.processing.has(key)) this.queue.push(key);
    this.pump();
  }

  /** Queues `key` after `delayMs`; an earlier pending delayed add of it wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.shutDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const at = this.options.scheduler.now() + delayMs;
    const pending = this.delayed.get(key);
    if (pending !== undefined && pending.at <= at) return;
    pending?.cancel();
    const cancel = this.options.scheduler.at(at, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, cancel });
  }

  /** The delay addRateLimited would use next for `key`, without counting a failure. */
  nextDelayMs(key: string): number {
    const n = this.failures.get(key) ?? 0;
    return Math.min((this.options.baseDelayMs ?? DefaultJobApiBackOffMs) * 2 ** n, this.options.maxDelayMs ?? MaxJobApiBackOffMs);
  }

  /** Queues `key` after its backoff, and doubles the backoff for next time. */
  addRateLimited(key: string): void {
    const delay = this.nextDelayMs(key);
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
    this.addAfter(key, delay);
  }

  /** How many times in a row `key` has been requeued rate-limited. */
  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Resets `key`'s backoff (after a successful sync). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Keys waiting or being processed. */
  get length(): number {
    return this.queue.length + this.processing.size;
  }

  /** Stops handing out keys; resolves once the keys being processed are done (drain). */
  async shutdown(): Promise<void> {
    this.shutDown = true;
    for (const { cancel } of this.delayed.values()) cancel();
    this.delayed.clear();
    this.queue.length = 0;
    this.dirty.clear();
    if (this.running === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.shutDown && this.running < this.workers && this.queue.length > 0) {
      const key = this.queue.shift()!;
      this.dirty.delete(key);
      this.processing.add(key);
      this.running++;
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    let failed = false;
    try {
      await this.options.process(key);
    } catch {
      failed = true;
    }
    this.running--;
    this.processing.delete(key);
    if (failed) this.addRateLimited(key);
    // Added while it was processed: it runs again now.
    if (!this.shutDown && this.dirty.has(key)) this.queue.push(key);
    if (this.shutDown && this.running === 0) for (const w of this.idleWaiters.splice(0)) w();
    this.pump();
  }
}
