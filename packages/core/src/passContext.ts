// The per-pass context of syncJob (upstream's syncJobCtx), built in one place: syncJob and the
// tests of each step build it the same way.
import { newBackoffRecord } from '@jobkit/backoff';
import { emptyIntervals } from '@jobkit/indexes';
import type { Job, Pod } from '@jobkit/api';
import { classifyPods, passInputs } from './classifyPods.js';
import { workingStatus, type PassInputs, type PodClassification, type SyncCtx } from './internal/context.js';
import { podName, podUid } from './internal/podState.js';
import type { SyncOptions } from './types.js';

/** The context a pass starts with, from its inputs and its pod classification. */
export function newPassContext(inputs: PassInputs, pods: PodClassification): SyncCtx {
  const status = workingStatus(inputs.job.status);
  // First start: startTime, unless suspended.
  if (status.startTime === undefined && !inputs.suspended) status.startTime = inputs.nowStr;
  return {
    ...inputs,
    ...pods,
    status,
    // ClaimPods' patches come first, in listed order. Releasing a pod drops the tracking finalizer
    // too (the release patch carries both): the pod leaves tracking uncounted.
    actions: pods.ownershipChanges.map(({ pod, release }) =>
      release
        ? { type: 'RemovePodFinalizer', name: podName(pod), uid: podUid(pod), release: true }
        : { type: 'AdoptPod', name: podName(pod), uid: podUid(pod) },
    ),
    requeues: [],
    podFailurePolicyActions: {},
    succeeded: status.succeeded + pods.newSucceeded.length + inputs.uncountedSucceeded.size,
    failed: status.failed + pods.newFailedCounted + inputs.uncountedFailed.size,
    active: pods.activePods.length,
    ready: pods.readyPods,
    terminating: pods.terminatingPods,
    suspendCondChanged: false,
    newBackoffRecord: newBackoffRecord(inputs.prevBackoff, pods.newSucceeded, pods.newFailed),
    savedBackoffRecord: inputs.prevBackoff,
    finishedCondition: undefined,
    prevSucceededIndexes: emptyIntervals,
    succeededIndexes: emptyIntervals,
    failedIndexes: undefined,
    podsWithDelayedDeletionPerIndex: new Map(),
  };
}

/** The context syncJob builds for (job, pods, now, options) once the early exits passed: for tests of each step. */
export function passContext(job: Job, listedPods: readonly Pod[], now: Date, options: SyncOptions = {}): SyncCtx {
  const inputs = passInputs(job, now, options);
  const pods = classifyPods(inputs, listedPods);
  if ('error' in pods) throw new Error(`passContext: ${pods.error}`);
  return newPassContext(inputs, pods);
}
