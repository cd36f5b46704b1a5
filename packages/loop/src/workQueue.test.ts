import { VirtualScheduler } from './scheduler.js';
import { WorkQueue } from './workQueue.js';

/** Lets queued promise callbacks run (the queue's workers are async). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('WorkQueue', () => {
  test('deduplicates a waiting key and runs it once', async () => {
    const s = new VirtualScheduler(0);
    const seen: string[] = [];
    let release: (() => void) | undefined;
    const q = new WorkQueue({
      scheduler: s,
      workers: 1,
      process: async (k) => {
        seen.push(k);
        if (k === 'x') await new Promise<void>((r) => (release = r));
      },
    });
    q.add('x');
    q.add('a');
    q.add('a');
    q.add('b');
    q.add('a');
    release!();
    await settle();
    expect(seen).toEqual(['x', 'a', 'b']);
  });

  test('a key added while it is processed runs again afterwards, never twice at once', async () => {
    const s = new VirtualScheduler(0);
    let inFlight = 0;
    let maxInFlight = 0;
    let runs = 0;
    let release: (() => void) | undefined;
    const q = new WorkQueue({
      scheduler: s,
      workers: 5,
      process: async () => {
        runs++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (runs === 1) await new Promise<void>((r) => (release = r));
        inFlight--;
      },
    });
    q.add('a');
    await settle();
    q.add('a');
    q.add('a');
    await settle();
    expect(runs).toBe(1);
    release!();
    await settle();
    expect(runs).toBe(2);
    expect(maxInFlight).toBe(1);
  });

  test('addAfter keeps the earliest time', async () => {
    const s = new VirtualScheduler(0);
    const at: number[] = [];
    const q = new WorkQueue({ scheduler: s, process: async () => void at.push(s.now()) });
    q.addAfter('a', 5000);
    q.addAfter('a', 1000);
    q.addAfter('a', 3000);
    while (s.step()) await settle();
    expect(at).toEqual([1000]);
  });

  test.each([
    { name: 'first failure', failures: 0, delay: 1000 },
    { name: 'second', failures: 1, delay: 2000 },
    { name: 'sixth', failures: 5, delay: 32000 },
    { name: 'capped at one minute', failures: 6, delay: 60000 },
    { name: 'still capped', failures: 30, delay: 60000 },
  ])('rate limit: $name → $delay ms', ({ failures, delay }) => {
    const q = new WorkQueue({ scheduler: new VirtualScheduler(0), process: async () => undefined });
    for (let i = 0; i < failures; i++) q.addRateLimited('a');
    expect(q.nextDelayMs('a')).toBe(delay);
    q.forget('a');
    expect(q.nextDelayMs('a')).toBe(1000);
  });

  test('a failing key is retried with growing delays', async () => {
    const s = new VirtualScheduler(0);
    const at: number[] = [];
    const q = new WorkQueue({
      scheduler: s,
      process: async () => {
        at.push(s.now());
        if (at.length < 4) throw new Error('conflict');
      },
    });
    q.add('a');
    await settle();
    while (s.step()) await settle();
    expect(at).toEqual([0, 1000, 3000, 7000]);
  });

  test('shutdown drops waiting keys and waits for the running ones', async () => {
    const s = new VirtualScheduler(0);
    let release: (() => void) | undefined;
    const seen: string[] = [];
    const q = new WorkQueue({
      scheduler: s,
      workers: 1,
      process: async (k) => {
        seen.push(k);
        if (k === 'a') await new Promise<void>((r) => (release = r));
      },
    });
    q.add('a');
    q.add('b');
    await settle();
    let drained = false;
    const done = q.shutdown().then(() => (drained = true));
    await settle();
    expect(drained).toBe(false);
    release!();
    await done;
    expect(seen).toEqual(['a']);
    q.add('c');
    await settle();
    expect(seen).toEqual(['a']);
  });
});
