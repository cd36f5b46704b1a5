// Step 4 of syncJob: mirrors manageJob, deleteJobPods, deleteActivePods and
// getPodCreationInfoForIndependentIndexes of pkg/controller/job/job_controller.go: how many pods
// to create or delete in one pass, and the Suspended condition.
import { remainingBackoffMs, remainingBackoffMsPerIndex } from '@jobkit/backoff';
import { firstPendingIndexes, intervalsFromIndexes, newIndexFailureCounts, type OrderedIntervals } from '@jobkit/indexes';
import { matchPodFailurePolicy } from '@jobkit/policy';
import { EventReason, JobConditionTypes, JobReason, SyncJobBatchPeriodMs, type Pod } from '@jobkit/api';
import { ensureConditionStatus, newCondition } from './internal/conditions.js';
import { activePodsForRemoval } from './indexedJob.js';
import type { SyncCtx } from './internal/context.js';
import { hasTrackingFinalizer, isPodReady, isPodTerminating, podName, podUid } from './internal/podState.js';
import { buildPod, prepareTemplate } from './podTemplate.js';

/** Upstream's pod-control DELETE, recorded as an action and its event. */
export function deletePodAction(ctx: SyncCtx, p: Pod): void {
  ctx.actions.push({ type: 'DeletePod', name: podName(p), uid: podUid(p) });
  ctx.actions.push({ type: 'RecordEvent', eventType: 'Normal', reason: EventReason.SuccessfulDelete, message: `Deleted pod: ${podName(p)}` });
}

/** Removes the tracking finalizer, then deletes: such pods leave tracking without being counted. */
function deleteJobPods(ctx: SyncCtx, pods: readonly Pod[]): { removed: number; removedReady: number } {
  let removed = 0;
  let removedReady = 0;
  for (const p of pods) {
    if (hasTrackingFinalizer(p, ctx.trackingFinalizer)) ctx.actions.push({ type: 'RemovePodFinalizer', name: podName(p), uid: podUid(p) });
    deletePodAction(ctx, p);
    // Only the pods that went count (callFailures). As upstream, a ready pod whose finalizer
    // patch went counts as a removed ready pod even if its delete then failed.
    const uid = podUid(p);
    if (ctx.failedRemovals.has(uid)) continue;
    if (isPodReady(p)) removedReady++;
    if (!ctx.failedDeletes.has(uid)) removed++;
  }
  if (removed < pods.length) ctx.error ??= `deleting pods: ${pods.length - removed} of ${pods.length} failed`;
  return { removed, removedReady };
}

function indexesOf(ctx: SyncCtx, pods: readonly Pod[]): OrderedIntervals {
  const ixs = new Float64Array(pods.length);
  for (let i = 0; i < pods.length; i++) ixs[i] = ctx.indexOf(pods[i]!);
  return intervalsFromIndexes(ixs);
}

/**
 * The pending indexes whose per-index backoff has expired; if none has, the shortest remaining
 * wait (upstream getPodCreationInfoForIndependentIndexes).
 */
export function podCreationInfoForIndependentIndexes(
  indexes: readonly number[],
  lastFailedPodPerIndex: ReadonlyMap<number, Pod>,
  now: Date,
): { indexes: number[]; remainingMs: number } {
  const ready: number[] = [];
  let minRemaining: number | undefined;
  for (const ix of indexes) {
    const r = remainingBackoffMsPerIndex(lastFailedPodPerIndex.get(ix), now);
    if (r === 0) ready.push(ix);
    else if (minRemaining === undefined || r < minRemaining) minRemaining = r;
  }
  return ready.length > 0 ? { indexes: ready, remainingMs: 0 } : { indexes: [], remainingMs: minRemaining ?? 0 };
}

function requeueAfterBackoff(ctx: SyncCtx, remainingMs: number, cause: 'podBackoff' | 'indexBackoff'): void {
  ctx.requeues.push({ afterMs: Math.max(remainingMs, SyncJobBatchPeriodMs), cause });
}

/** Creates or deletes pods towards the wanted number of active pods; returns the new active count. */
export function manageJob(ctx: SyncCtx): number {
  const active = ctx.activePods.length;

  if (ctx.suspended) {
    const { removed, removedReady } = deleteJobPods(ctx, activePodsForRemoval(ctx, ctx.activePods, active));
    ctx.terminating += removed;
    ctx.ready -= removedReady;
    return active - removed;
  }

  let wantActive: number;
  if (ctx.completions === undefined) {
    // Work queue: once any pod succeeded, leave whatever runs, running.
    wantActive = ctx.succeeded > 0 ? active : ctx.parallelism;
  } else {
    wantActive = Math.max(0, Math.min(ctx.completions - ctx.succeeded, ctx.parallelism));
  }

  const rmAtLeast = Math.max(active - wantActive, 0);
  // Indexed jobs may need deletions (duplicates, bad indexes) even when rmAtLeast is 0.
  const podsToDelete = rmAtLeast > 0 || ctx.indexed ? activePodsForRemoval(ctx, ctx.activePods, rmAtLeast, ctx.maxPodCreateDeletePerSync) : [];
  if (podsToDelete.length > 0) {
    // A pass either deletes or creates; deletion wins.
    const { removed, removedReady } = deleteJobPods(ctx, podsToDelete);
    ctx.terminating += removed;
    ctx.ready -= removedReady;
    return active - removed;
  }

  const terminatingAllowance = ctx.onlyReplaceFailedPods ? ctx.terminating : 0;
  let diff = wantActive - terminatingAllowance - active;
  if (diff <= 0) return active;

  if (ctx.backoffLimitPerIndex === undefined) {
    const remaining = remainingBackoffMs(ctx.newBackoffRecord, ctx.now);
    if (remaining > 0) {
      requeueAfterBackoff(ctx, remaining, 'podBackoff');
      return active; // (upstream before 1.37 returned 0 here, writing status.active = 0)
    }
  }
  diff = Math.min(diff, ctx.maxPodCreateDeletePerSync);

  let indexes: number[] | undefined;
  if (ctx.indexed) {
    const completions = ctx.completions ?? 0;
    const activeSet = intervalsFromIndexes(ctx.activeIndexes);
    const occupied = [ctx.succeededIndexes, activeSet];
    if (ctx.onlyReplaceFailedPods) occupied.push(indexesOf(ctx, ctx.pods.filter(isPodTerminating)));
    if (ctx.failedIndexes !== undefined) occupied.push(ctx.failedIndexes);
    indexes = firstPendingIndexes(diff, completions, ...occupied);
    if (ctx.backoffLimitPerIndex !== undefined) {
      const info = podCreationInfoForIndependentIndexes(indexes, ctx.podsWithDelayedDeletionPerIndex, ctx.now);
      if (info.remainingMs > 0) {
        requeueAfterBackoff(ctx, info.remainingMs, 'indexBackoff');
        return active;
      }
      indexes = info.indexes;
    }
    diff = indexes.length;
  }

  const template = prepareTemplate(ctx.job, ctx.indexed, ctx.trackingFinalizer);
  if (!ctx.indexed && Object.keys(template.labels).length === 0) {
    // Pod control refuses label-less pods before calling the API; slow start then skips the
    // rest, so nothing is created and the pass fails (indexed pods always carry the index label).
    ctx.error = 'unable to create pods, no labels';
    return active;
  }
  for (let i = 0; i < diff; i++) {
    let pod: Pod;
    let index: number | undefined;
    if (indexes !== undefined) {
      index = indexes[i]!;
      let counts;
      if (ctx.backoffLimitPerIndex !== undefined) {
        const replaced = ctx.podsWithDelayedDeletionPerIndex.get(index);
        const countFailed = replaced === undefined || ctx.podFailurePolicy === undefined || matchPodFailurePolicy(ctx.podFailurePolicy, replaced).countFailed;
        counts = newIndexFailureCounts(replaced, countFailed);
      }
      pod = buildPod(template, index, counts);
    } else {
      pod = buildPod(template);
    }
    ctx.actions.push(index === undefined ? { type: 'CreatePod', pod } : { type: 'CreatePod', pod, index });
    ctx.actions.push({
      type: 'RecordEvent',
      eventType: 'Normal',
      reason: EventReason.SuccessfulCreate,
      // The API server names the pod; the controller's message carries that name.
      message: `Created pod: ${pod.metadata.generateName ?? ''}`,
    });
  }
  // Upstream counts only the pods it created (a failed batch ends slow start: callFailures).
  const notCreated = Math.min(diff, ctx.failedCreates);
  if (notCreated > 0) ctx.error ??= `creating pods: ${notCreated} of ${diff} not created`;
  return active + diff - notCreated;
}

/**
 * Upstream deleteActivePods: a finishing Job deletes every active pod (in parallel, finalizers
 * kept: tracking removes them). Returns how many went and how many of those were ready.
 */
export function deleteActivePods(ctx: SyncCtx): { deleted: number; deletedReady: number } {
  let deleted = 0;
  let deletedReady = 0;
  for (const p of ctx.activePods) {
    deletePodAction(ctx, p);
    // As upstream, ready pods count as deleted ready ones even when their delete failed.
    if (isPodReady(p)) deletedReady++;
    if (!ctx.failedDeletes.has(podUid(p))) deleted++;
  }
  if (deleted < ctx.activePods.length) ctx.error ??= `deleting active pods: ${ctx.activePods.length - deleted} of ${ctx.activePods.length} failed`;
  return { deleted, deletedReady };
}

/**
 * Step 4 of syncJob: a finishing Job stops its pods; otherwise manageJob creates or deletes pods
 * (unless expectations are unsatisfied or the Job is being deleted), completion by count is
 * decided, and the Suspended condition follows spec.suspend. Sets ctx.active.
 */
export function managePods(ctx: SyncCtx): void {
  const { status, nowStr } = ctx;
  if (ctx.finishedCondition !== undefined) {
    const { deleted, deletedReady } = deleteActivePods(ctx);
    // Pods still there (a failed delete) or not yet seen hold the condition back.
    if (deleted !== ctx.activePods.length || !ctx.expectationsSatisfied) {
      ctx.finishingHeldByExpectations = ctx.finishedCondition;
      ctx.finishedCondition = undefined;
    }
    ctx.active -= deleted;
    ctx.terminating += deleted;
    ctx.ready -= deletedReady;
    return;
  }
  let manageJobCalled = false;
  if (ctx.expectationsSatisfied && ctx.job.metadata.deletionTimestamp == null) {
    ctx.active = manageJob(ctx);
    manageJobCalled = true;
  }
  const complete = ctx.completions === undefined ? ctx.succeeded > 0 && ctx.active === 0 : ctx.succeeded >= ctx.completions && ctx.active === 0;
  if (complete) {
    ctx.finishedCondition = newCondition(
      JobConditionTypes.SuccessCriteriaMet,
      'True',
      JobReason.CompletionsReached,
      'Reached expected number of succeeded pods',
      nowStr,
    );
  } else if (manageJobCalled) {
    if (ctx.suspended) {
      if (ensureConditionStatus(status.conditions, JobConditionTypes.Suspended, 'True', JobReason.JobSuspended, 'Job suspended', nowStr)) {
        ctx.suspendCondChanged = true;
        ctx.actions.push({ type: 'RecordEvent', eventType: 'Normal', reason: EventReason.Suspended, message: 'Job suspended' });
        // The deadline counts time continuously active: it starts again on resume (KEP-5440).
        delete status.startTime;
      }
    } else if (ensureConditionStatus(status.conditions, JobConditionTypes.Suspended, 'False', JobReason.JobResumed, 'Job resumed', nowStr)) {
      ctx.suspendCondChanged = true;
      ctx.actions.push({ type: 'RecordEvent', eventType: 'Normal', reason: EventReason.Resumed, message: 'Job resumed' });
      // The deadline counts time continuously active, so it restarts on resume.
      status.startTime = nowStr;
    }
  }
}
