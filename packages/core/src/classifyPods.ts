// Steps 2 of syncJob (pkg/controller/job/job_controller.go, k8s.io/kubernetes v1.37.2): what the
// pass reads from the Job and the controller's memory (upstream's syncJobCtx fields), and the one
// walk over the pods that classifies them (getPodsForJob's claim, then the counters and lists
// syncJob, trackJobStatusAndRemoveFinalizers and manageJob read: active, ready, terminating,
// newly finished, indexes).
import { emptyBackoffRecord } from '@jobkit/backoff';
import { getCompletionIndex } from '@jobkit/indexes';
import { matchPodFailurePolicy } from '@jobkit/policy';
import { CompletionModes, MaxPodCreateDeletePerSync, MaxUncountedPods, type Job, type Pod } from '@jobkit/api';
import { claimPods } from './internal/claimPods.js';
import type { PassInputs, PodClassification } from './internal/context.js';
import { hasTrackingFinalizer, isPodActive, isPodFailed, isPodReady, isPodTerminating, onlyReplaceFailedPods, podUid } from './internal/podState.js';
import { formatTime } from './internal/time.js';
import type { SyncOptions } from './types.js';

const MaxInt32 = 2_147_483_647;
const noIndex = (): number => -1;

/** The pass's read-only inputs, with upstream's defaults for fields an un-defaulted Job leaves out. */
export function passInputs(job: Job, now: Date, options: SyncOptions): PassInputs {
  const spec = job.spec;
  const indexed = spec.completionMode === CompletionModes.Indexed;
  const backoffLimitPerIndex = spec.backoffLimitPerIndex ?? undefined;
  const uncounted = job.status?.uncountedTerminatedPods;
  return {
    job,
    now,
    nowStr: formatTime(now),
    // Parsing the annotation is cheaper than any per-pod cache keyed by object.
    indexOf: indexed ? getCompletionIndex : noIndex,
    indexed,
    completions: spec.completions ?? undefined,
    parallelism: spec.parallelism ?? 1,
    backoffLimit: spec.backoffLimit ?? (backoffLimitPerIndex !== undefined ? MaxInt32 : 6),
    backoffLimitPerIndex,
    podFailurePolicy: spec.podFailurePolicy ?? undefined,
    onlyReplaceFailedPods: onlyReplaceFailedPods(spec),
    suspended: spec.suspend === true,
    expectedRmFinalizers: new Set(options.finalizerRemovalsPending ?? []),
    expectationsSatisfied: options.expectationsSatisfied ?? true,
    uncountedSucceeded: new Set(uncounted?.succeeded ?? []),
    uncountedFailed: new Set(uncounted?.failed ?? []),
    maxUncountedPods: options.maxUncountedPods ?? MaxUncountedPods,
    maxPodCreateDeletePerSync: options.maxPodCreateDeletePerSync ?? MaxPodCreateDeletePerSync,
    prevBackoff: options.backoff ?? emptyBackoffRecord,
  };
}

/**
 * Claims the listed pods (selector + controllerRef) and classifies them in one walk: active,
 * ready, terminating, and the newly finished pods to count (tracked: finalizer, removal not in
 * flight, valid index; not yet in the uncounted lists).
 */
export function classifyPods(inputs: PassInputs, listedPods: readonly Pod[]): PodClassification {
  const { indexed, indexOf, expectedRmFinalizers: expected, uncountedSucceeded, uncountedFailed, onlyReplaceFailedPods: onlyFailed } = inputs;
  const completions = inputs.completions ?? 0;
  const { pods, released } = claimPods(inputs.job, listedPods);
  const activePods: Pod[] = [];
  const activeIndexes: number[] = [];
  let readyPods = 0;
  let terminatingPods = 0;
  const newSucceeded: Pod[] = [];
  const newFailed: Pod[] = [];
  const succeededWithFinalizerIndexes: number[] = [];
  const finishedTracked: Pod[] = [];
  const uncountedWithFinalizer = new Set<string>();
  const anyUncounted = uncountedSucceeded.size + uncountedFailed.size > 0;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    const phase = p.status?.phase;
    const ix = indexed ? indexOf(p) : -1;
    if (isPodActive(p)) {
      activePods.push(p);
      if (indexed) activeIndexes.push(ix);
      if (isPodReady(p)) readyPods++;
    } else if (isPodTerminating(p)) terminatingPods++;
    if (!hasTrackingFinalizer(p)) continue;
    const uid = podUid(p);
    const pending = expected.size > 0 && expected.has(uid);
    if (!pending && anyUncounted && (uncountedSucceeded.has(uid) || uncountedFailed.has(uid))) uncountedWithFinalizer.add(uid);
    const succeeded = phase === 'Succeeded';
    if (!succeeded && !isPodFailed(p, onlyFailed)) continue;
    if (indexed && succeeded && ix >= 0 && ix < completions) succeededWithFinalizerIndexes.push(ix);
    if (pending) continue;
    finishedTracked.push(p);
    if (indexed && (ix < 0 || ix >= completions)) continue;
    if (succeeded) {
      if (!uncountedSucceeded.has(uid)) newSucceeded.push(p);
    } else if (!uncountedFailed.has(uid)) newFailed.push(p);
  }
  let newFailedCounted = newFailed.length;
  const policy = inputs.podFailurePolicy;
  if (policy !== undefined) {
    for (const p of newFailed) if (!matchPodFailurePolicy(policy, p).countFailed) newFailedCounted--;
  }
  return {
    pods,
    released,
    activePods,
    activeIndexes,
    readyPods,
    terminatingPods,
    newSucceeded,
    newFailed,
    newFailedCounted,
    succeededWithFinalizerIndexes,
    finishedTracked,
    uncountedWithFinalizer,
  };
}
