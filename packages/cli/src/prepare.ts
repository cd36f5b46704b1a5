// The checks every command makes before it acts on a Job: the API server's defaulting and
// validation of a create (validateJob on the defaulted, admitted object).
import type { FieldValidation, Job } from '@jobkit/api';
import { admitJob } from '@jobkit/loop';
import { validateJob, type FieldError } from '@jobkit/validation';
import { formatInvalidJob } from './fieldErrors.js';
import type { Io } from './io.js';
import type { LoadOptions } from './manifest.js';

const placeholderUid = '00000000-0000-4000-8000-000000000000';

/** The Job's name as the API server names it in its answer (a generateName gets a placeholder suffix). */
function admittedName(job: Job): string {
  return job.metadata.name ?? (job.metadata.generateName !== undefined ? `${job.metadata.generateName}xxxxx` : '');
}

/**
 * The errors the API server would report for creating `job` (none: it would accept it), with the
 * name its answer would give (`The Job "NAME" is invalid: ...`).
 */
export function checkJobNamed(job: Job): { readonly name: string; readonly errors: readonly FieldError[] } {
  const admitted = admitJob(job, { uid: placeholderUid, now: new Date(0), generateName: (p) => `${p}xxxxx` });
  return { name: admittedName(job), errors: validateJob(admitted) };
}

/** How run, simulate and explain load a Job: kubectl's --validate (strict when not said), warnings on stderr. */
export function loadOptions(fieldValidation: FieldValidation | undefined, io: Io): LoadOptions {
  return { fieldValidation: fieldValidation ?? 'Strict', warn: (line) => void io.stderr.write(`${line}\n`) };
}

/** When the API server would reject `job`: its answer on stderr as `kubectl create -f` prints it, and true (nothing runs). */
export function reportRejected(job: Job, io: Io): boolean {
  const { name, errors } = checkJobNamed(job);
  if (errors.length === 0) return false;
  io.stderr.write(formatInvalidJob(name, errors));
  return true;
}
