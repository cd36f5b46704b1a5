// mirrorStatus, one named case per rule of docs/multikueue.md. Every status a case writes is
// checked the way the manager's API server checks it, and a second call with the written status
// must find nothing to write.
import { withJobDefaults, type Job, type JobCondition, type JobSpec, type JobStatus } from '@jobkit/api';
import { validateJobStatusUpdate } from '@jobkit/validation';
import { mirrorStatus, type MirrorInput, type MirrorRecord, type MirrorResult } from './index.js';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:01:00Z';
const T2 = '2026-01-01T00:02:00Z';
const T3 = '2026-01-01T00:03:00Z';
const NOW = '2026-01-01T00:10:00Z';
const ManagedBy = 'kueue.x-k8s.io/multikueue';

type SpecIn = Omit<JobSpec, 'template' | 'selector'>;

function baseJob(uid: string, spec: SpecIn, status: JobStatus): Job {
  return {
    ...withJobDefaults({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'ns', uid, resourceVersion: '1', creationTimestamp: T0 },
      spec: {
        ...spec,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        template: {
          metadata: { labels: { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi' } },
          spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' },
        },
      },
    }),
    status,
  };
}

/** The manager's Job: managedBy MultiKueue, unsuspended unless the spec says so. */
const local = (status: JobStatus = {}, spec: SpecIn = {}): Job =>
  baseJob('local-uid', { completions: 5, parallelism: 2, suspend: false, managedBy: ManagedBy, ...spec }, status);
/** A worker's copy, run by the built-in controller. */
const remote = (status: JobStatus = {}, spec: SpecIn = {}, uid = 'remote-a'): Job =>
  baseJob(uid, { completions: 5, parallelism: 2, suspend: false, ...spec }, status);
const cond = (type: string, status = 'True', reason = type, t = T1): JobCondition => ({
  type,
  status,
  reason,
  message: `${type} message`,
  lastProbeTime: t,
  lastTransitionTime: t,
});
const recordA: MirrorRecord = { localUid: 'local-uid', cluster: 'worker-1', remoteUid: 'remote-a', dispatches: 1, baseline: { succeeded: 0, failed: 0 } };

const call = (o: Partial<MirrorInput> & { local: Job }): MirrorResult => mirrorStatus({ remoteCluster: 'worker-1', now: NOW, ...o });
const word = (r: MirrorResult): string => r.reason.split(':')[0]!;
const types = (s: JobStatus | undefined): string[] => (s?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type);

interface Case {
  readonly name: string;
  readonly input: Partial<MirrorInput> & { local: Job };
  readonly word: string;
  /** Checks of the result beyond the common ones. */
  readonly check?: (r: MirrorResult, input: Partial<MirrorInput> & { local: Job }) => void;
}

const cases: readonly Case[] = [
  {
    name: 'copies counters, active, ready and startTime from the running remote',
    input: { local: local(), remote: remote({ startTime: T1, active: 2, ready: 1, failed: 1, succeeded: 1, terminating: 0 }) },
    word: 'Copied',
    check: (r) => {
      expect(r.status).toEqual({ startTime: T1, active: 2, ready: 1, failed: 1, succeeded: 1, terminating: 0 });
      expect(r.record).toEqual({ localUid: 'local-uid', cluster: 'worker-1', remoteUid: 'remote-a', dispatches: 1, baseline: { succeeded: 0, failed: 0 } });
      expect(r.recordChanged).toBe(true);
      expect(r.redispatchAllowed).toBe(true);
    },
  },
  {
    name: 'rule 1: counters continue from the baseline after a change of worker (a verbatim copy decreases failed)',
    input: {
      local: local({ succeeded: 2, failed: 3, conditions: [cond('Suspended', 'False', 'JobResumed')] }),
      remote: remote({ startTime: T2, active: 2, failed: 1 }, {}, 'remote-b'),
      remoteCluster: 'worker-2',
      record: recordA,
    },
    word: 'Copied',
    check: (r, input) => {
      expect(validateJobStatusUpdate(input.local, { ...input.local, status: input.remote!.status })).toContainEqual(
        expect.objectContaining({ field: 'status.failed', detail: 'cannot decrease the failed counter' }),
      );
      expect(r.status).toMatchObject({ succeeded: 2, failed: 4, active: 2, startTime: T2 });
      expect(r.record).toEqual({ localUid: 'local-uid', cluster: 'worker-2', remoteUid: 'remote-b', dispatches: 2, baseline: { succeeded: 2, failed: 3 } });
      expect(r.recordChanged).toBe(true);
    },
  },
  {
    name: 'rule 1: a manager restart after persisting the new record does not add the baseline twice',
    input: {
      local: local({ succeeded: 2, failed: 3 }),
      remote: remote({ startTime: T2, active: 2, failed: 1 }, {}, 'remote-b'),
      remoteCluster: 'worker-2',
      record: { localUid: 'local-uid', cluster: 'worker-2', remoteUid: 'remote-b', dispatches: 2, baseline: { succeeded: 2, failed: 3 } },
    },
    word: 'Copied',
    check: (r) => {
      expect(r.status).toMatchObject({ succeeded: 2, failed: 4 });
      expect(r.recordChanged).toBe(false);
    },
  },
  {
    name: "rule 1: the same remote read stale (lower counters) never lowers the manager's",
    input: {
      local: local({ startTime: T1, active: 1, succeeded: 3, failed: 2 }),
      remote: remote({ startTime: T1, active: 1, succeeded: 2, failed: 2 }),
      record: recordA,
    },
    word: 'Unchanged',
  },
  {
    name: 'rule 9: Indexed completedIndexes are the union across remotes, succeeded their count',
    input: {
      local: local({ succeeded: 2, completedIndexes: '0-1' }, { completionMode: 'Indexed' }),
      remote: remote({ startTime: T2, active: 2, succeeded: 2, completedIndexes: '1,3' }, { completionMode: 'Indexed' }, 'remote-b'),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => {
      expect(r.status).toMatchObject({ completedIndexes: '0,1,3', succeeded: 3 });
      expect(r.record.baseline).toEqual({ succeeded: 2, failed: 0, completedIndexes: '0-1' });
    },
  },
  {
    name: 'rule 9: indexes >= the local completions are dropped after an elastic scale-down (succeeded may drop)',
    input: {
      local: local({ startTime: T1, active: 3, succeeded: 5, completedIndexes: '0-4' }, { completionMode: 'Indexed', completions: 3, parallelism: 3 }),
      remote: remote({ startTime: T1, active: 3, succeeded: 5, completedIndexes: '0-4' }, { completionMode: 'Indexed', completions: 5, parallelism: 5 }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => expect(r.status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 }),
  },
  {
    name: 'rule 1: Indexed succeeded does not drop when completions != parallelism',
    input: {
      local: local({ startTime: T1, active: 1, succeeded: 5, completedIndexes: '0-4' }, { completionMode: 'Indexed', completions: 3, parallelism: 1 }),
      remote: remote({ startTime: T1, active: 1, succeeded: 3, completedIndexes: '0-2' }, { completionMode: 'Indexed', completions: 3, parallelism: 1 }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => expect(r.status).toMatchObject({ completedIndexes: '0-2', succeeded: 5 }),
  },
  {
    name: 'rule 9: failedIndexes are the union across remotes less indexes another worker completed',
    input: {
      local: local({ failed: 2, failedIndexes: '2,4' }, { completionMode: 'Indexed', backoffLimitPerIndex: 1 }),
      remote: remote(
        { startTime: T2, active: 1, succeeded: 1, completedIndexes: '2', failedIndexes: '' },
        { completionMode: 'Indexed', backoffLimitPerIndex: 1 },
        'remote-b',
      ),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => expect(r.status).toMatchObject({ completedIndexes: '2', failedIndexes: '4', succeeded: 1, failed: 2 }),
  },
  {
    name: 'rule 2: a True FailureTarget is kept when a stale read of the remote lacks it',
    input: {
      local: local({ startTime: T1, active: 0, failed: 3, conditions: [cond('FailureTarget', 'True', 'BackoffLimitExceeded')] }),
      remote: remote({ startTime: T1, active: 1, failed: 3 }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => {
      expect(types(r.status)).toEqual(['FailureTarget']);
      expect(r.redispatchAllowed).toBe(false);
    },
  },
  {
    name: 'rule 2: redispatchAllowed turns false with the write that copies SuccessCriteriaMet',
    input: {
      local: local({ startTime: T1, active: 1, succeeded: 4 }),
      remote: remote({ startTime: T1, active: 0, succeeded: 5, conditions: [cond('SuccessCriteriaMet', 'True', 'CompletionsReached')] }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => {
      expect(types(r.status)).toEqual(['SuccessCriteriaMet']);
      expect(r.redispatchAllowed).toBe(false);
    },
  },
  {
    name: 'rule 3: the remote finishes: Complete copied with its completionTime',
    input: {
      local: local({ startTime: T1, active: 0, succeeded: 5, conditions: [cond('SuccessCriteriaMet', 'True', 'CompletionsReached')] }),
      remote: remote({
        startTime: T1,
        completionTime: T2,
        succeeded: 5,
        conditions: [cond('SuccessCriteriaMet', 'True', 'CompletionsReached'), cond('Complete', 'True', 'CompletionsReached', T2)],
      }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => {
      expect(types(r.status)).toEqual(['SuccessCriteriaMet', 'Complete']);
      expect(r.status?.completionTime).toBe(T2);
    },
  },
  {
    name: 'rule 3: a worker older than 1.31 (Failed without FailureTarget): FailureTarget is added',
    input: {
      local: local({ startTime: T1, active: 1, failed: 6 }),
      remote: remote({ startTime: T1, failed: 7, conditions: [cond('Failed', 'True', 'BackoffLimitExceeded', T2)] }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => expect(types(r.status)).toEqual(['FailureTarget', 'Failed']),
  },
  {
    name: 'rule 2: the remote is gone after FailureTarget: the Job is finished on the manager (Failed)',
    input: {
      local: local({ startTime: T1, active: 1, terminating: 1, ready: 1, failed: 3, conditions: [cond('FailureTarget', 'True', 'BackoffLimitExceeded')] }),
      record: recordA,
    },
    word: 'FinishedLocally',
    check: (r) => {
      expect(types(r.status)).toEqual(['FailureTarget', 'Failed']);
      expect(r.status).toMatchObject({ active: 0, terminating: 0, ready: 0, failed: 3, startTime: T1 });
      expect(r.status?.conditions?.[1]).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'FailureTarget message', lastTransitionTime: NOW });
      expect(r.redispatchAllowed).toBe(false);
    },
  },
  {
    name: 'rule 8: the remote (deleted by TTL) is gone after SuccessCriteriaMet: Complete with completionTime now',
    input: {
      local: local({ startTime: T1, succeeded: 5, conditions: [cond('SuccessCriteriaMet', 'True', 'CompletionsReached')] }),
      record: recordA,
    },
    word: 'FinishedLocally',
    check: (r) => {
      expect(types(r.status)).toEqual(['SuccessCriteriaMet', 'Complete']);
      expect(r.status?.completionTime).toBe(NOW);
    },
  },
  {
    name: 'rule 2: a new remote after FailureTarget is not copied from; the Job is finished on the manager',
    input: {
      local: local({ startTime: T1, failed: 3, conditions: [cond('FailureTarget', 'True', 'BackoffLimitExceeded')] }),
      remote: remote({ startTime: T2, active: 2 }, {}, 'remote-b'),
      remoteCluster: 'worker-2',
      record: recordA,
    },
    word: 'FinishedLocally',
    check: (r) => {
      expect(types(r.status)).toEqual(['FailureTarget', 'Failed']);
      expect(r.record).toEqual(recordA);
    },
  },
  {
    name: 'rule 7: local suspended, remote running: deferred, only the suspended window is written (kueue #3685, #8162)',
    input: {
      local: local({ startTime: T1, active: 2, ready: 2, succeeded: 1 }, { suspend: true }),
      remote: remote({ startTime: T1, active: 2, ready: 2, succeeded: 2 }),
      record: recordA,
    },
    word: 'Deferred',
    check: (r) => {
      expect(r.deferred).toBe(true);
      expect(r.status).toEqual({
        active: 0,
        ready: 0,
        succeeded: 1,
        conditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastProbeTime: NOW, lastTransitionTime: NOW }],
      });
    },
  },
  {
    name: 'rule 11: deferred again: nothing to write, no fresh Suspended condition (kueue #11614)',
    input: {
      local: local({ active: 0, ready: 0, succeeded: 1, conditions: [cond('Suspended', 'True', 'JobSuspended')] }, { suspend: true }),
      remote: remote({ startTime: T1, active: 2, ready: 2, succeeded: 2 }),
      record: recordA,
    },
    word: 'Deferred',
    check: (r) => {
      expect(r.status).toBeUndefined();
      expect(r.deferred).toBe(true);
    },
  },
  {
    name: 'rule 7: both suspended: counters copied, active 0, no startTime',
    input: {
      local: local({ startTime: T1, active: 2, succeeded: 1 }, { suspend: true }),
      remote: remote({ active: 0, terminating: 1, succeeded: 2, failed: 1, conditions: [cond('Suspended', 'True', 'JobSuspended', T2)] }, { suspend: true }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => {
      expect(r.status).toMatchObject({ active: 0, terminating: 1, succeeded: 2, failed: 1 });
      expect(r.status?.startTime).toBeUndefined();
      expect(r.status?.conditions).toEqual([cond('Suspended', 'True', 'JobSuspended', T2)]);
      expect(r.deferred).toBe(false);
    },
  },
  {
    name: 'rule 4: local suspended, remote finished: the finished status is copied with its startTime',
    input: {
      local: local({ active: 0, succeeded: 4, conditions: [cond('Suspended', 'True', 'JobSuspended')] }, { suspend: true }),
      remote: remote({
        startTime: T1,
        completionTime: T2,
        succeeded: 5,
        conditions: [cond('SuccessCriteriaMet', 'True', 'CompletionsReached', T2), cond('Complete', 'True', 'CompletionsReached', T2)],
      }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => {
      expect(r.status).toMatchObject({ startTime: T1, completionTime: T2, succeeded: 5, active: 0 });
      expect(types(r.status)).toEqual(['Suspended', 'SuccessCriteriaMet', 'Complete']);
    },
  },
  {
    name: 'rule 6: a worker that suspends clears startTime; the manager keeps it (kubernetes#134769)',
    input: {
      local: local({ startTime: T1, active: 2, succeeded: 1 }),
      remote: remote({ active: 0, succeeded: 1, conditions: [cond('Suspended', 'True', 'JobSuspended', T2)] }, { suspend: true }),
      record: recordA,
    },
    word: 'Copied',
    check: (r, input) => {
      expect(validateJobStatusUpdate(input.local, { ...input.local, status: input.remote!.status })).toContainEqual(
        expect.objectContaining({ field: 'status.startTime' }),
      );
      expect(r.status).toMatchObject({ startTime: T1, active: 0 });
      expect(types(r.status)).toEqual(['Suspended']);
    },
  },
  {
    name: "rule 6: the write that resumes may take the remote's new startTime (kubernetes#134521)",
    input: {
      local: local({ startTime: T1, active: 0, succeeded: 1, conditions: [cond('Suspended', 'True', 'JobSuspended', T2)] }),
      remote: remote({ startTime: T3, active: 2, succeeded: 1, conditions: [cond('Suspended', 'False', 'JobResumed', T3)] }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => {
      expect(r.status).toMatchObject({ startTime: T3, active: 2 });
      expect(r.status?.conditions).toEqual([cond('Suspended', 'False', 'JobResumed', T3)]);
    },
  },
  {
    name: "rule 6: the manager's Job resumed onto a new remote: Suspended=False, startTime from the remote",
    input: {
      local: local({ succeeded: 1, conditions: [cond('Suspended', 'True', 'JobSuspended')] }),
      remote: remote({ startTime: T3, active: 2 }, {}, 'remote-b'),
      remoteCluster: 'worker-2',
      record: recordA,
    },
    word: 'Copied',
    check: (r) => {
      expect(r.status).toMatchObject({ startTime: T3, active: 2, succeeded: 1 });
      expect(r.status?.conditions).toEqual([
        { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed', lastProbeTime: NOW, lastTransitionTime: NOW },
      ]);
    },
  },
  {
    name: "rule 10: the worker's uncounted pod UIDs are never copied",
    input: {
      local: local({ startTime: T1, active: 2 }),
      remote: remote({ startTime: T1, active: 1, uncountedTerminatedPods: { succeeded: ['worker-pod-1'], failed: [] } }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => expect(r.status?.uncountedTerminatedPods).toBeUndefined(),
  },
  {
    name: 'rule 10: uncounted UIDs a verbatim copy left on the manager are dropped',
    input: {
      local: local({ startTime: T1, active: 1, uncountedTerminatedPods: { failed: ['worker-pod-2'] } }),
      remote: remote({ startTime: T1, active: 1, failed: 1, uncountedTerminatedPods: {} }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => expect(r.status).toEqual({ startTime: T1, active: 1, failed: 1, succeeded: 0 }),
  },
  {
    name: "rule 8: completionTime never before the manager's startTime (worker clocks differ)",
    input: {
      local: local({ startTime: T2, succeeded: 5, conditions: [cond('SuccessCriteriaMet', 'True', 'CompletionsReached')] }),
      remote: remote({
        startTime: T0,
        completionTime: T1,
        succeeded: 5,
        conditions: [cond('SuccessCriteriaMet', 'True', 'CompletionsReached'), cond('Complete', 'True', 'CompletionsReached')],
      }),
      record: recordA,
    },
    word: 'Copied',
    check: (r) => expect(r.status).toMatchObject({ startTime: T2, completionTime: T2 }),
  },
  {
    name: 'rule 11: a condition that differs only in timestamps is not written',
    input: {
      local: local({ startTime: T1, active: 1, succeeded: 5, conditions: [cond('SuccessCriteriaMet', 'True', 'CompletionsReached', T1)] }),
      remote: remote({ startTime: T0, active: 1, succeeded: 5, conditions: [cond('SuccessCriteriaMet', 'True', 'CompletionsReached', T3)] }),
      record: recordA,
    },
    word: 'Unchanged',
  },
  {
    name: 'a finished manager Job: nothing more is mirrored',
    input: {
      local: local({ startTime: T1, completionTime: T2, succeeded: 5, conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }),
      remote: remote({ startTime: T1, succeeded: 6 }),
      record: recordA,
    },
    word: 'Finished',
    check: (r) => expect(r.redispatchAllowed).toBe(false),
  },
  {
    name: 'no remote, manager Job running: nothing to write, re-dispatch allowed',
    input: { local: local({ startTime: T1, active: 2 }), record: recordA },
    word: 'NoRemote',
    check: (r) => expect(r.redispatchAllowed).toBe(true),
  },
  {
    name: 'rule 7: no remote, manager Job suspended for re-dispatch: startTime cleared, active 0',
    input: { local: local({ startTime: T1, active: 2, ready: 1, failed: 1 }, { suspend: true }), record: recordA },
    word: 'Suspended',
    check: (r) => {
      expect(r.status).toMatchObject({ active: 0, ready: 0, failed: 1 });
      expect(r.status?.startTime).toBeUndefined();
      expect(types(r.status)).toEqual(['Suspended']);
    },
  },
  {
    name: 'a record made for another Job (annotations copied onto a re-created Job) is ignored',
    input: {
      local: local({ startTime: T1, active: 1, failed: 1 }),
      remote: remote({ startTime: T1, active: 1, failed: 1 }, {}, 'remote-b'),
      record: { ...recordA, localUid: 'old-local-uid', baseline: { succeeded: 0, failed: 7 } },
    },
    word: 'Unchanged',
    check: (r) =>
      expect(r.record).toEqual({ localUid: 'local-uid', cluster: 'worker-1', remoteUid: 'remote-b', dispatches: 1, baseline: { succeeded: 0, failed: 0 } }),
  },
  {
    name: "a remote status the manager's API server rejects is not written (ready > active)",
    input: { local: local({ startTime: T1, active: 1 }), remote: remote({ startTime: T1, active: 1, ready: 2 }), record: recordA },
    word: 'Rejected',
    check: (r) => {
      expect(r.status).toBeUndefined();
      expect(r.violations).toEqual([{ type: 'FieldValueInvalid', field: 'status.ready', detail: 'cannot set more ready pods than active', value: 2 }]);
    },
  },
  {
    name: 'bad input names the field: a remote without uid, no cluster, a bad time, a bad record',
    input: {
      local: local(),
      remote: { ...remote(), metadata: { name: 'pi' } },
      remoteCluster: '',
      now: 'yesterday',
      record: { dispatches: -1, baseline: { succeeded: 0, failed: 0 } },
    },
    word: 'Invalid',
    check: (r) => {
      expect(r.violations.map((v) => v.field)).toEqual(['now', 'remote.metadata.uid', 'remoteCluster', 'record.dispatches']);
      expect(r.status).toBeUndefined();
      expect(r.redispatchAllowed).toBe(false);
    },
  },
  {
    // A wrong type (a negative count decodes, as in Go: its range is validation's).
    name: 'bad input names the field: a local Job with a counter that is not an integer',
    input: { local: { ...local(), status: { failed: 'one' } } },
    word: 'Invalid',
    check: (r) => expect(r.violations).toEqual([expect.objectContaining({ field: 'local.status.failed' })]),
  },
];

describe('mirrorStatus', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = call(c.input);
    expect(word(r)).toBe(c.word);
    expect(JSON.parse(JSON.stringify(r.record))).toEqual(r.record);
    if (r.status !== undefined) {
      expect(r.violations).toEqual([]);
      expect(validateJobStatusUpdate(c.input.local, { ...c.input.local, status: r.status })).toEqual([]);
      // Idempotent: the written status with the persisted record gives nothing more to write.
      const again = call({ ...c.input, local: { ...c.input.local, status: r.status }, record: r.record, now: '2026-01-01T01:00:00Z' });
      expect(again.status).toBeUndefined();
      expect(again.recordChanged).toBe(false);
    }
    c.check?.(r, c.input);
  });

  test('never throws on hostile input', () => {
    for (const bad of [undefined, null, 42, {}, { local: 'x', now: NOW }, { local: local(), remote: 7, now: NOW }]) {
      const r = mirrorStatus(bad as unknown as MirrorInput);
      expect(word(r)).toBe('Invalid');
      expect(r.violations.length).toBeGreaterThan(0);
    }
  });

  test('accepts client-node Dates for timestamps', () => {
    const r = call({
      local: local(),
      remote: { ...remote(), status: { startTime: new Date(T1) as unknown as string, active: 1 } },
      now: new Date(NOW),
    });
    expect(r.status?.startTime).toBe(T1);
  });
});
