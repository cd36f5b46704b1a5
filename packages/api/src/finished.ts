// Whether a Job is finished: IsJobFinished of pkg/controller/job/job_controller.go
// (k8s.io/kubernetes v1.37.2), the same rule as pkg/apis/batch/validation's IsJobFinished
// (IsJobComplete || IsJobFailed): any Complete or Failed condition with status True, anywhere in
// the list (a False one of the same type earlier does not hide it).
import { JobConditionTypes } from './constants.js';
import type { JobCondition, JobStatus } from './types.js';

/** The condition types that finish a Job when their status is True. */
export const JobFinishedConditionTypes: readonly string[] = [JobConditionTypes.Complete, JobConditionTypes.Failed];

/** Whether `c` is a finishing condition: Complete or Failed, status True. */
export function isFinishedCondition(c: Pick<JobCondition, 'type' | 'status'>): boolean {
  return (c.type === JobConditionTypes.Complete || c.type === JobConditionTypes.Failed) && c.status === 'True';
}

/** The first Complete=True or Failed=True condition of the Job, if any. */
export function finishedCondition(job: { readonly status?: JobStatus | null }): JobCondition | undefined {
  return (job.status?.conditions ?? []).find(isFinishedCondition);
}

/** Whether the Job is finished (upstream IsJobFinished): it has a Complete=True or Failed=True condition. */
export function isJobFinished(job: { readonly status?: JobStatus | null }): boolean {
  return finishedCondition(job) !== undefined;
}
