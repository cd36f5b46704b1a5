// Mirrors syncJob of pkg/controller/job/job_controller.go (k8s.io/kubernetes v1.37.2, every Job
// feature gate on; checked case by case against it with tools/oracle): one reconcile pass of a
// Job, returning its side effects as actions.
import { emptyBackoffRecord, newBackoffRecord, type BackoffRecord } from '@jobkit/backoff';
import { countIndexes, emptyIntervals, formatIntervals, getCompletionIndex } from '@jobkit/indexes';
import { matchPodFailurePolicy, matchSuccessPolicy } from '@jobkit/policy';
import {
  CompletionModes,
  EventReason,
  JobConditionTypes,
  JobControllerName,
  JobReason,
  MaxPodCreateDeletePerSync,
  MaxUncountedPods,
  PodReplacementPolicies,
  type Job,
  type JobCondition,
  type Pod,
} from '@jobkit/api';
import { calculateFailedIndexes, calculateSucceededIndexes, podsWithDelayedDeletionPerIndex } from './indexedJob.js';
import { ensureConditionStatus, findCondition, isJobFinished, newCondition } from './internal/conditions.js';
import { workingStatus, type SyncCtx } from './internal/context.js';
import { claimPods, selectorError } from './internal/claimPods.js';
import { inputShapeError } from './internal/inputShape.js';
import { hasTrackingFinalizer, isPodActive, isPodFailed, isPodReady, isPodTerminating, podName, podUid } from './internal/podState.js';
import { formatTime, parseTime } from './internal/time.js';
import { deletePodAction, manageJob } from './manageJob.js';
import { trackJobStatusAndRemoveFinalizers } from './tracking.js';
import type { Action, SyncOptions, SyncResult } from './types.js';

const MaxInt32 = 2_147_483_647;

function noop(job: Job, backoff: BackoffRecord, actions: Action[] = [], error?: string): SyncResult {
  return { actions, status: job.status ?? {}, backoff, ...(error !== undefined ? { error } : {}) };
}

/** Sum of container restarts of pending/running pods reaches backoffLimit (restartPolicy OnFailure only). */
function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[], backoffLimit: number): boolean {
  if (job.spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    const phase = p.status?.phase;
    if (phase !== 'Running' && phase !== 'Pending') continue;
    for (const c of p.status?.initContainerStatuses ?? []) restarts += c.restartCount ?? 0;
    for (const c of p.status?.containerStatuses ?? []) restarts += c.restartCount ?? 0;
  }
  return backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit;
}

/**
 * One reconcile pass of the Job controller: from the Job, its pods and the controller's memory,
 * the pod creations/deletions, finalizer removals, status writes and events upstream performs,
 * in the order it performs them. Pure: reads no clock (`now` is the pass's time).
 *
 * @category Reconcile
 * @example
 * const { actions, status, backoff } = syncJob(job, pods, new Date('2026-01-01T00:00:00Z'));
 */
export function syncJob(job: Job, listedPods: readonly Pod[], now: Date, options: SyncOptions = {}): SyncResult {
  const shapeError = inputShapeError(job, listedPods, now, options);
  if (shapeError !== undefined) {
    // Echo what can be echoed safely: the inputs are not to be trusted here.
    const o: unknown = options;
    const backoff = typeof o === 'object' && o !== null && typeof (o as SyncOptions).backoff === 'object' && (o as SyncOptions).backoff !== null ? (o as SyncOptions).backoff! : emptyBackoffRecord;
    const j: unknown = job;
    const status = typeof j === 'object' && j !== null && typeof (j as Job).status === 'object' && (j as Job).status !== null ? (j as Job).status! : {};
    return { actions: [], status, backoff, error: shapeError };
  }
  const prevBackoff = options.backoff ?? emptyBackoffRecord;
  const spec = job.spec;
  // 1. Jobs managed by another controller are not ours.
  if (spec.managedBy !== undefined && spec.managedBy !== null && spec.managedBy !== JobControllerName) return noop(job, prevBackoff);
  // 2. Finished jobs: nothing to do; the backoff record is dropped.
  if (isJobFinished(job)) return noop(job, emptyBackoffRecord);
  // 3. Unknown completion mode.
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== null && mode !== CompletionModes.NonIndexed && mode !== CompletionModes.Indexed) {
    return noop(job, prevBackoff, [
      { type: 'RecordEvent', eventType: 'Warning', reason: EventReason.UnknownCompletionMode, message: 'Skipped Job sync because completion mode is unknown' },
    ]);
  }
  const indexed = mode === CompletionModes.Indexed;
  const completions = spec.completions ?? undefined;
  if (indexed && completions === undefined) return noop(job, prevBackoff, [], 'spec.completions: Required value: when completion mode is Indexed');

  const badSelector = selectorError(spec.selector);
  if (badSelector !== undefined) return noop(job, prevBackoff, [], `couldn't convert Job selector: ${badSelector}`);
  // Upstream lists pods by owner (controller_utils.go FilterPodsByOwner), which refuses an owner
  // without a namespace, name or UID: the pass stops there with an error.
  const ownerError = !job.metadata.namespace ? 'metadata.namespace: no owner namespace provided'
    : !job.metadata.name ? 'metadata.name: no owner name provided'
    : !job.metadata.uid ? 'metadata.uid: no owner uid provided' : undefined;
  if (ownerError !== undefined) return noop(job, prevBackoff, [], ownerError);
  const { pods, released } = claimPods(job, listedPods);
  const nowStr = formatTime(now);
  const podFailurePolicy = spec.podFailurePolicy ?? undefined;
  const backoffLimitPerIndex = spec.backoffLimitPerIndex ?? undefined;
  // v1.37.2 onlyReplaceFailedPods: the policy field alone. (Older releases also looked at
  // podFailurePolicy; the API server defaults podReplacementPolicy to Failed when one is set.)
  const onlyReplaceFailedPods = spec.podReplacementPolicy === PodReplacementPolicies.Failed;
  const status = workingStatus(job.status);
  const expected = new Set(options.finalizerRemovalsPending ?? []);
  const uncountedSucceeded = new Set(status.uncounted.succeeded);
  const uncountedFailed = new Set(status.uncounted.failed);
  const suspended = spec.suspend === true;

  // Parsing the annotation is cheaper than any per-pod cache keyed by object.
  const indexOf = indexed ? getCompletionIndex : (): number => -1;

  // One walk over the pods: active, ready, terminating, and the newly finished pods (tracked:
  // finalizer, not expected-removed, valid index; and not yet in the uncounted lists).
  const activePods: Pod[] = [];
  let ready = 0;
  let terminating = 0;
  const newSucceeded: Pod[] = [];
  const newFailed: Pod[] = [];
  // Indexed: indexes of the active pods and of Succeeded pods with a finalizer, read here once
  // so later steps need not walk 10^5 pods again.
  const activeIndexes: number[] = [];
  const succeededWithFinalizerIndexes: number[] = [];
  // For status tracking: finished pods still tracked, and uncounted UIDs whose pod keeps its finalizer.
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
      if (isPodReady(p)) ready++;
    } else if (isPodTerminating(p)) terminating++;
    if (!hasTrackingFinalizer(p)) continue;
    const uid = podUid(p);
    const pending = expected.size > 0 && expected.has(uid);
    if (!pending && anyUncounted && (uncountedSucceeded.has(uid) || uncountedFailed.has(uid))) uncountedWithFinalizer.add(uid);
    const succeeded = phase === 'Succeeded';
    if (!succeeded && !isPodFailed(p, onlyReplaceFailedPods)) continue;
    if (indexed && succeeded && ix >= 0 && ix < completions!) succeededWithFinalizerIndexes.push(ix);
    if (pending) continue;
    finishedTracked.push(p);
    if (indexed && (ix < 0 || ix >= completions!)) continue;
    if (succeeded) {
      if (!uncountedSucceeded.has(uid)) newSucceeded.push(p);
    } else if (!uncountedFailed.has(uid)) newFailed.push(p);
  }

  const actions: Action[] = [];
  // Releasing a pod drops the tracking finalizer too (the release patch carries both); the pod
  // leaves tracking uncounted.
  for (const p of released) actions.push({ type: 'RemovePodFinalizer', name: podName(p), uid: podUid(p) });

  const ctx: SyncCtx = {
    job,
    now,
    nowStr,
    pods,
    activePods,
    indexOf,
    indexed,
    completions,
    parallelism: spec.parallelism ?? 1,
    backoffLimit: spec.backoffLimit ?? (backoffLimitPerIndex !== undefined ? MaxInt32 : 6),
    backoffLimitPerIndex,
    podFailurePolicy,
    onlyReplaceFailedPods,
    suspended,
    expectedRmFinalizers: expected,
    uncountedSucceeded,
    uncountedFailed,
    maxUncountedPods: options.maxUncountedPods ?? MaxUncountedPods,
    maxPodCreateDeletePerSync: options.maxPodCreateDeletePerSync ?? MaxPodCreateDeletePerSync,
    status,
    actions,
    requeueAfterMs: [],
    succeeded: 0,
    failed: 0,
    ready,
    terminating,
    newBackoffRecord: prevBackoff,
    savedBackoffRecord: prevBackoff,
    finishedCondition: undefined,
    prevSucceededIndexes: emptyIntervals,
    succeededIndexes: emptyIntervals,
    failedIndexes: undefined,
    podsWithDelayedDeletionPerIndex: new Map(),
    activeIndexes,
    succeededWithFinalizerIndexes,
    finishedTracked,
    uncountedWithFinalizer,
  };

  let nonIgnoredFailed = newFailed.length;
  if (podFailurePolicy !== undefined) {
    for (const p of newFailed) if (!matchPodFailurePolicy(podFailurePolicy, p).countFailed) nonIgnoredFailed--;
  }
  ctx.succeeded = status.succeeded + newSucceeded.length + uncountedSucceeded.size;
  ctx.failed = status.failed + nonIgnoredFailed + uncountedFailed.size;

  // First start: startTime, unless suspended.
  if (status.startTime === undefined && !suspended) status.startTime = nowStr;

  ctx.newBackoffRecord = newBackoffRecord(prevBackoff, newSucceeded, newFailed);

  // Terminal-condition evaluation, in upstream's precedence.
  const failure = (reason: string, message: string): JobCondition =>
    newCondition(JobConditionTypes.FailureTarget, 'True', reason, message, nowStr);
  const scm = status.conditions.find((c) => c.type === JobConditionTypes.SuccessCriteriaMet && c.status === 'True');
  ctx.finishedCondition = scm;
  if (ctx.finishedCondition === undefined) {
    const ft = findCondition(status.conditions, JobConditionTypes.FailureTarget);
    if (ft !== undefined && ft.status === 'True') {
      ctx.finishedCondition = newCondition(JobConditionTypes.Failed, 'True', ft.reason ?? '', ft.message ?? '', nowStr);
    } else if (podFailurePolicy !== undefined) {
      for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
        if (!isPodFailed(p, onlyReplaceFailedPods)) continue;
        const msg = matchPodFailurePolicy(podFailurePolicy, p).jobFailureMessage;
        if (msg !== undefined && msg !== null) {
          ctx.finishedCondition = newCondition(JobConditionTypes.FailureTarget, 'True', JobReason.PodFailurePolicy, msg, nowStr);
          break;
        }
      }
    }
  }
  if (ctx.finishedCondition === undefined) {
    const ads = spec.activeDeadlineSeconds ?? undefined;
    const start = parseTime(status.startTime);
    if (ctx.failed > ctx.backoffLimit || pastBackoffLimitOnFailure(job, pods, ctx.backoffLimit)) {
      ctx.finishedCondition = failure(JobReason.BackoffLimitExceeded, 'Job has reached the specified backoff limit');
    } else if (ads !== undefined && start !== undefined && !suspended && now.getTime() - start >= ads * 1000) {
      ctx.finishedCondition = failure(JobReason.DeadlineExceeded, 'Job was active longer than specified deadline');
    } else if (ads !== undefined && !suspended) {
      ctx.requeueAfterMs.push(ads * 1000 - (now.getTime() - (start ?? now.getTime())));
    }
  }

  if (indexed) {
    const { prev, current } = calculateSucceededIndexes(ctx);
    ctx.prevSucceededIndexes = prev;
    ctx.succeededIndexes = current;
    ctx.succeeded = countIndexes(current);
    if (backoffLimitPerIndex !== undefined) {
      ctx.failedIndexes = calculateFailedIndexes(ctx);
      if (ctx.finishedCondition === undefined) {
        const nFailed = countIndexes(ctx.failedIndexes);
        const maxFailed = spec.maxFailedIndexes ?? undefined;
        if (maxFailed !== undefined && nFailed > maxFailed) {
          ctx.finishedCondition = failure(JobReason.MaxFailedIndexesExceeded, 'Job has exceeded the specified maximal number of failed indexes');
        } else if (nFailed > 0 && nFailed + ctx.succeeded >= completions!) {
          ctx.finishedCondition = failure(JobReason.FailedIndexes, 'Job has failed indexes');
        }
      }
      ctx.podsWithDelayedDeletionPerIndex = podsWithDelayedDeletionPerIndex(ctx);
    }
    if (ctx.finishedCondition === undefined && spec.successPolicy != null && ctx.succeeded > 0) {
      const m = matchSuccessPolicy(spec.successPolicy, completions!, formatIntervals(ctx.succeededIndexes));
      if (m.matched) {
        ctx.finishedCondition = newCondition(JobConditionTypes.SuccessCriteriaMet, 'True', JobReason.SuccessPolicy, m.message ?? '', nowStr);
      }
    }
  }

  const satisfied = options.expectationsSatisfied ?? true;
  let active = activePods.length;
  let suspendCondChanged = false;
  if (ctx.finishedCondition !== undefined) {
    // Finishing: delete every active pod (finalizers stay; tracking removes them).
    let deletedReady = 0;
    for (const p of activePods) {
      deletePodAction(ctx, p);
      if (isPodReady(p)) deletedReady++;
    }
    // Every delete succeeds here, so only unsatisfied expectations hold the condition back.
    if (!satisfied) ctx.finishedCondition = undefined;
    active -= activePods.length;
    ctx.terminating += activePods.length;
    ctx.ready -= deletedReady;
  } else {
    let manageJobCalled = false;
    if (satisfied && job.metadata.deletionTimestamp == null) {
      active = manageJob(ctx);
      manageJobCalled = true;
    }
    const complete = completions === undefined ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= completions && active === 0;
    if (complete) {
      ctx.finishedCondition = newCondition(
        JobConditionTypes.SuccessCriteriaMet,
        'True',
        JobReason.CompletionsReached,
        'Reached expected number of succeeded pods',
        nowStr,
      );
    } else if (manageJobCalled) {
      if (suspended) {
        if (ensureConditionStatus(status.conditions, JobConditionTypes.Suspended, 'True', JobReason.JobSuspended, 'Job suspended', nowStr)) {
          suspendCondChanged = true;
          ctx.actions.push({ type: 'RecordEvent', eventType: 'Normal', reason: EventReason.Suspended, message: 'Job suspended' });
          // The deadline counts time continuously active: it starts again on resume (KEP-5440).
          delete status.startTime;
        }
      } else if (ensureConditionStatus(status.conditions, JobConditionTypes.Suspended, 'False', JobReason.JobResumed, 'Job resumed', nowStr)) {
        suspendCondChanged = true;
        ctx.actions.push({ type: 'RecordEvent', eventType: 'Normal', reason: EventReason.Resumed, message: 'Job resumed' });
        // The deadline counts time continuously active, so it restarts on resume.
        status.startTime = nowStr;
      }
    }
  }

  const needsStatusUpdate =
    suspendCondChanged || active !== status.active || status.ready !== ctx.ready || status.terminating !== ctx.terminating;
  status.active = active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  trackJobStatusAndRemoveFinalizers(ctx, needsStatusUpdate);

  let finalStatus = job.status ?? {};
  for (const a of ctx.actions) if (a.type === 'UpdateJobStatus') finalStatus = a.status;
  const requeue = ctx.requeueAfterMs.length > 0 ? Math.min(...ctx.requeueAfterMs) : undefined;
  return {
    actions: ctx.actions,
    status: finalStatus,
    backoff: ctx.savedBackoffRecord,
    ...(requeue !== undefined ? { requeueAfterMs: requeue } : {}),
    ...(ctx.error !== undefined ? { error: ctx.error } : {}),
  };
}
