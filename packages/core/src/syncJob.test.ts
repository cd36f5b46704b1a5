import type { JobStatus } from '@jobkit/api';
import { applyActions } from './applyActions.js';
import { syncJob } from './syncJob.js';
import type { Action } from './types.js';
import { NOW, newJob, newPod } from './__tests__/builders.js';

const ofType = <T extends Action['type']>(acts: readonly Action[], t: T) => acts.filter((a): a is Extract<Action, { type: T }> => a.type === t);
const statuses = (acts: readonly Action[]): JobStatus[] => ofType(acts, 'UpdateJobStatus').map((a) => a.status);
const types = (acts: readonly Action[]) => acts.filter((a) => a.type !== 'RecordEvent').map((a) => a.type);

describe('tracking: the three-stage uncountedTerminatedPods protocol', () => {
  test('UIDs are written to uncounted before finalizers go, then moved to the counters', () => {
    const job = newJob({ completions: 5, parallelism: 2 }, { active: 3 });
    const pods = [newPod('s1', { phase: 'Succeeded' }), newPod('s2', { phase: 'Succeeded' }), newPod('f1', { phase: 'Failed' })];
    const res = syncJob(job, pods, NOW, { expectationsSatisfied: false });
    expect(types(res.actions)).toEqual(['UpdateJobStatus', 'RemovePodFinalizer', 'RemovePodFinalizer', 'RemovePodFinalizer', 'UpdateJobStatus']);
    const [first, last] = statuses(res.actions);
    expect(first!.uncountedTerminatedPods).toEqual({ succeeded: ['s1', 's2'], failed: ['f1'] });
    expect([first!.succeeded, first!.failed]).toEqual([0, 0]);
    expect(last!.uncountedTerminatedPods).toEqual({});
    expect([last!.succeeded, last!.failed]).toEqual([2, 1]);
    expect(res.status).toBe(last);
  });
  test('a UID already uncounted whose pod lost its finalizer is counted without touching the pod', () => {
    const job = newJob(
      { completions: 5, parallelism: 1 },
      { active: 0, ready: 0, terminating: 0, succeeded: 1, uncountedTerminatedPods: { succeeded: ['s1'] } },
    );
    const res = syncJob(job, [newPod('s1', { phase: 'Succeeded', finalizer: false })], NOW, { expectationsSatisfied: false });
    expect(types(res.actions)).toEqual(['UpdateJobStatus']);
    expect(res.status.succeeded).toBe(2);
    expect(res.status.uncountedTerminatedPods).toEqual({});
  });
  test('resuming after write #1 of a failing job: a terminating pod already uncounted is counted once', () => {
    const job = newJob(
      { completions: 2, parallelism: 2, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [42] } }] } },
      {
        active: 0,
        ready: 0,
        terminating: 1,
        conditions: [{ type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }],
        uncountedTerminatedPods: { failed: ['t1'] },
      },
    );
    const res = syncJob(job, [newPod('t1', { deleted: '2025-12-31T23:59:00Z' })], NOW);
    expect(ofType(res.actions, 'RemovePodFinalizer').map((a) => a.name)).toEqual(['t1']);
    expect(res.status.failed).toBe(1);
    expect(res.status.uncountedTerminatedPods).toEqual({});
    // Still terminating: Failed waits.
    expect(res.status.conditions?.map((c) => c.type)).toEqual(['FailureTarget']);
  });
  test('a pod whose finalizer removal is in flight is not counted again', () => {
    const job = newJob({ completions: 5, parallelism: 1 }, { active: 0, ready: 0, terminating: 0, succeeded: 1 });
    const res = syncJob(job, [newPod('s1', { phase: 'Succeeded' })], NOW, { expectationsSatisfied: false, finalizerRemovalsPending: ['s1'] });
    expect(res.actions).toEqual([]);
  });
  test('indexed successes go to completedIndexes, not to uncounted', () => {
    const job = newJob({ completionMode: 'Indexed', completions: 3, parallelism: 0 }, { active: 0, ready: 0, terminating: 0 });
    const res = syncJob(job, [newPod('a', { phase: 'Succeeded', index: 1 }), newPod('b', { phase: 'Succeeded', index: 2 })], NOW);
    const [first] = statuses(res.actions);
    expect(first!.completedIndexes).toBe('1,2');
    expect(first!.uncountedTerminatedPods).toEqual({});
    expect(res.status.succeeded).toBe(2);
    expect(ofType(res.actions, 'RemovePodFinalizer')).toHaveLength(2);
  });
  test('maxUncountedPods caps one pass, and the job cannot finish in it', () => {
    const job = newJob({ completions: 3, parallelism: 3 }, {});
    const pods = ['a', 'b', 'c'].map((n) => newPod(n, { phase: 'Succeeded' }));
    const res = syncJob(job, pods, NOW, { maxUncountedPods: 2 });
    expect(ofType(res.actions, 'RemovePodFinalizer').map((a) => a.name)).toEqual(['a', 'b']);
    expect(res.status.succeeded).toBe(2);
    expect(res.status.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet']);
  });
  test('a finishing job: interim condition first, terminal one when nothing is terminating', () => {
    const job = newJob({ completions: 2, parallelism: 2 }, {});
    const res = syncJob(job, [newPod('a', { phase: 'Succeeded' }), newPod('b', { phase: 'Succeeded' })], NOW);
    expect(res.status.conditions?.map((c) => [c.type, c.reason])).toEqual([
      ['SuccessCriteriaMet', 'CompletionsReached'],
      ['Complete', 'CompletionsReached'],
    ]);
    expect(res.status.completionTime).toBe('2026-01-01T00:00:00Z');
    expect(ofType(res.actions, 'RecordEvent').map((e) => e.reason)).toContain('Completed');
  });
});

describe('manageJob', () => {
  test('creations are capped by maxPodCreateDeletePerSync', () => {
    const res = syncJob(newJob({ completions: 10, parallelism: 10 }), [], NOW, { maxPodCreateDeletePerSync: 3 });
    expect(ofType(res.actions, 'CreatePod')).toHaveLength(3);
    expect(res.status.active).toBe(3);
    expect(ofType(res.actions, 'RecordEvent').filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(3);
  });
  test('a template without labels creates nothing and the pass fails (pod control refuses it)', () => {
    const job = newJob({ completions: 2, parallelism: 2, template: { spec: { containers: [{ name: 'c' }] } } });
    const res = syncJob(job, [], NOW);
    expect(ofType(res.actions, 'CreatePod')).toHaveLength(0);
    expect(res.error).toBe('unable to create pods, no labels');
    expect(res.status.active).toBe(0);
  });
  test('pod-recreation backoff blocks creation and requeues; active pods still count', () => {
    const failedAt = '2025-12-31T23:59:58Z';
    const job = newJob({ completions: 3, parallelism: 2 }, {});
    const res = syncJob(job, [newPod('f', { phase: 'Failed', finishedAt: failedAt }), newPod('r')], NOW);
    expect(ofType(res.actions, 'CreatePod')).toHaveLength(0);
    expect(res.requeueAfterMs).toBe(8_000);
    expect(res.status.active).toBe(1);
    expect(res.backoff).toEqual({ failuresAfterLastSuccess: 1, lastFailureTime: '2025-12-31T23:59:58.000Z' });
  });
  test('activeDeadlineSeconds requeues for the rest of the deadline', () => {
    const job = newJob({ activeDeadlineSeconds: 60 }, { startTime: '2025-12-31T23:59:30Z' });
    const res = syncJob(job, [newPod('a')], NOW);
    expect(res.requeueAfterMs).toBe(30_000);
  });
  test('scale-down deletes in ActivePods order, finalizer first', () => {
    const job = newJob({ completions: 5, parallelism: 1 }, {});
    const pods = [newPod('ready', { ready: true, nodeName: 'n' }), newPod('pending', { phase: 'Pending' })];
    const res = syncJob(job, pods, NOW);
    expect(types(res.actions).slice(0, 2)).toEqual(['RemovePodFinalizer', 'DeletePod']);
    expect(ofType(res.actions, 'DeletePod').map((a) => a.name)).toEqual(['pending']);
    expect(res.status.active).toBe(1);
    expect(res.status.terminating).toBe(1);
  });
  test('suspending deletes every active pod and sets Suspended', () => {
    const job = newJob({ completions: 5, parallelism: 3, suspend: true }, { startTime: '2025-12-31T00:00:00Z' });
    const res = syncJob(job, [newPod('a'), newPod('b')], NOW);
    expect(ofType(res.actions, 'DeletePod')).toHaveLength(2);
    expect(res.status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([['Suspended', 'True', 'JobSuspended']]);
    expect(ofType(res.actions, 'RecordEvent').map((e) => e.reason)).toContain('Suspended');
  });
  test('indexed: duplicates and out-of-range indexes are deleted before any creation', () => {
    const job = newJob({ completionMode: 'Indexed', completions: 3, parallelism: 3 }, {});
    const pods = [newPod('a0', { index: 0, phase: 'Pending' }), newPod('b0', { index: 0, nodeName: 'n' }), newPod('x7', { index: 7 }), newPod('none')];
    const res = syncJob(job, pods, NOW);
    expect(
      ofType(res.actions, 'DeletePod')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['a0', 'none', 'x7']);
    expect(ofType(res.actions, 'CreatePod')).toHaveLength(0);
  });
  test('indexed: removal order is unknown index, duplicates by index, out-of-range tail, then the last duplicate group', () => {
    const job = newJob({ completionMode: 'Indexed', completions: 8, parallelism: 8 }, {});
    const pods = [
      newPod('none'),
      newPod('d0a', { index: 0, phase: 'Pending' }),
      newPod('d0b', { index: 0, nodeName: 'n' }),
      newPod('d6a', { index: 6, phase: 'Pending' }),
      newPod('d6b', { index: 6, nodeName: 'n' }),
      newPod('x9', { index: 9 }),
    ];
    const res = syncJob(job, pods, NOW, { maxPodCreateDeletePerSync: 3 });
    expect(ofType(res.actions, 'DeletePod').map((a) => a.name)).toEqual(['none', 'd0a', 'x9']);
  });
  test('indexed: lowest pending indexes first', () => {
    const job = newJob({ completionMode: 'Indexed', completions: 5, parallelism: 3 }, { completedIndexes: '0' });
    const res = syncJob(job, [newPod('p2', { index: 2 })], NOW);
    expect(ofType(res.actions, 'CreatePod').map((a) => a.index)).toEqual([1, 3]);
  });
});

describe("which pods are the job's (ClaimPods)", () => {
  test('pods controlled by something else are ignored', () => {
    const stranger = {
      ...newPod('s'),
      metadata: { ...newPod('s').metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs', controller: true }] },
    };
    const res = syncJob(newJob({ completions: 1, parallelism: 1 }), [stranger], NOW);
    expect(ofType(res.actions, 'CreatePod')).toHaveLength(1);
    expect(ofType(res.actions, 'DeletePod')).toHaveLength(0);
  });
  test('matching orphans are adopted and tracked; non-matching ones ignored', () => {
    const orphan = (name: string, labels: Record<string, string>) => ({
      metadata: { name, uid: name, namespace: 'default', labels },
      status: { phase: 'Succeeded' },
    });
    const res = syncJob(newJob({ completions: 2, parallelism: 1 }), [orphan('o1', { foo: 'bar' }), orphan('o2', { foo: 'baz' })], NOW);
    expect(ofType(res.actions, 'RemovePodFinalizer').map((a) => a.name)).toEqual(['o1']);
    expect(res.status.succeeded).toBe(1);
    // The adoption patch comes first (ClaimPods runs before the pass decides anything).
    expect(res.actions[0]).toEqual({ type: 'AdoptPod', name: 'o1', uid: 'o1' });
    expect(ofType(res.actions, 'AdoptPod')).toHaveLength(1);
  });
  test('adoption and release applied: the orphan gets the controller reference and finalizer, the released pod loses both', () => {
    const job = newJob({ completions: 3, parallelism: 2 });
    const orphan = { metadata: { name: 'o', uid: 'o', namespace: 'default', labels: { foo: 'bar' } }, status: { phase: 'Running' } };
    const a = newPod('a', { phase: 'Running' });
    const unmatched = { ...a, metadata: { ...a.metadata, labels: {} } };
    const res = syncJob(job, [unmatched, orphan], NOW);
    expect(res.actions.slice(0, 2)).toEqual([
      { type: 'RemovePodFinalizer', name: 'a', uid: 'a', release: true },
      { type: 'AdoptPod', name: 'o', uid: 'o' },
    ]);
    const after = applyActions({ job, pods: [unmatched, orphan] }, res.actions.slice(0, 2), { now: NOW, generateName: (p) => `${p}x` });
    const [ra, ro] = after.pods;
    expect(ra!.metadata.ownerReferences ?? []).toEqual([]);
    expect(ra!.metadata.finalizers ?? []).toEqual([]);
    expect(ro!.metadata.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(ro!.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    // The next pass finds the adopted pod its own: nothing left to claim.
    const next = syncJob(after.job, after.pods, NOW);
    expect(ofType(next.actions, 'AdoptPod')).toHaveLength(0);
  });
  test('owned pods that no longer match the selector are released (finalizer dropped, not counted)', () => {
    const p = newPod('a', { phase: 'Succeeded' });
    const res = syncJob(newJob({ completions: 1, parallelism: 1 }, { active: 1 }), [{ ...p, metadata: { ...p.metadata, labels: {} } }], NOW);
    expect(res.actions[0]).toEqual({ type: 'RemovePodFinalizer', name: 'a', uid: 'a', release: true });
    expect(ofType(res.actions, 'CreatePod')).toHaveLength(1);
    expect(res.status.succeeded).toBe(0);
  });
});

describe('suspend and resume', () => {
  test('suspending clears startTime (v1.37; KEP-5440)', () => {
    const res = syncJob(newJob({ suspend: true }, { startTime: '2025-12-31T00:00:00Z' }), [], NOW);
    expect(res.status.startTime).toBeUndefined();
  });
  test('resuming sets startTime to now and records Resumed', () => {
    const job = newJob({ suspend: false }, { conditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }] });
    const res = syncJob(job, [], NOW);
    expect(res.status.startTime).toBe('2026-01-01T00:00:00Z');
    expect(res.status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([['Suspended', 'False', 'JobResumed']]);
    expect(ofType(res.actions, 'RecordEvent').map((e) => e.reason)).toContain('Resumed');
  });
});

describe('early exits', () => {
  test('managed by another controller: nothing', () => {
    expect(syncJob(newJob({ managedBy: 'example.com/other' }), [], NOW).actions).toEqual([]);
  });
  test('finished job: nothing, backoff record dropped', () => {
    const job = newJob({}, { conditions: [{ type: 'Complete', status: 'True' }] });
    const res = syncJob(job, [], NOW, { backoff: { failuresAfterLastSuccess: 3 } });
    expect(res.actions).toEqual([]);
    expect(res.backoff).toEqual({ failuresAfterLastSuccess: 0 });
  });
  test('unknown completion mode: warning event only', () => {
    const res = syncJob(newJob({ completionMode: 'Weird' }), [], NOW);
    expect(res.actions).toEqual([
      { type: 'RecordEvent', eventType: 'Warning', reason: 'UnknownCompletionMode', message: 'Skipped Job sync because completion mode is unknown' },
    ]);
  });
  test('indexed job without completions: a clear error naming the field', () => {
    const res = syncJob(newJob({ completionMode: 'Indexed', completions: undefined }), [], NOW);
    expect(res.error).toMatch(/spec\.completions/);
    expect(res.actions).toEqual([]);
  });
});
