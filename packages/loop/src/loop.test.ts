// JobLoop's timeline: in time order (a pass's own entries, stamped with its start, come before
// whatever the runtime reports while being told about the pass's creations and deletions); with
// `explain`, requeue entries say when the pass waits out the pod-recreation backoff.
import type { Job, Pod } from '@jobkit/api';
import { admitJob } from './admission.js';
import { defaultController } from './controller.js';
import { JobLoop, type PodRuntime } from './loop.js';
import { deterministicNames } from './names.js';
import { VirtualScheduler, type Scheduler } from './scheduler.js';
import type { TimelineEntry } from './timeline.js';

const start = Date.parse('2026-01-01T00:00:00Z');

function job(spec: Partial<Job['spec']>): Job {
  const names = deterministicNames();
  return admitJob(
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 't', namespace: 'default' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'x' }] } }, ...spec },
    } as Job,
    { uid: names.generateUid('job'), now: new Date(start), generateName: (p) => names.generateName(p) },
  );
}

const failed = (pod: Pod): Pod => ({ ...pod, status: { ...pod.status, phase: 'Failed' } });

/**
 * A wall clock seen through a virtual one: every reading is 1 ms later than the one before, as
 * time passes while a pass runs. The first pod fails 10 ms after it is created; a deleted pod
 * ends at once, reporting while the loop is still telling the runtime about the pass (as the
 * process kubelet does for a pod whose containers have not started).
 */
function run(spec: Partial<Job['spec']>): readonly TimelineEntry[] {
  const virtual = new VirtualScheduler(start);
  let ticks = 0;
  const scheduler: Scheduler = { now: () => virtual.now() + ticks++, at: (ms, task) => virtual.at(ms, task) };
  const loop: JobLoop = new JobLoop(job(spec), { controller: defaultController, scheduler, names: deterministicNames(), batchPeriodMs: 100 });
  let first = true;
  const runtime: PodRuntime = {
    podCreated(pod) {
      if (!first) return;
      first = false;
      virtual.at(virtual.now() + 10, () => loop.updatePod(pod.metadata.uid!, 'Failed (exit code 1)', failed));
    },
    podDeleting(pod) {
      loop.updatePod(pod.metadata.uid!, 'Failed (deleted while no container was running)', failed);
    },
    idle: () => true,
    stop: () => undefined,
  };
  loop.start(runtime);
  for (let i = 0; i < 1000 && loop.outcome.kind === 'Running' && virtual.peek() !== undefined; i++) virtual.step();
  return loop.timeline;
}

describe('JobLoop timeline order', () => {
  test.each([
    ['backoffLimit 0: the failure deletes the other pod', { parallelism: 2, completions: 2, backoffLimit: 0 }],
    ['parallelism 3, the first pod fails and is replaced', { parallelism: 3, completions: 3, backoffLimit: 6 }],
  ] as const)('%s: every entry is stamped no earlier than the one before it', (_name, spec) => {
    const timeline = run(spec);
    const stamps = timeline.map((e) => e.at);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

  test("the runtime's report on a deletion follows the pass's status and event entries", () => {
    const timeline = run({ parallelism: 2, completions: 2, backoffLimit: 0 });
    const deletion = timeline.findIndex((e) => e.kind === 'delete');
    const report = timeline.findIndex((e) => e.kind === 'pod' && /deleted while no container/.test(e.change));
    const passStatus = timeline.findIndex((e, i) => i > deletion && e.kind === 'status');
    expect(deletion).toBeGreaterThan(-1);
    expect(passStatus).toBeGreaterThan(deletion);
    expect(report).toBeGreaterThan(passStatus);
  });
});

describe('JobLoop requeue entries: the backoff wait (explain)', () => {
  /** Every pod fails 10 ms after it is created; virtual time. */
  function failing(spec: Partial<Job['spec']>, explain: boolean): readonly TimelineEntry[] {
    const scheduler = new VirtualScheduler(start);
    const loop: JobLoop = new JobLoop(job(spec), { controller: defaultController, scheduler, names: deterministicNames(), explain });
    loop.start({
      podCreated: (pod) => void scheduler.at(scheduler.now() + 10, () => loop.updatePod(pod.metadata.uid!, 'Failed (exit code 1)', failed)),
      podDeleting: () => undefined,
      idle: () => true,
      stop: () => undefined,
    });
    for (let i = 0; i < 1000 && loop.outcome.kind === 'Running' && scheduler.peek() !== undefined; i++) scheduler.step();
    return loop.timeline;
  }
  const waits = (timeline: readonly TimelineEntry[]) => timeline.flatMap((e) => (e.kind === 'requeue' && e.backoff !== undefined ? [e.backoff] : []));

  test.each([
    // Failure n waits 10 s · 2^(n-1) from the pod's finish; the pass that counts it, and asks
    // for the wait, runs 1 s after the failure (the batch period).
    ['backoffLimit 2: waits after failures 1 and 2, none after the 3rd (the Job fails)', { backoffLimit: 2 }, [1, 2], [9000, 19000]],
    ['backoffLimit 0: the first failure fails the Job, no wait', { backoffLimit: 0 }, [], []],
  ] as const)('%s', (_name, spec, failures, afterMs) => {
    const first = (list: ReturnType<typeof waits>) => list.filter((w, i) => i === 0 || list[i - 1]!.failedPods !== w.failedPods);
    const announced = first(waits(failing(spec, true)));
    expect(announced.map((w) => w.failures)).toEqual(failures);
    expect(announced.map((w) => w.cause)).toEqual(failures.map(() => 'podBackoff'));
    expect(announced.map((w) => w.afterMs)).toEqual(afterMs);
  });

  test('without explain the entries carry no backoff wait', () => {
    const timeline = failing({ backoffLimit: 2 }, false);
    expect(timeline.some((e) => e.kind === 'requeue')).toBe(true);
    expect(waits(timeline)).toEqual([]);
  });
});
