// Interval sets built straight from unsorted completion indexes (what indexed_job_utils.go
// builds with sets.New[int] + sets.List + withOrderedIndexes), without a Set or one interval
// object per index: 10^5 running pods of consecutive indexes become one interval.
import type { Interval, OrderedIntervals } from '@jobkit/indexes';

/** The set of the non-negative `indexes` (any order, duplicates allowed) as merged intervals. */
export function intervalsOf(indexes: ArrayLike<number>): OrderedIntervals {
  const sorted = Float64Array.from(indexes).sort();
  const out: Interval[] = [];
  let first = -1;
  let last = -2;
  for (let i = 0; i < sorted.length; i++) {
    const ix = sorted[i]!;
    if (ix < 0 || ix === last) continue;
    if (ix === last + 1) last = ix;
    else {
      if (first >= 0) out.push({ first, last });
      first = ix;
      last = ix;
    }
  }
  if (first >= 0) out.push({ first, last });
  return out;
}
