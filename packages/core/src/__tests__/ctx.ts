// A SyncCtx for testing the per-concern functions on their own, filled as syncJob fills it.
import { emptyIntervals, getCompletionIndex } from '@jobkit/indexes';
import type { Job, Pod } from '@jobkit/api';
import { workingStatus, type SyncCtx } from '../internal/context.js';
import { isPodActive } from '../internal/podState.js';

export function testCtx(job: Job, pods: readonly Pod[], expectedRmFinalizers: readonly string[] = []): SyncCtx {
  const activePods = pods.filter(isPodActive);
  const completions = job.spec.completions;
  return {
    job,
    now: new Date('2026-01-01T00:00:00Z'),
    nowStr: '2026-01-01T00:00:00Z',
    pods,
    activePods,
    indexOf: getCompletionIndex,
    indexed: true,
    completions,
    parallelism: job.spec.parallelism ?? 1,
    backoffLimit: job.spec.backoffLimit ?? 6,
    backoffLimitPerIndex: job.spec.backoffLimitPerIndex,
    podFailurePolicy: job.spec.podFailurePolicy,
    onlyReplaceFailedPods: job.spec.podFailurePolicy !== undefined || job.spec.podReplacementPolicy === 'Failed',
    suspended: false,
    expectedRmFinalizers: new Set(expectedRmFinalizers),
    uncountedSucceeded: new Set(),
    uncountedFailed: new Set(),
    maxUncountedPods: 500,
    maxPodCreateDeletePerSync: 500,
    status: workingStatus(job.status),
    actions: [],
    requeueAfterMs: [],
    succeeded: 0,
    failed: 0,
    ready: 0,
    terminating: 0,
    newBackoffRecord: { failuresAfterLastSuccess: 0 },
    savedBackoffRecord: { failuresAfterLastSuccess: 0 },
    finishedCondition: undefined,
    prevSucceededIndexes: emptyIntervals,
    succeededIndexes: emptyIntervals,
    failedIndexes: undefined,
    podsWithDelayedDeletionPerIndex: new Map(),
    activeIndexes: activePods.map(getCompletionIndex),
    succeededWithFinalizerIndexes: pods
      .filter((p) => p.status?.phase === 'Succeeded' && (p.metadata.finalizers ?? []).includes('batch.kubernetes.io/job-tracking'))
      .map(getCompletionIndex)
      .filter((ix) => ix >= 0 && ix < (completions ?? 0)),
    finishedTracked: [],
    uncountedWithFinalizer: new Set(),
  };
}
