// The checks every command makes before it acts on a Job: the API server's defaulting and
// validation of a create (validateJob on the defaulted, admitted object).
import type { Job } from '@jobkit/api';
import { admitJob } from '@jobkit/loop';
import { validateJob, type FieldError } from '@jobkit/validation';

const placeholderUid = '00000000-0000-4000-8000-000000000000';

/** The Job's name as the API server names it in its answer (a generateName gets a placeholder suffix). */
function admittedName(job: Job): string {
  return job.metadata.name ?? (job.metadata.generateName !== undefined ? `${job.metadata.generateName}xxxxx` : '');
}

/** The errors the API server would report for creating `job` (none: it would accept it). */
export function checkJob(job: Job): readonly FieldError[] {
  return checkJobNamed(job).errors;
}

/** checkJob, with the name the API server's answer would give (`The Job "NAME" is invalid: ...`). */
export function checkJobNamed(job: Job): { readonly name: string; readonly errors: readonly FieldError[] } {
  const admitted = admitJob(job, { uid: placeholderUid, now: new Date(0), generateName: (p) => `${p}xxxxx` });
  return { name: admittedName(job), errors: validateJob(admitted) };
}
