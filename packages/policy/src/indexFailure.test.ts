// Ports of TestIsIndexFailed and TestGetNewIndexFailureCountValue,
// pkg/controller/job/indexed_job_utils_test.go @ 4a37f009ca615534484b1116d0f147f1f23cf067
// (the stored copy nearest to indexed_job_utils.go @ 78fc8e44052f699bf598f84b697b41e5a328c9c5).
import {
  JobCompletionIndexAnnotation,
  JobIndexFailureCountAnnotation,
  JobIndexIgnoredFailureCountAnnotation,
  JobTrackingFinalizer,
  type Job,
  type JobSpec,
  type Pod,
  type PodStatus,
} from '@jobkit/api';
import { getIndexAbsoluteFailureCount } from '@jobkit/indexes';
import { getNewIndexFailureCounts, isIndexFailed } from './indexFailure.js';

/** Like upstream's buildPod(): only what the builder calls set. */
function buildPod(o: { uid?: string; index?: string; failureCount?: string; ignoredCount?: string; status?: PodStatus; deletionTimestamp?: string }): Pod {
  const annotations: Record<string, string> = {};
  if (o.failureCount !== undefined) annotations[JobIndexFailureCountAnnotation] = o.failureCount;
  if (o.ignoredCount !== undefined) annotations[JobIndexIgnoredFailureCountAnnotation] = o.ignoredCount;
  if (o.index !== undefined) annotations[JobCompletionIndexAnnotation] = o.index;
  return {
    metadata: {
      ...(o.uid ? { uid: o.uid } : {}),
      annotations,
      finalizers: [JobTrackingFinalizer],
      ...(o.deletionTimestamp ? { deletionTimestamp: o.deletionTimestamp } : {}),
    },
    status: o.status ?? {},
  };
}
const job = (spec: Partial<JobSpec>): Job => ({ metadata: {}, spec: { template: {}, ...spec } });
const failed: PodStatus = { phase: 'Failed' };
const failIndexOnExit3 = { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }] };
const ignoreDisruption = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };

describe('TestIsIndexFailed', () => {
  const cases: { name: string; job: Job; pod: Pod; want: boolean }[] = [
    {
      name: 'failed pod exceeding backoffLimitPerIndex, when backoffLimitPerIndex=0',
      job: job({ completions: 2, backoffLimitPerIndex: 0 }),
      pod: buildPod({ failureCount: '0', status: failed, index: '0' }),
      want: true,
    },
    {
      name: 'failed pod exceeding backoffLimitPerIndex, when backoffLimitPerIndex=1',
      job: job({ completions: 2, backoffLimitPerIndex: 1 }),
      pod: buildPod({ failureCount: '1', status: failed, index: '1' }),
      want: true,
    },
    {
      name: 'matching FailIndex pod failure policy',
      job: job({ completions: 2, backoffLimitPerIndex: 1, podFailurePolicy: failIndexOnExit3 }),
      pod: buildPod({ failureCount: '0', status: { phase: 'Failed', containerStatuses: [{ state: { terminated: { exitCode: 3 } } }] }, index: '0' }),
      want: true,
    },
  ];
  for (const tc of cases) test(tc.name, () => expect(isIndexFailed(tc.job, tc.pod)).toBe(tc.want));
});

describe('isIndexFailed: details beyond the upstream table', () => {
  const deleted = '2026-01-01T00:00:00Z';
  const cases: { name: string; job: Job; pod: Pod; want: boolean }[] = [
    {
      name: 'failure count below the limit',
      job: job({ completions: 2, backoffLimitPerIndex: 1 }),
      pod: buildPod({ failureCount: '0', status: failed, index: '0' }),
      want: false,
    },
    {
      name: 'running pod is not a failure',
      job: job({ completions: 2, backoffLimitPerIndex: 0 }),
      pod: buildPod({ failureCount: '0', status: { phase: 'Running' }, index: '0' }),
      want: false,
    },
    {
      name: 'terminating pod counts as failed without podFailurePolicy',
      job: job({ completions: 2, backoffLimitPerIndex: 0 }),
      pod: buildPod({ status: { phase: 'Running' }, index: '0', deletionTimestamp: deleted }),
      want: true,
    },
    {
      name: 'terminating pod is not failed with podReplacementPolicy Failed',
      job: job({ completions: 2, backoffLimitPerIndex: 0, podReplacementPolicy: 'Failed' }),
      pod: buildPod({ status: { phase: 'Running' }, index: '0', deletionTimestamp: deleted }),
      want: false,
    },
    {
      name: 'ignored failure does not fail the index',
      job: job({ completions: 2, backoffLimitPerIndex: 0, podFailurePolicy: ignoreDisruption }),
      pod: buildPod({ failureCount: '5', status: { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True' }] }, index: '0' }),
      want: false,
    },
    { name: 'no backoffLimitPerIndex', job: job({ completions: 2 }), pod: buildPod({ failureCount: '5', status: failed, index: '0' }), want: false },
  ];
  for (const tc of cases) test(tc.name, () => expect(isIndexFailed(tc.job, tc.pod)).toBe(tc.want));
});

describe('TestGetNewIndexFailureCountValue', () => {
  const cases: { name: string; job: Job; pod?: Pod; want: [number, number] }[] = [
    { name: 'first pod created', job: job({}), want: [0, 0] },
    {
      name: 'failed pod being replaced with 0 index failure count',
      job: job({}),
      pod: buildPod({ uid: 'a', failureCount: '0', status: failed, index: '0' }),
      want: [1, 0],
    },
    {
      name: 'failed pod being replaced with >0 index failure count',
      job: job({}),
      pod: buildPod({ uid: 'a', failureCount: '3', status: failed, index: '0' }),
      want: [4, 0],
    },
    {
      name: 'failed pod being replaced, matching the ignore rule',
      job: job({ podFailurePolicy: ignoreDisruption }),
      pod: buildPod({ uid: 'a', failureCount: '3', status: { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True' }] }, index: '3' }),
      want: [3, 1],
    },
  ];
  for (const tc of cases) {
    test(tc.name, () => {
      expect(getNewIndexFailureCounts(tc.job, tc.pod)).toEqual({ failureCount: tc.want[0], ignoredFailureCount: tc.want[1] });
    });
  }
  test('ignored count carried over and a counted failure added', () => {
    const pod = buildPod({ failureCount: '2', ignoredCount: '4', status: failed });
    expect(getNewIndexFailureCounts(job({ podFailurePolicy: ignoreDisruption }), pod)).toEqual({ failureCount: 3, ignoredFailureCount: 4 });
    expect(getIndexAbsoluteFailureCount(pod)).toBe(6);
  });
});
