// Step 3 of syncJob (pkg/controller/job/job_controller.go, k8s.io/kubernetes v1.37.2): whether
// the Job finishes this pass, in upstream's precedence — SuccessCriteriaMet already set, a
// FailureTarget to turn into Failed, a FailJob rule of the pod failure policy, the backoff limit,
// the active deadline, failed indexes, the success policy. (Completion by count is decided after
// manageJob, in step 4, as upstream does.)
import { countIndexes, formatIntervals } from '@jobkit/indexes';
import { matchPodFailurePolicy, matchSuccessPolicy } from '@jobkit/policy';
import { JobConditionTypes, JobReason, parseTime, type JobCondition, type Pod } from '@jobkit/api';
import { calculateFailedIndexes, calculateSucceededIndexes, podsWithDelayedDeletionPerIndex } from './indexedJob.js';
import { findCondition, newCondition } from './internal/conditions.js';
import type { PassInputs, SyncCtx } from './internal/context.js';
import { isPodFailed } from './internal/podState.js';

/** The message of the first failed pod matching a FailJob rule (upstream getFailJobMessage). */
export function getFailJobMessage(inputs: PassInputs, pods: readonly Pod[]): string | undefined {
  const policy = inputs.podFailurePolicy;
  if (policy === undefined) return undefined;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    if (!isPodFailed(p, inputs.onlyReplaceFailedPods)) continue;
    const msg = matchPodFailurePolicy(policy, p).jobFailureMessage;
    if (msg !== undefined && msg !== null) return msg;
  }
  return undefined;
}

/** Sum of container restarts of pending/running pods reaches backoffLimit (restartPolicy OnFailure only). */
export function pastBackoffLimitOnFailure(inputs: PassInputs, pods: readonly Pod[]): boolean {
  if (inputs.job.spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
  const restarts = restartsOfRunningPods(pods);
  return inputs.backoffLimit === 0 ? restarts > 0 : restarts >= inputs.backoffLimit;
}

/** Container restarts (init and regular) of the pending and running pods. */
export function restartsOfRunningPods(pods: readonly Pod[]): number {
  let restarts = 0;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    const phase = p.status?.phase;
    if (phase !== 'Running' && phase !== 'Pending') continue;
    for (const c of p.status?.initContainerStatuses ?? []) restarts += c.restartCount ?? 0;
    for (const c of p.status?.containerStatuses ?? []) restarts += c.restartCount ?? 0;
  }
  return restarts;
}

/**
 * Milliseconds left before activeDeadlineSeconds, counted from status.startTime (the time the Job
 * has been continuously unsuspended); undefined without a deadline or while suspended. jobkit
 * computes it exactly where upstream's int64 nanoseconds overflow (known-divergences.json).
 */
export function activeDeadlineRemainingMs(ctx: SyncCtx): number | undefined {
  const ads = ctx.job.spec.activeDeadlineSeconds ?? undefined;
  if (ads === undefined || ctx.suspended) return undefined;
  const start = parseTime(ctx.status.startTime) ?? ctx.now.getTime();
  return ads * 1000 - (ctx.now.getTime() - start);
}

/** Upstream pastActiveDeadline: the Job has a start time and has run for its activeDeadlineSeconds. */
export function pastActiveDeadline(ctx: SyncCtx): boolean {
  const remaining = activeDeadlineRemainingMs(ctx);
  return remaining !== undefined && parseTime(ctx.status.startTime) !== undefined && remaining <= 0;
}

/** Decides ctx.finishedCondition (and the indexes it depends on); queues the deadline's requeue. */
export function decideFinishing(ctx: SyncCtx): void {
  const { status, nowStr } = ctx;
  const failure = (reason: string, message: string): JobCondition => newCondition(JobConditionTypes.FailureTarget, 'True', reason, message, nowStr);
  ctx.finishedCondition = status.conditions.find((c) => c.type === JobConditionTypes.SuccessCriteriaMet && c.status === 'True');
  if (ctx.finishedCondition === undefined) {
    const ft = findCondition(status.conditions, JobConditionTypes.FailureTarget);
    if (ft !== undefined && ft.status === 'True') {
      ctx.finishedCondition = newCondition(JobConditionTypes.Failed, 'True', ft.reason ?? '', ft.message ?? '', nowStr);
    } else {
      const msg = getFailJobMessage(ctx, ctx.pods);
      if (msg !== undefined) ctx.finishedCondition = failure(JobReason.PodFailurePolicy, msg);
    }
  }
  if (ctx.finishedCondition === undefined) {
    if (ctx.failed > ctx.backoffLimit || pastBackoffLimitOnFailure(ctx, ctx.pods)) {
      ctx.finishedCondition = failure(JobReason.BackoffLimitExceeded, 'Job has reached the specified backoff limit');
    } else if (pastActiveDeadline(ctx)) {
      ctx.finishedCondition = failure(JobReason.DeadlineExceeded, 'Job was active longer than specified deadline');
    } else {
      const remaining = activeDeadlineRemainingMs(ctx);
      if (remaining !== undefined) ctx.requeues.push({ afterMs: remaining, cause: 'activeDeadline' });
    }
  }
  if (!ctx.indexed) return;
  const { prev, current } = calculateSucceededIndexes(ctx);
  ctx.prevSucceededIndexes = prev;
  ctx.succeededIndexes = current;
  ctx.succeeded = countIndexes(current);
  const spec = ctx.job.spec;
  if (ctx.backoffLimitPerIndex !== undefined) {
    ctx.failedIndexes = calculateFailedIndexes(ctx);
    if (ctx.finishedCondition === undefined) {
      const nFailed = countIndexes(ctx.failedIndexes);
      const maxFailed = spec.maxFailedIndexes ?? undefined;
      if (maxFailed !== undefined && nFailed > maxFailed) {
        ctx.finishedCondition = failure(JobReason.MaxFailedIndexesExceeded, 'Job has exceeded the specified maximal number of failed indexes');
      } else if (nFailed > 0 && nFailed + ctx.succeeded >= ctx.completions!) {
        ctx.finishedCondition = failure(JobReason.FailedIndexes, 'Job has failed indexes');
      }
    }
    ctx.podsWithDelayedDeletionPerIndex = podsWithDelayedDeletionPerIndex(ctx);
  }
  if (ctx.finishedCondition === undefined && spec.successPolicy != null && ctx.succeeded > 0) {
    const m = matchSuccessPolicy(spec.successPolicy, ctx.completions!, formatIntervals(ctx.succeededIndexes));
    if (m.matched) ctx.finishedCondition = newCondition(JobConditionTypes.SuccessCriteriaMet, 'True', JobReason.SuccessPolicy, m.message ?? '', nowStr);
  }
}
