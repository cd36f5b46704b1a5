// The per-index failure-count annotations as indexed_job_utils.go reads them (parseInt32).
import { JobIndexFailureCountAnnotation, JobIndexIgnoredFailureCountAnnotation, type Pod } from '@jobkit/api';

const MaxInt32 = 2_147_483_647;

/** Go's strconv.Atoi followed by the int32 range check; anything else reads as 0. */
function parseCount(v: string | undefined): number {
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n < 0 || n > MaxInt32 ? 0 : n;
}

/** failure count + ignored failure count (upstream getIndexAbsoluteFailureCount). */
export function absoluteIndexFailureCount(pod: Pod): number {
  const a = pod.metadata.annotations;
  return parseCount(a?.[JobIndexFailureCountAnnotation]) + parseCount(a?.[JobIndexIgnoredFailureCountAnnotation]);
}
