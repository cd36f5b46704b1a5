// Private copy of the strict completion-index parser (pkg/apis/batch/validation/validation.go
// validateIndexesFormat / parseIndexInterval) until @jobkit/indexes exports parseIndexesStrict.

export interface Interval {
  readonly first: number;
  readonly last: number;
}

export type StrictParse =
  | { readonly ok: true; readonly intervals: readonly Interval[]; readonly total: number }
  | { readonly ok: false; readonly detail: string };

/**
 * strconv.Atoi as Go has it, on s[from, to): optional sign, ASCII digits, int64 range.
 * Returns undefined on error. A char loop, as hostile inputs hold millions of fragments.
 */
function atoi(s: string, from: number, to: number): number | undefined {
  let i = from;
  let neg = false;
  if (i < to) {
    const c = s.charCodeAt(i);
    if (c === 43 /* + */ || c === 45 /* - */) {
      neg = c === 45;
      i++;
    }
  }
  if (i >= to) return undefined;
  let n = 0;
  for (; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  // Beyond 2^63 Go reports a range error; beyond 2^53 precision no longer matters for the checks.
  if (n >= 9.223372036854776e18) return undefined;
  return neg ? -n : n;
}

const quote = (s: string): string => JSON.stringify(s.length > 64 ? `${s.slice(0, 61)}...` : s);

/** Parses the fragment s[from, to) (`x` or `x-y`) against completions; a string is an error detail. */
export function parseIndexIntervalAt(s: string, from: number, to: number, completions: number): Interval | string {
  // Scan only this fragment for '-': indexOf would search to the end of a megabyte string.
  let dash = -1;
  for (let i = from; i < to; i++) {
    if (s.charCodeAt(i) !== 45) continue;
    if (dash >= 0) {
      return `the fragment ${quote(s.slice(from, to))} violates the requirement that an index interval can have at most two parts separated by '-'`;
    }
    dash = i;
  }
  const hasDash = dash >= 0;
  const xEnd = hasDash ? dash : to;
  const x = atoi(s, from, xEnd);
  if (x === undefined) return `cannot convert string to integer for index: ${quote(s.slice(from, xEnd))}`;
  if (x >= completions) return `too large index: ${quote(s.slice(from, xEnd))}`;
  if (!hasDash) return { first: x, last: x };
  const y = atoi(s, dash + 1, to);
  if (y === undefined) return `cannot convert string to integer for index: ${quote(s.slice(dash + 1, to))}`;
  if (y >= completions) return `too large index: ${quote(s.slice(dash + 1, to))}`;
  if (x >= y) return `non-increasing order, previous: ${x}, current: ${y}`;
  return { first: x, last: y };
}

/** Parses one `x` or `x-y` fragment against completions. */
export function parseIndexInterval(fragment: string, completions: number): Interval | string {
  return parseIndexIntervalAt(fragment, 0, fragment.length, completions);
}

/** Iterates the comma-separated fragments of s as [from, to) bounds without splitting the string. */
export function* fragments(s: string): Generator<readonly [number, number]> {
  let start = 0;
  for (;;) {
    const comma = s.indexOf(',', start);
    if (comma < 0) {
      yield [start, s.length];
      return;
    }
    yield [start, comma];
    start = comma + 1;
  }
}

/**
 * Strict parse of an index list such as "0,2-4,7": every fragment well formed, every index below
 * completions, intervals strictly increasing (so "1-1", "2,2" and "0-3,2" are errors). Linear; stops
 * at the first error, so a 10 MB hostile string costs one pass at most.
 */
export function parseIndexesStrict(s: string, completions: number): StrictParse {
  if (s.length === 0) return { ok: true, intervals: [], total: 0 };
  const intervals: Interval[] = [];
  let total = 0;
  let last: number | undefined;
  let start = 0;
  for (;;) {
    const comma = s.indexOf(',', start);
    const end = comma < 0 ? s.length : comma;
    const r = parseIndexIntervalAt(s, start, end, completions);
    if (typeof r === 'string') return { ok: false, detail: r };
    if (last !== undefined && last >= r.first) {
      return { ok: false, detail: `non-increasing order, previous: ${last}, current: ${r.first}` };
    }
    total += r.last - r.first + 1;
    last = r.last;
    intervals.push(r);
    if (comma < 0) break;
    start = comma + 1;
  }
  return { ok: true, intervals, total };
}
