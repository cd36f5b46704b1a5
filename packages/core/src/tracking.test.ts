// trackAndFinish (upstream trackJobStatusAndRemoveFinalizers + the finishing write) on the context
// the pass itself builds: finished pods are recorded as uncounted, their finalizers removed, then
// counted — each exactly once, whatever the controller's memory says is in flight.
import type { Pod } from '@jobkit/api';
import type { Action } from './types.js';
import { passContext } from './passContext.js';
import { trackAndFinish } from './tracking.js';
import { NOW, newJob, newPod } from './__tests__/builders.js';

type Step = [type: string, detail: unknown];
const steps = (actions: readonly Action[]): Step[] =>
  actions.map((a) =>
    a.type === 'UpdateJobStatus'
      ? [a.type, { uncounted: a.status.uncountedTerminatedPods ?? {}, succeeded: a.status.succeeded ?? 0, failed: a.status.failed ?? 0 }]
      : a.type === 'RemovePodFinalizer'
        ? [a.type, a.name]
        : [a.type, undefined],
  );

describe('trackAndFinish', () => {
  const job = newJob({ parallelism: 2, completions: 2 }, { startTime: '2025-12-31T00:00:00Z' });
  const cases: { name: string; pods: Pod[]; pending?: string[]; uncounted?: { succeeded?: string[]; failed?: string[] }; want: Step[] }[] = [
    {
      name: 'a newly succeeded pod: uncounted, finalizer removed, then counted',
      pods: [newPod('a', { phase: 'Succeeded' }), newPod('b')],
      want: [
        ['UpdateJobStatus', { uncounted: { succeeded: ['a'] }, succeeded: 0, failed: 0 }],
        ['RemovePodFinalizer', 'a'],
        ['UpdateJobStatus', { uncounted: {}, succeeded: 1, failed: 0 }],
      ],
    },
    {
      name: 'already uncounted: only the finalizer removal and the count',
      pods: [newPod('a', { phase: 'Succeeded' }), newPod('b')],
      uncounted: { succeeded: ['a'] },
      want: [
        ['RemovePodFinalizer', 'a'],
        ['UpdateJobStatus', { uncounted: {}, succeeded: 1, failed: 0 }],
      ],
    },
    {
      name: 'a removal in flight: the pod is not counted again',
      pods: [newPod('a', { phase: 'Succeeded' }), newPod('b')],
      pending: ['a'],
      want: [],
    },
    {
      name: 'a failed pod is counted as failed',
      pods: [newPod('a', { phase: 'Failed' }), newPod('b')],
      want: [
        ['UpdateJobStatus', { uncounted: { failed: ['a'] }, succeeded: 0, failed: 0 }],
        ['RemovePodFinalizer', 'a'],
        ['UpdateJobStatus', { uncounted: {}, succeeded: 0, failed: 1 }],
      ],
    },
    { name: 'nothing finished: nothing to write', pods: [newPod('a', { ready: false }), newPod('b', { ready: false })], want: [] },
  ];
  test.each(cases)('$name', ({ pods, pending, uncounted, want }) => {
    // The status already says what is active, so only tracking has something to write.
    const active = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
    const j = { ...job, status: { ...job.status, active, ready: 0, terminating: 0, uncountedTerminatedPods: uncounted ?? {} } };
    const ctx = passContext(j, pods, NOW, { finalizerRemovalsPending: pending ?? [] });
    expect(steps(trackAndFinish(ctx).actions)).toEqual(want);
  });
});

describe('trackAndFinish: failed pods handled by the pod failure policy (pod_failures_handled_by_failure_policy_total)', () => {
  const policy = {
    rules: [
      { action: 'Ignore', onExitCodes: { operator: 'In', values: [42] } },
      { action: 'Count', onExitCodes: { operator: 'In', values: [1] } },
    ],
  };
  const failed = (name: string, exitCode: number): Pod => {
    const p = newPod(name, { phase: 'Failed' });
    return { ...p, status: { ...p.status, containerStatuses: [{ name: 'c', state: { terminated: { exitCode } } }] } } as Pod;
  };
  const cases: { name: string; pods: Pod[]; uncountedFailed?: string[]; want: Record<string, number> | undefined }[] = [
    { name: 'one per matched rule, by action', pods: [failed('a', 42), failed('b', 1), failed('c', 42), newPod('d')], want: { Ignore: 2, Count: 1 } },
    { name: 'no rule matched: nothing', pods: [failed('a', 3), newPod('d')], want: undefined },
    { name: 'already uncounted: counted before, not again', pods: [failed('b', 1), newPod('d')], uncountedFailed: ['b'], want: undefined },
  ];
  test.each(cases)('$name', ({ pods, uncountedFailed, want }) => {
    const j = newJob({ parallelism: 4, completions: 4, podFailurePolicy: policy } as never, {
      startTime: '2025-12-31T00:00:00Z',
      uncountedTerminatedPods: { failed: uncountedFailed ?? [] },
    });
    expect(trackAndFinish(passContext(j, pods, NOW, {})).podFailurePolicyActions).toEqual(want);
  });
});
