// When a finished Job's ttlSecondsAfterFinished has run out: the rule of upstream's TTL-after-
// finished controller (pkg/controller/ttlafterfinished/ttlafterfinished_controller.go,
// k8s.io/kubernetes v1.37.2: processTTL, needsCleanup, timeLeft, jobFinishTime). The TTL counts
// from the lastTransitionTime of the first Complete=True or Failed=True condition; a Job being
// deleted, unfinished or without a TTL is none of its business. ttlSecondsAfterFinished is an
// int32, so TTL × 1 s stays inside Go's int64 nanoseconds: no overflow to mirror.
import { finishedCondition, isZeroTime, parseTime, type Job } from '@jobkit/api';

export type TtlDecision =
  /** No TTL, not finished, or already being deleted. */
  | { readonly kind: 'none' }
  /** Ask again after `afterMs` (the TTL runs out then). */
  | { readonly kind: 'wait'; readonly afterMs: number; readonly expiresAt: number }
  /** Delete the Job now (upstream: foreground propagation, UID precondition). */
  | { readonly kind: 'delete'; readonly expiresAt: number }
  /** A finished Job whose finishing condition has no transition time: upstream returns an error. */
  | { readonly kind: 'error'; readonly message: string };

export function ttlAfterFinished(job: Job, now: Date): TtlDecision {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (job.metadata?.deletionTimestamp != null || ttl === undefined || ttl === null) return { kind: 'none' };
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > 2 ** 31 - 1) {
    return { kind: 'error', message: `spec.ttlSecondsAfterFinished: Invalid value: ${JSON.stringify(ttl)}: must be an int32 ≥ 0` };
  }
  const done = finishedCondition(job);
  if (done === undefined) return { kind: 'none' };
  if (isZeroTime(done.lastTransitionTime)) {
    return { kind: 'error', message: `unable to find the time when the Job ${job.metadata?.namespace ?? ''}/${job.metadata?.name ?? ''} finished` };
  }
  const expiresAt = parseTime(done.lastTransitionTime)! + ttl * 1000;
  const left = expiresAt - now.getTime();
  return left <= 0 ? { kind: 'delete', expiresAt } : { kind: 'wait', afterMs: left, expiresAt };
}
