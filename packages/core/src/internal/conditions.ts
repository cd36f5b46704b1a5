// Job condition helpers of job_controller.go (newCondition, findConditionByType,
// ensureJobConditionStatus). IsJobFinished lives in @jobkit/api.
import { JobControllerName, type Job, type JobCondition } from '@jobkit/api';

export function newCondition(type: string, status: string, reason: string, message: string, now: string): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

export function findCondition(list: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return list?.find((c) => c.type === type);
}

/**
 * Sets the condition of `type`: an existing one is replaced (new timestamps) when status, reason
 * or message differ; a missing one is appended unless its status is False. Returns whether the
 * list changed; `list` is updated in place.
 */
export function ensureConditionStatus(list: JobCondition[], type: string, status: string, reason: string, message: string, now: string): boolean {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i]!;
    if (c.status !== status || (c.reason ?? '') !== reason || (c.message ?? '') !== message) {
      list[i] = newCondition(type, status, reason, message, now);
      return true;
    }
    return false;
  }
  if (status !== 'False') {
    list.push(newCondition(type, status, reason, message, now));
    return true;
  }
  return false;
}

/** Whether `controllerName` reconciles `job` (spec.managedBy, unset meaning the built-in controller). */
export function isManagedBy(job: Job, controllerName: string): boolean {
  const managedBy = job.spec?.managedBy;
  return (managedBy === undefined || managedBy === null ? JobControllerName : managedBy) === controllerName;
}
