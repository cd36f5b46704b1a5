// Mirrors the orderedIntervals parsing of pkg/controller/job/indexed_job_utils.go
// (parseIndexesFromString, total) — a private copy until @jobkit/indexes lands.
import { atoi } from './atoi.js';

/** Closed interval of completion indexes, `first` ≤ `last` for well-formed input. */
export interface Interval {
  readonly first: number;
  readonly last: number;
}

/**
 * Parses "0-2,5" into ordered intervals, leniently as upstream: corrupted pieces are skipped,
 * parsing stops at the first interval starting at or beyond `completions`, an end beyond
 * `completions` is clamped, and an interval adjacent to the previous one is merged into it.
 */
export function parseIndexesFromString(indexesStr: unknown, completions: number): Interval[] {
  if (typeof indexesStr !== 'string' || indexesStr === '') return [];
  const limit = Number.isFinite(completions) ? completions : 0;
  const result: { first: number; last: number }[] = [];
  for (const intervalStr of indexesStr.split(',')) {
    const limits = intervalStr.split('-');
    const first = atoi(limits[0]);
    if (first === undefined) continue; // corrupted interval: ignored, as upstream logs and moves on
    if (first >= limit) break;
    let last = first;
    if (limits.length > 1) {
      const parsed = atoi(limits[1]);
      if (parsed === undefined) continue;
      last = parsed >= limit ? limit - 1 : parsed;
    }
    const prev = result[result.length - 1];
    if (prev !== undefined && prev.last === first - 1) prev.last = last;
    else result.push({ first, last });
  }
  return result;
}

/** Number of indexes the intervals hold (upstream's orderedIntervals.total). */
export function totalIndexes(intervals: readonly Interval[]): number {
  let count = 0;
  for (const iv of intervals) count += iv.last - iv.first + 1;
  return count;
}
