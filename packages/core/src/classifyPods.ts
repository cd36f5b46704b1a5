// Steps 2 of syncJob (pkg/controller/job/job_controller.go, k8s.io/kubernetes v1.37.2): what the
// pass reads from the Job and the controller's memory (upstream's syncJobCtx fields), and the one
// walk over the pods that classifies them (getPodsForJob's claim, then the counters and lists
// syncJob, trackJobStatusAndRemoveFinalizers and manageJob read: active, ready, terminating,
// newly finished, indexes).
import { emptyBackoffRecord } from '@jobkit/backoff';
import { getCompletionIndex } from '@jobkit/indexes';
import { matchPodFailurePolicy } from '@jobkit/policy';
import { CompletionModes, formatValidTime, MaxPodCreateDeletePerSync, MaxUncountedPods, type Job, type Pod } from '@jobkit/api';
import { adopted, Claim, podClaimer } from './internal/claimPods.js';
import { podError } from './internal/inputShape.js';
import { trackingFinalizerOf } from './internal/trackingFinalizer.js';
import type { PassInputs, PodClassification } from './internal/context.js';
import { hasTrackingFinalizer, isPodFailed, isPodReady, onlyReplaceFailedPods, podUid } from './internal/podState.js';
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
    nowStr: formatValidTime(now),
    // Parsing the annotation is cheaper than any per-pod cache keyed by object.
    indexOf: indexed ? getCompletionIndex : noIndex,
    indexed,
    completions: spec.completions ?? undefined,
    parallelism: spec.parallelism ?? 1,
    backoffLimit: spec.backoffLimit ?? (backoffLimitPerIndex !== undefined ? MaxInt32 : 6),
    backoffLimitPerIndex,
    podFailurePolicy: spec.podFailurePolicy ?? undefined,
    onlyReplaceFailedPods: onlyReplaceFailedPods(spec),
    trackingFinalizer: trackingFinalizerOf(options),
    suspended: spec.suspend === true,
    expectedRmFinalizers: new Set(options.finalizerRemovalsPending ?? []),
    expectationsSatisfied: options.expectationsSatisfied ?? true,
    uncountedSucceeded: new Set(uncounted?.succeeded ?? []),
    uncountedFailed: new Set(uncounted?.failed ?? []),
    maxUncountedPods: options.maxUncountedPods ?? MaxUncountedPods,
    maxPodCreateDeletePerSync: options.maxPodCreateDeletePerSync ?? MaxPodCreateDeletePerSync,
    prevBackoff: options.backoff ?? emptyBackoffRecord,
    failedCreates: Math.max(0, options.callFailures?.creates ?? 0),
    failedDeletes: new Set(options.callFailures?.deletes ?? []),
    failedRemovals: new Set(options.callFailures?.finalizerRemovals ?? []),
  };
}

/** A listed pod failed the shape check: the field and why, as "pods[i].field: message". */
export interface MalformedPod {
  readonly error: string;
}

/**
 * Claims the listed pods (selector + controllerRef) and classifies them in one walk, which also
 * checks each pod's shape (the pod half of the input check; see earlyExits): active, ready,
 * terminating, and the newly finished pods to count (tracked: finalizer, removal not in flight,
 * valid index; not yet in the uncounted lists). Lists keep upstream's order: the Job's own pods in
 * lister order, then adopted orphans.
 */
export function classifyPods(inputs: PassInputs, listedPods: readonly Pod[]): PodClassification | MalformedPod {
  try {
    return walk(inputs, listedPods);
  } catch (e) {
    // A throwing getter or proxy is the input's fault (as the job half of the check reports it).
    return { error: `input: Invalid value: could not be read (${e instanceof Error ? e.message : 'an exception'})` };
  }
}

function walk(inputs: PassInputs, listedPods: readonly Pod[]): PodClassification | MalformedPod {
  const { indexed, indexOf, expectedRmFinalizers: expected, uncountedSucceeded, uncountedFailed, onlyReplaceFailedPods: onlyFailed } = inputs;
  const completions = inputs.completions ?? 0;
  const finalizer = inputs.trackingFinalizer;
  const claim = podClaimer(inputs.job, finalizer);
  const released: Pod[] = [];
  const ownershipChanges: { pod: Pod; release: boolean }[] = [];
  let owned: Pod[] | undefined; // allocated only when some listed pod is not the Job's own
  let orphans: Pod[] | undefined;
  // While every pod classified so far is a listed pod in place and active, the active pods are a
  // prefix of the list: no copy until one is not (the steady pass never copies).
  let activePods: Pod[] | undefined;
  let activeCount = 0;
  const activeIndexes: number[] = [];
  let readyPods = 0;
  let terminatingPods = 0;
  const newSucceeded: Pod[] = [];
  const newFailed: Pod[] = [];
  const succeededWithFinalizerIndexes: number[] = [];
  const finishedTracked: Pod[] = [];
  const uncountedWithFinalizer = new Set<string>();
  const anyUncounted = uncountedSucceeded.size + uncountedFailed.size > 0;
  const anyExpected = expected.size > 0;

  const classify = (p: Pod): void => {
    const m = p.metadata;
    const phase = p.status?.phase;
    const deleting = m.deletionTimestamp != null;
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const ix = indexed ? indexOf(p) : -1;
    if (activePods === undefined && (terminal || deleting)) activePods = listedPods.slice(0, activeCount);
    if (!terminal) {
      if (!deleting) {
        if (activePods !== undefined) activePods.push(p);
        else activeCount++;
        if (indexed) activeIndexes.push(ix);
        if (isPodReady(p)) readyPods++;
      } else terminatingPods++;
    }
    if (!hasTrackingFinalizer(p, finalizer)) return;
    const succeeded = phase === 'Succeeded';
    // isPodFailed (one home, @jobkit/policy): only finished or deleted pods can be failures.
    const failed = !succeeded && (terminal || deleting) && isPodFailed(p, onlyFailed);
    if (!anyExpected && !anyUncounted && !succeeded && !failed) return; // the steady case: an active tracked pod
    const uid = podUid(p);
    const pending = anyExpected && expected.has(uid);
    if (!pending && anyUncounted && (uncountedSucceeded.has(uid) || uncountedFailed.has(uid))) uncountedWithFinalizer.add(uid);
    if (!succeeded && !failed) return;
    if (indexed && succeeded && ix >= 0 && ix < completions) succeededWithFinalizerIndexes.push(ix);
    if (pending) return;
    finishedTracked.push(p);
    if (indexed && (ix < 0 || ix >= completions)) return;
    if (succeeded) {
      if (!uncountedSucceeded.has(uid)) newSucceeded.push(p);
    } else if (!uncountedFailed.has(uid)) newFailed.push(p);
  };

  for (let i = 0; i < listedPods.length; i++) {
    const p = listedPods[i]!;
    const shapeError = podError(p, i, 'pods');
    if (shapeError !== undefined) return { error: shapeError };
    const c = claim(p);
    if (c === Claim.Owned) {
      owned?.push(p);
      classify(p);
      continue;
    }
    owned ??= listedPods.slice(0, i);
    activePods ??= listedPods.slice(0, activeCount);
    if (c === Claim.Released) {
      released.push(p);
      ownershipChanges.push({ pod: p, release: true });
    } else if (c !== Claim.None) {
      (orphans ??= []).push(adopted(p, c, finalizer));
      ownershipChanges.push({ pod: p, release: false });
    }
  }
  // Orphans come after the Job's own pods (upstream's indexer order), so they are classified last.
  if (orphans !== undefined) for (const p of orphans) classify(p);
  // Still undefined: every listed pod is the Job's own and active.
  activePods ??= listedPods as Pod[];
  const pods = owned === undefined ? listedPods : orphans !== undefined ? owned.concat(orphans) : owned;

  let newFailedCounted = newFailed.length;
  const policy = inputs.podFailurePolicy;
  if (policy !== undefined) {
    for (const p of newFailed) if (!matchPodFailurePolicy(policy, p).countFailed) newFailedCounted--;
  }
  return {
    pods,
    released,
    ownershipChanges,
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
