// Mirrors backoffRecord, newBackoffRecord and the remaining-time functions of
// pkg/controller/job/backoff_utils.go.
import { DefaultJobPodFailureBackOffMs, JobTrackingFinalizer, MaxJobPodFailureBackOffMs, parseTimeOrZero, type Pod, type Time } from '@jobkit/api';
import { getFinishedTimeMs } from './finishedTime.js';
import { getIndexAbsoluteFailureCount } from '@jobkit/indexes';

/** The controller's memory of recent pod failures for one Job (upstream's pod backoff store entry). */
export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  /** RFC 3339 with millisecond precision; absent when no failure counts. */
  readonly lastFailureTime?: Time;
}

/** The record of a Job the controller has never seen fail. */
export const emptyBackoffRecord: BackoffRecord = Object.freeze({ failuresAfterLastSuccess: 0 });

/** Delay bounds; upstream uses 10 s doubling up to 10 min. */
export interface BackoffLimits {
  readonly baseMs?: number;
  readonly maxMs?: number;
}

function sortedFinishTimes(pods: readonly Pod[]): number[] {
  return pods.map(getFinishedTimeMs).sort((a, b) => a - b);
}

/**
 * The record after this pass's newly finished pods: without new successes, new failures add up
 * and the latest one is the last failure time; with a new success, only failures finishing
 * strictly after the latest new success count.
 *
 * @category Backoff
 */
export function newBackoffRecord(prev: BackoffRecord | undefined, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
  const old = prev ?? emptyBackoffRecord;
  if (newFailed.length === 0) {
    if (newSucceeded.length === 0) return old;
    return emptyBackoffRecord;
  }
  const failed = sortedFinishTimes(newFailed);
  if (newSucceeded.length === 0) {
    return {
      failuresAfterLastSuccess: old.failuresAfterLastSuccess + failed.length,
      lastFailureTime: new Date(failed[failed.length - 1]!).toISOString(),
    };
  }
  const succeeded = sortedFinishTimes(newSucceeded);
  const lastSuccess = succeeded[succeeded.length - 1]!;
  let count = 0;
  let last: number | undefined;
  for (let i = failed.length - 1; i >= 0 && failed[i]! > lastSuccess; i--) {
    if (last === undefined) last = failed[i];
    count++;
  }
  return last === undefined ? emptyBackoffRecord : { failuresAfterLastSuccess: count, lastFailureTime: new Date(last).toISOString() };
}

/**
 * The record rebuilt from the pods a Job has already counted (finished, tracking finalizer
 * gone), for a controller that has no memory of earlier passes: after a restart, or reading
 * objects from a cluster. Upstream keeps the record in memory only and loses it on restart
 * (kubernetes#114650); counted pods that were deleted since are not seen.
 *
 * @category Backoff
 */
export function backoffFromCountedPods(pods: readonly Pod[], trackingFinalizer: string = JobTrackingFinalizer): BackoffRecord {
  const counted = pods.filter((p) => !(p.metadata.finalizers ?? []).includes(trackingFinalizer));
  return newBackoffRecord(
    undefined,
    counted.filter((p) => p.status?.phase === 'Succeeded'),
    counted.filter((p) => p.status?.phase === 'Failed'),
  );
}

/**
 * The delay owed after `failures` consecutive failures: base doubling, capped at max.
 *
 * @category Backoff
 */
export function backoffDelayMs(failures: number, limits: BackoffLimits = {}): number {
  const base = limits.baseMs ?? DefaultJobPodFailureBackOffMs;
  const max = limits.maxMs ?? MaxJobPodFailureBackOffMs;
  if (failures <= 0) return 0;
  let d = base;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= max) return max;
  }
  return d;
}

/**
 * Remaining wait for `failures` failures, the last at `lastFailureMs` (upstream getRemainingTimeForFailuresCount).
 *
 * @category Backoff
 */
export function remainingTimeForFailuresMs(failures: number, lastFailureMs: number, now: Date, limits: BackoffLimits = {}): number {
  if (failures <= 0) return 0;
  const delay = backoffDelayMs(failures, limits);
  const elapsed = now.getTime() - lastFailureMs;
  return delay < elapsed ? 0 : delay - elapsed;
}

/**
 * How long pod creation must still wait for this record (0 when it need not wait).
 *
 * @category Backoff
 */
export function remainingBackoffMs(record: BackoffRecord | undefined, now: Date, limits: BackoffLimits = {}): number {
  if (record === undefined || record.failuresAfterLastSuccess <= 0) return 0;
  return remainingTimeForFailuresMs(record.failuresAfterLastSuccess, parseTimeOrZero(record.lastFailureTime), now, limits);
}

/**
 * Remaining wait before an index may get a replacement pod (backoffLimitPerIndex), from the
 * index's last failed pod: its failure + ignored-failure annotations + 1 failures, the last at
 * its finish time. No failed pod ⇒ 0.
 *
 * @category Backoff
 */
export function remainingBackoffMsPerIndex(lastFailedPod: Pod | undefined, now: Date, limits: BackoffLimits = {}): number {
  if (lastFailedPod === undefined) return 0;
  return remainingTimeForFailuresMs(getIndexAbsoluteFailureCount(lastFailedPod) + 1, getFinishedTimeMs(lastFailedPod), now, limits);
}
