// Mirrors the interval half of pkg/controller/job/indexed_job_utils.go (orderedIntervals).
import { MaxRequestBytes } from '@jobkit/api';
import { atoiRange } from './internal/goInt.js';

/** An inclusive range of completion indexes, `first..last` (upstream's `interval`). */
export interface Interval {
  readonly first: number;
  readonly last: number;
}

/**
 * A set of completion indexes as intervals (upstream's `orderedIntervals`): ascending, disjoint,
 * and with touching intervals merged, for every set built by this module from well-formed
 * input. Memory and time are proportional to the number of intervals, never to the number of
 * indexes.
 *
 * One caveat, on purpose: {@link parseIndexesFromString} reproduces upstream's lenient parser
 * exactly, and upstream does not re-sort a corrupt stored string such as `"5,3"` or `"5-3"`;
 * such input yields the same unordered intervals upstream would hold, so every later decision
 * (merge, has, count, format) comes out as upstream's does.
 */
export type OrderedIntervals = readonly Interval[];

interface MutableInterval {
  first: number;
  last: number;
}

/** The empty set. Frozen so that sharing it is safe. */
export const emptyIntervals: OrderedIntervals = Object.freeze([]);

/**
 * Parses `.status.completedIndexes` / `.status.failedIndexes` as the Job controller does
 * (upstream `parseIndexesFromString`): the string is split on `,`, each part on `-`; a part
 * whose first or second number fails Go's `strconv.Atoi` is skipped; a part whose first index
 * is `>= completions` ends parsing; a last index `>= completions` is clamped to
 * `completions - 1`; a part that starts right after the previous one extends it.
 *
 * Never throws. Cost is linear in the string length plus the number of parts. A string longer
 * than the API server's request limit (MaxRequestBytes, 3 MiB), a value that is not a string,
 * or `completions` that is not a non-negative safe integer read as the empty set: no stored Job
 * can hold them, and syncJob refuses such a Job with an error before it parses anything.
 *
 * @example parseIndexesFromString('0,1-foo,bar,3-9', 5) // [{first:0,last:0},{first:3,last:4}]
 */
export function parseIndexesFromString(s: string | undefined, completions: number): OrderedIntervals {
  if (typeof s !== 'string' || s === '' || s.length > MaxRequestBytes) return emptyIntervals;
  if (!Number.isSafeInteger(completions) || completions < 0) return emptyIntervals;
  const result: MutableInterval[] = [];
  let last: MutableInterval | undefined;
  const n = s.length;
  // Walk the fragments in place, one pass over the characters (no split, no slices): strings
  // may be megabytes long.
  for (let start = 0; start <= n;) {
    const fragStart = start;
    let dash = -1; // strings.Split(fragment, "-"): only the first two fields are read
    let secondDash = -1;
    let end = fragStart;
    for (; end < n; end++) {
      const c = s.charCodeAt(end);
      if (c === 44 /* , */) break;
      if (c === 45 /* - */) {
        if (dash < 0) dash = end;
        else if (secondDash < 0) secondDash = end;
      }
    }
    start = end + 1;
    const first = atoiRange(s, fragStart, dash < 0 ? end : dash);
    if (first === undefined) continue;
    if (first >= completions) break;
    let lastIx: number;
    if (dash >= 0) {
      const parsed = atoiRange(s, dash + 1, secondDash < 0 ? end : secondDash);
      if (parsed === undefined) continue;
      lastIx = parsed >= completions ? completions - 1 : parsed;
    } else {
      lastIx = first;
    }
    if (last !== undefined && last.last === first - 1) {
      last.last = lastIx;
    } else {
      last = { first, last: lastIx };
      result.push(last);
    }
  }
  return result;
}

/**
 * Formats a set as the API stores it (upstream `orderedIntervals.String()`): a single index as
 * `"i"`, two consecutive indexes as `"i,i+1"`, three or more as `"a-b"`, joined by `,`.
 *
 * @example formatIntervals([{first:0,last:0},{first:2,last:3},{first:5,last:9}]) === '0,2,3,5-9'
 */
export function formatIntervals(set: OrderedIntervals): string {
  // One flat string via join: `+=` would leave a rope of 10^5 pieces behind (10x the memory).
  const parts = new Array<string>(set.length);
  for (let k = 0; k < set.length; k++) {
    const v = set[k]!;
    parts[k] = v.last > v.first ? `${v.first}${v.last === v.first + 1 ? ',' : '-'}${v.last}` : String(v.first);
  }
  return parts.join(',');
}

/**
 * Returns the union of `a` and `b` (upstream `orderedIntervals.merge`): a single merge pass over
 * both lists, extending the previous interval when the next one overlaps or touches it.
 * O(len(a) + len(b)).
 *
 * @example mergeIntervals([{first:0,last:2}], [{first:3,last:3},{first:7,last:8}]) // [{0,3},{7,8}]
 */
export function mergeIntervals(a: OrderedIntervals, b: OrderedIntervals): OrderedIntervals {
  if (b.length === 0 && isCanonical(a)) return a;
  if (a.length === 0 && isCanonical(b)) return b;
  const result: MutableInterval[] = [];
  let last: MutableInterval | undefined;
  const add = (iv: Interval): void => {
    if (last === undefined || iv.first > last.last + 1) {
      last = { first: iv.first, last: iv.last };
      result.push(last);
    } else if (last.last < iv.last) {
      last.last = iv.last;
    }
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    // Ties go to `b`, as upstream's `oi[i].First < newOi[j].First` does.
    if (a[i]!.first < b[j]!.first) add(a[i++]!);
    else add(b[j++]!);
  }
  while (i < a.length) add(a[i++]!);
  while (j < b.length) add(b[j++]!);
  return result;
}

/**
 * Adds indexes given in increasing order (upstream `orderedIntervals.withOrderedIndexes`).
 * Duplicates are harmless. O(len(set) + len(sortedIndexes)).
 *
 * @example withOrderedIndexes([{first:0,last:1}], [2, 5]) // [{0,2},{5,5}]
 */
export function withOrderedIndexes(set: OrderedIntervals, sortedIndexes: readonly number[]): OrderedIntervals {
  if (sortedIndexes.length === 0) return mergeIntervals(set, emptyIntervals);
  return mergeIntervals(
    set,
    sortedIndexes.map((ix) => ({ first: ix, last: ix })),
  );
}

/**
 * Tells whether index `i` is in the set (upstream `orderedIntervals.has`): binary search for the
 * first interval whose last index is `>= i`. O(log len(set)).
 */
export function hasIndex(set: OrderedIntervals, i: number): boolean {
  let lo = 0;
  let hi = set.length;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >>> 1);
    if (set[mid]!.last >= i) hi = mid;
    else lo = mid + 1;
  }
  return hi < set.length && set[hi]!.first <= i;
}

/**
 * Number of indexes in the set (upstream `orderedIntervals.total`). O(len(set)).
 *
 * @example countIndexes(parseIndexesFromString('0-99999999', 1e8)) === 1e8
 */
export function countIndexes(set: OrderedIntervals): number {
  let count = 0;
  for (const iv of set) count += iv.last - iv.first + 1;
  return count;
}

/**
 * Yields every index of the set in order. Lazy: costs only what the caller consumes, so it is
 * safe on `"0-99999999"` as long as the caller stops early.
 */
export function* iterateIndexes(set: OrderedIntervals): Generator<number, void, undefined> {
  for (const iv of set) {
    for (let i = iv.first; i <= iv.last; i++) yield i;
  }
}

/**
 * The smallest `count` indexes in `[0, completions)` that are in none of the `occupied` sets
 * (upstream `firstPendingIndexes`; the core passes succeeded indexes, active-pod indexes,
 * terminating-pod indexes when only failed pods are replaced, and failed indexes). The sets are
 * merged left to right as upstream merges them, then a single walk skips the occupied
 * intervals. Cost O(total intervals + count), whatever the width of the sets.
 *
 * @example firstPendingIndexes(3, 10, [{first:0,last:1}], [{first:3,last:3}]) // [2, 4, 5]
 */
export function firstPendingIndexes(count: number, completions: number, ...occupied: OrderedIntervals[]): number[] {
  if (count <= 0) return [];
  // Fold left, starting with a merge of the first two sets even when there is only one, as
  // upstream always runs `succeededIndexes.withOrderedIndexes(active)` first: on corrupt
  // (unordered) stored input the merge pass is what decides which intervals survive.
  let nonPending = mergeIntervals(occupied[0] ?? emptyIntervals, occupied[1] ?? emptyIntervals);
  for (let k = 2; k < occupied.length; k++) nonPending = mergeIntervals(nonPending, occupied[k]!);
  const result: number[] = [];
  let candidate = 0;
  for (const iv of nonPending) {
    for (; candidate < completions && result.length < count && candidate < iv.first; candidate++) {
      result.push(candidate);
    }
    if (result.length >= count || candidate >= completions) return result;
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

/**
 * Builds a set from index numbers in any order, possibly repeated (upstream gathers them in a
 * `sets.Set[int]` then sorts: calculateSucceededIndexes, getNewFinishedIndexes, the active
 * indexes of firstPendingIndexes). Values that are not non-negative safe integers (such as the
 * `-1` of an unknown completion index) are skipped, as upstream's `getIndexes` skips them.
 * O(n log n) in the number of values; an array (or other array-like) is read without an
 * iterator, so 10^5 running pods of consecutive indexes cost one sort and one interval.
 *
 * @example intervalsFromIndexes([5, 1, 2, 2, 0, -1]) // [{0,2},{5,5}]
 */
export function intervalsFromIndexes(indexes: Iterable<number> | ArrayLike<number>): OrderedIntervals {
  let kept: Float64Array;
  if (typeof (indexes as ArrayLike<number>).length === 'number') {
    const a = indexes as ArrayLike<number>;
    kept = new Float64Array(a.length);
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      const ix = a[i]!;
      if (Number.isSafeInteger(ix) && ix >= 0) kept[n++] = ix;
    }
    kept = kept.subarray(0, n);
  } else {
    const xs: number[] = [];
    for (const ix of indexes as Iterable<number>) if (Number.isSafeInteger(ix) && ix >= 0) xs.push(ix);
    kept = Float64Array.from(xs);
  }
  const sorted = kept.sort();
  const result: MutableInterval[] = [];
  let last: MutableInterval | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    const ix = x <= 0x7fffffff ? x | 0 : x; // small integers, not boxed doubles (see atoiRange)
    if (last !== undefined && ix <= last.last + 1) {
      if (ix > last.last) last.last = ix;
    } else {
      last = { first: ix, last: ix };
      result.push(last);
    }
  }
  return result;
}

/** True when the set is ascending, disjoint, non-touching and has no empty interval. */
function isCanonical(set: OrderedIntervals): boolean {
  let prevLast = -Infinity;
  for (const iv of set) {
    if (iv.first > iv.last || iv.first <= prevLast + 1) return false;
    prevLast = iv.last;
  }
  return true;
}
