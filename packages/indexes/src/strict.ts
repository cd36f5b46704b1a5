// Mirrors validateIndexesFormat, parseIndexInterval and validateFailedIndexesNotOverlapCompleted
// of pkg/apis/batch/validation/validation.go (the API server's strict reading of index strings).
import { MaxRequestBytes } from '@jobkit/api';
import { atoiRange } from './internal/goInt.js';
import { goQuote } from './internal/goQuote.js';
import type { Interval, OrderedIntervals } from './intervals.js';

/** Outcome of {@link parseIndexesStrict}: the set and its size, or upstream's error text. */
export type StrictIndexesResult =
  { readonly ok: true; readonly intervals: OrderedIntervals; readonly total: number } | { readonly ok: false; readonly detail: string };

/** Outcome of {@link parseIndexIntervalStrict}: one interval, or upstream's error text. */
export type StrictIntervalResult = { readonly ok: true; readonly interval: Interval } | { readonly ok: false; readonly detail: string };

/**
 * Parses one `x` or `x-y` fragment as the API server does (upstream `parseIndexInterval`).
 * Rejects more than one `-`, a bound that Go's `strconv.Atoi` rejects (so `+3` is accepted, as
 * upstream accepts it), a bound `>= completions`, and `x >= y`. The detail is upstream's error
 * text, fragments quoted as Go's `%q` quotes them.
 *
 * @example parseIndexIntervalStrict('3-1', 5) // { ok: false, detail: 'non-increasing order, previous: 3, current: 1' }
 */
export function parseIndexIntervalStrict(fragment: string, completions: number): StrictIntervalResult {
  const bad = argumentError(fragment, completions);
  if (bad !== undefined) return bad;
  return parseIntervalIn(fragment, 0, fragment.length, completions);
}

/**
 * Arguments no stored Job can produce: a non-string, a string over the API server's request limit
 * (rejected before it is parsed), a `completions` that is not a non-negative safe integer.
 */
function argumentError(s: unknown, completions: unknown): { readonly ok: false; readonly detail: string } | undefined {
  if (typeof s !== 'string') return { ok: false, detail: 'must be a string' };
  if (s.length > MaxRequestBytes) return { ok: false, detail: `must have at most ${MaxRequestBytes} bytes` };
  if (!Number.isSafeInteger(completions) || (completions as number) < 0) return { ok: false, detail: 'completions must be a non-negative integer' };
  return undefined;
}

/** {@link parseIndexIntervalStrict} of `s.slice(start, end)`, slicing only to word an error. */
function parseIntervalIn(s: string, start: number, end: number, completions: number): StrictIntervalResult {
  let dash = -1;
  for (let k = start; k < end; k++) {
    if (s.charCodeAt(k) !== 45 /* - */) continue;
    if (dash >= 0) {
      return {
        ok: false,
        detail: `the fragment ${goQuote(s.slice(start, end))} violates the requirement that an index interval can have at most two parts separated by '-'`,
      };
    }
    dash = k;
  }
  const xEnd = dash < 0 ? end : dash;
  const x = atoiRange(s, start, xEnd);
  if (x === undefined) return { ok: false, detail: `cannot convert string to integer for index: ${goQuote(s.slice(start, xEnd))}` };
  if (x >= completions) return { ok: false, detail: `too large index: ${goQuote(s.slice(start, xEnd))}` };
  if (dash < 0) return { ok: true, interval: { first: x, last: x } };
  const y = atoiRange(s, dash + 1, end);
  if (y === undefined) return { ok: false, detail: `cannot convert string to integer for index: ${goQuote(s.slice(dash + 1, end))}` };
  if (y >= completions) return { ok: false, detail: `too large index: ${goQuote(s.slice(dash + 1, end))}` };
  if (x >= y) return { ok: false, detail: `non-increasing order, previous: ${x}, current: ${y}` };
  return { ok: true, interval: { first: x, last: y } };
}

/**
 * Parses `.status.completedIndexes` / `.status.failedIndexes` with the API server's rules
 * (upstream `validateIndexesFormat`): every fragment must parse (see
 * {@link parseIndexIntervalStrict}) and each interval must start after the previous one ends.
 * `""` is the empty set. Stops at the first error; never throws; linear in the string length, which
 * may not exceed the API server's request limit (MaxRequestBytes: longer is an error before parsing).
 *
 * The validation package wraps `detail` as upstream does:
 * `error parsing completedIndexes: <detail>`.
 *
 * Touching intervals such as `"1,2"` are accepted and kept apart, as upstream accepts them;
 * `total` counts them all. The intervals are ascending and disjoint.
 *
 * @example parseIndexesStrict('0,2-4', 5) // { ok: true, intervals: [{0,0},{2,4}], total: 4 }
 */
export function parseIndexesStrict(s: string, completions: number): StrictIndexesResult {
  const bad = argumentError(s, completions);
  if (bad !== undefined) return bad;
  if (s.length === 0) return { ok: true, intervals: [], total: 0 };
  const intervals: Interval[] = [];
  let total = 0;
  let lastIndex: number | undefined;
  let start = 0;
  const n = s.length;
  while (start <= n) {
    let end = s.indexOf(',', start);
    if (end < 0) end = n;
    const parsed = parseIntervalIn(s, start, end, completions);
    start = end + 1;
    if (!parsed.ok) return parsed;
    const { first, last } = parsed.interval;
    if (lastIndex !== undefined && lastIndex >= first) {
      return { ok: false, detail: `non-increasing order, previous: ${lastIndex}, current: ${first}` };
    }
    total += last - first + 1;
    lastIndex = last;
    intervals.push(parsed.interval);
  }
  return { ok: true, intervals, total };
}

/**
 * Checks that no index is both completed and failed, as the API server does (upstream
 * `validateFailedIndexesNotOverlapCompleted`): walks both strings' fragments in step, skipping
 * fragments that fail to parse (their format error is reported separately). Returns upstream's
 * error text (`failedIndexes and completedIndexes overlap at index: N`) or `undefined`.
 *
 * @example failedIndexesOverlapCompleted('0-2', '2,5', 10) === 'failedIndexes and completedIndexes overlap at index: 2'
 */
export function failedIndexesOverlapCompleted(completedIndexes: string, failedIndexes: string, completions: number): string | undefined {
  // Arguments that fail to parse are reported by parseIndexesStrict; they overlap nothing.
  if (argumentError(completedIndexes, completions) !== undefined || argumentError(failedIndexes, completions) !== undefined) return undefined;
  if (completedIndexes.length === 0 || failedIndexes.length === 0) return undefined;
  const completed = completedIndexes.split(',');
  const failed = failedIndexes.split(',');
  let cPos = 0;
  let fPos = 0;
  let c = parseIndexIntervalStrict(completed[0]!, completions);
  let f = parseIndexIntervalStrict(failed[0]!, completions);
  while (cPos < completed.length && fPos < failed.length) {
    if (!c.ok) {
      cPos++;
      if (cPos < completed.length) c = parseIndexIntervalStrict(completed[cPos]!, completions);
    } else if (!f.ok) {
      fPos++;
      if (fPos < failed.length) f = parseIndexIntervalStrict(failed[fPos]!, completions);
    } else {
      const ci = c.interval;
      const fi = f.interval;
      if (ci.first <= fi.last && fi.first <= ci.last) {
        return `failedIndexes and completedIndexes overlap at index: ${Math.max(ci.first, fi.first)}`;
      }
      if (ci.first <= fi.first) {
        cPos++;
        if (cPos < completed.length) c = parseIndexIntervalStrict(completed[cPos]!, completions);
      } else {
        fPos++;
        if (fPos < failed.length) f = parseIndexIntervalStrict(failed[fPos]!, completions);
      }
    }
  }
  return undefined;
}
