// Step 5 of syncJob: mirrors trackJobStatusAndRemoveFinalizers, canRemoveFinalizer, flushUncountedAndRemoveFinalizers,
// cleanUncountedPodsWithoutFinalizers and enactJobFinished of pkg/controller/job/job_controller.go:
// the three-stage uncountedTerminatedPods protocol that counts every finished pod exactly once.
import { countIndexes, formatIntervals, hasIndex, withOrderedIndexes } from '@jobkit/indexes';
import { matchPodFailurePolicy } from '@jobkit/policy';
import { EventReason, JobConditionTypes, type JobCondition, type Pod } from '@jobkit/api';
import { ensureConditionStatus, newCondition } from './internal/conditions.js';
import { isValidIndex, snapshotStatus, type SyncCtx, type WorkingStatus } from './internal/context.js';
import { hasTrackingFinalizer, isPodFailed, podName, podUid } from './internal/podState.js';
import { sortByCompletionIndex } from './indexedJob.js';
import type { SyncResult } from './types.js';

/** Moves uncounted UIDs whose pod lost its finalizer (or is gone) into the counters. */
function cleanUncounted(ws: WorkingStatus, uidsWithFinalizer: ReadonlySet<string>): boolean {
  let updated = false;
  const s = ws.uncounted.succeeded.filter((u) => uidsWithFinalizer.has(u));
  if (s.length !== ws.uncounted.succeeded.length) {
    updated = true;
    ws.succeeded += ws.uncounted.succeeded.length - s.length;
    ws.uncounted.succeeded = s;
  }
  const f = ws.uncounted.failed.filter((u) => uidsWithFinalizer.has(u));
  if (f.length !== ws.uncounted.failed.length) {
    updated = true;
    ws.failed += ws.uncounted.failed.length - f.length;
    ws.uncounted.failed = f;
  }
  return updated;
}

function canRemoveFinalizer(ctx: SyncCtx, p: Pod, considerPodFailed: boolean): boolean {
  if (ctx.job.metadata.deletionTimestamp != null || ctx.finishedCondition !== undefined || p.status?.phase === 'Succeeded') return true;
  if (!considerPodFailed) return false;
  if (ctx.backoffLimitPerIndex !== undefined) {
    const ix = ctx.indexOf(p);
    // Keep the index's last failed pod until its replacement carries the failure count.
    const delayed = ix >= 0 ? ctx.podsWithDelayedDeletionPerIndex.get(ix) : undefined;
    if (delayed !== undefined && podUid(delayed) === podUid(p)) return false;
  }
  return true;
}

const isSuccessCriteriaMet = (c: JobCondition | undefined): boolean => c?.type === JobConditionTypes.SuccessCriteriaMet;

function enactJobFinished(ctx: SyncCtx): boolean {
  const fc = ctx.finishedCondition;
  if (fc === undefined) return false;
  const ws = ctx.status;
  if (ws.uncounted.succeeded.length + ws.uncounted.failed.length > 0) return false;
  // Terminal conditions wait for terminating pods (JobManagedBy / JobPodReplacementPolicy on).
  if (ctx.terminating > 0) return false;
  ensureConditionStatus(ws.conditions, fc.type, fc.status, fc.reason ?? '', fc.message ?? '', ctx.nowStr);
  if (fc.type === JobConditionTypes.Complete) ws.completionTime = fc.lastTransitionTime;
  return true;
}

function recordJobFinished(ctx: SyncCtx, fc: JobCondition): void {
  if (fc.type === JobConditionTypes.Complete) {
    if (ctx.completions !== undefined && ctx.status.succeeded > ctx.completions) {
      ctx.actions.push({
        type: 'RecordEvent',
        eventType: 'Warning',
        reason: EventReason.TooManySucceededPods,
        message: 'Too many succeeded pods running after completion count reached',
      });
    }
    ctx.actions.push({ type: 'RecordEvent', eventType: 'Normal', reason: EventReason.Completed, message: 'Job completed' });
  } else {
    ctx.actions.push({ type: 'RecordEvent', eventType: 'Warning', reason: fc.reason ?? '', message: fc.message ?? '' });
  }
}

/**
 * Counts finished pods and removes their finalizers, in an order that survives a crash after any
 * action: (1) status write with the new uncounted UIDs / completed indexes / interim condition;
 * (2) finalizer removals; (3) status write moving the UIDs into the counters, plus the terminal
 * condition when nothing is uncounted or terminating.
 */
export function trackJobStatusAndRemoveFinalizers(ctx: SyncCtx, needsFlushIn: boolean): void {
  let needsFlush = needsFlushIn;
  const ws = ctx.status;
  const expected = ctx.expectedRmFinalizers;

  // Upstream keeps the UIDs of every pod with a finalizer; only the uncounted ones are ever
  // looked up, so the classification walk kept just those.
  const uidsWithFinalizer = new Set(ctx.uncountedWithFinalizer);
  // Pods whose finalizer may go, in lister order. Unless the job is finishing or being deleted
  // only finished pods qualify, and the classification walk already listed those.
  let candidates: Pod[] = [];
  const everyPod = ctx.job.metadata.deletionTimestamp != null || ctx.finishedCondition !== undefined;
  const from = everyPod ? ctx.pods : ctx.finishedTracked;
  for (let i = 0; i < from.length; i++) {
    const p = from[i]!;
    if (everyPod && (!hasTrackingFinalizer(p, ctx.trackingFinalizer) || (expected.size > 0 && expected.has(podUid(p))))) continue;
    if (!canRemoveFinalizer(ctx, p, isPodFailed(p, ctx.onlyReplaceFailedPods))) continue;
    candidates.push(p);
  }
  if (cleanUncounted(ws, uidsWithFinalizer)) needsFlush = true;
  // Indexed: introduce completed indexes in order. Upstream sorts all pods by index with Go's
  // unstable sort; only the order of candidates sharing an index depends on the other pods.
  if (ctx.indexed && candidates.length > 1) {
    const seen = new Set<number>();
    let shared = false;
    for (const p of candidates) {
      const ix = ctx.indexOf(p);
      if (seen.has(ix)) shared = true;
      seen.add(ix);
    }
    if (shared) {
      const isCandidate = new Set(candidates);
      candidates = sortByCompletionIndex(ctx, ctx.pods).filter((p) => isCandidate.has(p));
    } else {
      candidates = sortByCompletionIndex(ctx, candidates);
    }
  }

  const toRemove: Pod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMaxUncountedPods = false;
  const fc = ctx.finishedCondition;
  const jobFailing = fc !== undefined && !isSuccessCriteriaMet(fc);
  for (const p of candidates) {
    const uid = podUid(p);
    toRemove.push(p);
    if (p.status?.phase === 'Succeeded' && !ctx.uncountedFailed.has(uid)) {
      if (ctx.indexed) {
        // The index is enough to avoid counting twice; no UID needed.
        const ix = ctx.indexOf(p);
        if (isValidIndex(ctx, ix) && !hasIndex(ctx.prevSucceededIndexes, ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!ctx.uncountedSucceeded.has(uid)) {
        needsFlush = true;
        ws.uncounted.succeeded.push(uid);
      }
    } else if (isPodFailed(p, ctx.onlyReplaceFailedPods) || jobFailing) {
      // A failing job counts every unfinished pod as failed.
      const ix = ctx.indexOf(p);
      if (!ctx.uncountedFailed.has(uid) && (!ctx.indexed || isValidIndex(ctx, ix))) {
        const match = ctx.podFailurePolicy !== undefined ? matchPodFailurePolicy(ctx.podFailurePolicy, p) : undefined;
        if (match?.action !== undefined) ctx.podFailurePolicyActions[match.action] = (ctx.podFailurePolicyActions[match.action] ?? 0) + 1;
        if (match === undefined || match.countFailed) {
          needsFlush = true;
          ws.uncounted.failed.push(uid);
        }
      }
    }
    if (newSucceededIndexes.length + ws.uncounted.succeeded.length + ws.uncounted.failed.length >= ctx.maxUncountedPods) {
      // Keeps the status small and the pass short; the next pass carries on.
      reachedMaxUncountedPods = true;
      break;
    }
  }

  if (ctx.indexed) {
    // Pods are in index order, so the new indexes are ascending.
    ctx.succeededIndexes = withOrderedIndexes(ctx.succeededIndexes, newSucceededIndexes);
    const s = formatIntervals(ctx.succeededIndexes);
    if (s !== (ws.completedIndexes ?? '')) needsFlush = true;
    ws.succeeded = countIndexes(ctx.succeededIndexes);
    ws.completedIndexes = s;
    const f = ctx.failedIndexes !== undefined ? formatIntervals(ctx.failedIndexes) : undefined;
    if (f !== ws.failedIndexes) {
      if (f === undefined) delete ws.failedIndexes;
      else ws.failedIndexes = f;
      needsFlush = true;
    }
  }

  if (ctx.finishedCondition?.type === JobConditionTypes.FailureTarget) {
    // Persist the interim condition before finalizers go; Failed follows once all is counted.
    ws.conditions.push(ctx.finishedCondition);
    needsFlush = true;
    ctx.finishedCondition = newCondition(JobConditionTypes.Failed, 'True', ctx.finishedCondition.reason ?? '', ctx.finishedCondition.message ?? '', ctx.nowStr);
  }
  if (isSuccessCriteriaMet(ctx.finishedCondition)) {
    const cur = ctx.finishedCondition!;
    if (!ws.conditions.some((c) => c.type === JobConditionTypes.SuccessCriteriaMet && c.status === 'True')) {
      ws.conditions.push(cur);
      needsFlush = true;
    }
    ctx.finishedCondition = newCondition(JobConditionTypes.Complete, 'True', cur.reason ?? '', cur.message ?? '', ctx.nowStr);
  }

  // flushUncountedAndRemoveFinalizers
  if (needsFlush) {
    ctx.actions.push({ type: 'UpdateJobStatus', status: snapshotStatus(ws) });
    ctx.savedBackoffRecord = ctx.newBackoffRecord;
    needsFlush = false;
  }
  let failedRemovals = 0;
  for (const p of toRemove) {
    ctx.actions.push({ type: 'RemovePodFinalizer', name: podName(p), uid: podUid(p) });
    // A removal that failed (callFailures) keeps its pod uncounted.
    if (ctx.failedRemovals.has(podUid(p))) {
      failedRemovals++;
      uidsWithFinalizer.add(podUid(p)); // (the walk kept only the input's uncounted UIDs)
    } else uidsWithFinalizer.delete(podUid(p));
  }
  if (cleanUncounted(ws, uidsWithFinalizer)) needsFlush = true;
  if (failedRemovals > 0) {
    // Upstream writes the partial progress and returns the error: the Job does not finish here.
    if (needsFlush) ctx.actions.push({ type: 'UpdateJobStatus', status: snapshotStatus(ws) });
    ctx.error = `removing tracking finalizers: ${failedRemovals} of ${toRemove.length} failed`;
    return;
  }

  const finished = !reachedMaxUncountedPods && enactJobFinished(ctx);
  if (finished) needsFlush = true;
  if (needsFlush) {
    ctx.actions.push({ type: 'UpdateJobStatus', status: snapshotStatus(ws) });
    if (finished) recordJobFinished(ctx, ctx.finishedCondition!);
  }
}

/**
 * Step 5 of syncJob: the counters manageJob left go into the status, the tracking protocol runs
 * (status writes, finalizer removals, the terminal condition and its events), and the pass's
 * result is assembled.
 */
export function trackAndFinish(ctx: SyncCtx): SyncResult {
  const { status } = ctx;
  const needsStatusUpdate = ctx.suspendCondChanged || ctx.active !== status.active || status.ready !== ctx.ready || status.terminating !== ctx.terminating;
  status.active = ctx.active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  trackJobStatusAndRemoveFinalizers(ctx, needsStatusUpdate);
  let finalStatus = ctx.job.status ?? {};
  for (const a of ctx.actions) if (a.type === 'UpdateJobStatus') finalStatus = a.status;
  let requeue: number | undefined;
  for (const r of ctx.requeues) if (requeue === undefined || r.afterMs < requeue) requeue = r.afterMs;
  return {
    actions: ctx.actions,
    status: finalStatus,
    backoff: ctx.savedBackoffRecord,
    ...(requeue !== undefined ? { requeueAfterMs: requeue } : {}),
    ...(ctx.error !== undefined ? { error: ctx.error } : {}),
    ...(Object.keys(ctx.podFailurePolicyActions).length > 0 ? { podFailurePolicyActions: ctx.podFailurePolicyActions } : {}),
  };
}
