// The checks every command makes before it acts on a Job: the API server's defaulting and
// validation of a create (validateJob on the defaulted, admitted object).
import type { Job } from '@jobkit/api';
import { admitJob, type ControllerBindings, type SpecFieldError } from '@jobkit/sim';

export interface Prepared {
  readonly errors: readonly SpecFieldError[];
  /** True when this build has no validateJob (nothing was checked). */
  readonly unchecked: boolean;
}

export function checkJob(job: Job, bindings: ControllerBindings): Prepared {
  const admitted = admitJob(job, { uid: '00000000-0000-4000-8000-000000000000', now: new Date(0), defaults: bindings.withJobDefaults, generateName: (p) => `${p}xxxxx` });
  if (bindings.validateJob === undefined) return { errors: [], unchecked: true };
  return { errors: bindings.validateJob(admitted), unchecked: false };
}
