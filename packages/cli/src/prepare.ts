// The checks every command makes before it acts on a Job: the API server's defaulting and
// validation of a create (validateJob on the defaulted, admitted object).
import type { Job } from '@jobkit/api';
import { admitJob } from '@jobkit/loop';
import { validateJob, type FieldError } from '@jobkit/validation';

/** The errors the API server would report for creating `job` (none: it would accept it). */
export function checkJob(job: Job): readonly FieldError[] {
  const admitted = admitJob(job, { uid: '00000000-0000-4000-8000-000000000000', now: new Date(0), generateName: (p) => `${p}xxxxx` });
  return validateJob(admitted);
}
