// Table tests ported from pkg/controller/job/indexed_job_utils_test.go
// (kubernetes/kubernetes@4a37f009ca615534484b1116d0f147f1f23cf067), plus our own edge cases.
import {
  countIndexes,
  firstPendingIndexes,
  formatIntervals,
  hasIndex,
  intervalsFromIndexes,
  iterateIndexes,
  mergeIntervals,
  parseIndexesFromString,
  withOrderedIndexes,
  type Interval,
  type OrderedIntervals,
} from './intervals.js';
import { getCompletionIndex, isValidCompletionIndex } from './podIndex.js';
import { hollowPodsWithIndexPhase, noIndex, type IndexPhase } from './__tests__/pods.js';

const iv = (first: number, last: number): Interval => ({ first, last });

/** Sorted distinct values, as upstream's `sets.List(sets.New[int](...))`. */
const sortedDistinct = (xs: Iterable<number>): number[] => [...new Set(xs)].sort((a, b) => a - b);

describe('TestCalculateSucceededIndexes', () => {
  // calculateSucceededIndexes itself lives in the core; these cases exercise the part of it that
  // is ours: parse the stored string, then add the new succeeded indexes in order.
  const cases: Record<
    string,
    { prevSucceeded?: string; pods?: IndexPhase[]; completions: number; wantStatusIntervals?: Interval[]; wantIntervals: Interval[] }
  > = {
    'one index': { pods: [['1', 'Succeeded']], completions: 2, wantIntervals: [iv(1, 1)] },
    'two separate': {
      pods: [
        ['2', 'Failed'],
        ['5', 'Succeeded'],
        ['5', 'Succeeded'],
        ['10', 'Failed'],
        ['10', 'Succeeded'],
      ],
      completions: 11,
      wantIntervals: [iv(5, 5), iv(10, 10)],
    },
    'two intervals': {
      pods: [
        ['0', 'Running'],
        ['1', 'Pending'],
        ['2', 'Succeeded'],
        ['3', 'Succeeded'],
        ['5', 'Succeeded'],
        ['6', 'Succeeded'],
        ['7', 'Succeeded'],
      ],
      completions: 8,
      wantIntervals: [iv(2, 3), iv(5, 7)],
    },
    'one index and one interval': {
      pods: [
        ['0', 'Succeeded'],
        ['1', 'Failed'],
        ['2', 'Succeeded'],
        ['3', 'Succeeded'],
        ['4', 'Succeeded'],
        ['5', 'Succeeded'],
        [noIndex, 'Succeeded'],
        ['-2', 'Succeeded'],
      ],
      completions: 6,
      wantIntervals: [iv(0, 0), iv(2, 5)],
    },
    'out of range': {
      pods: [
        ['0', 'Succeeded'],
        ['1', 'Succeeded'],
        ['2', 'Succeeded'],
        ['3', 'Failed'],
        ['4', 'Succeeded'],
        ['5', 'Succeeded'],
        [noIndex, 'Succeeded'],
        ['-2', 'Succeeded'],
      ],
      completions: 5,
      wantIntervals: [iv(0, 2), iv(4, 4)],
    },
    'prev interval out of range': {
      prevSucceeded: '0-5,8-10',
      completions: 8,
      wantStatusIntervals: [iv(0, 5)],
      wantIntervals: [iv(0, 5)],
    },
    'prev interval partially out of range': {
      prevSucceeded: '0-5,8-10',
      completions: 10,
      wantStatusIntervals: [iv(0, 5), iv(8, 9)],
      wantIntervals: [iv(0, 5), iv(8, 9)],
    },
    'prev and new separate': {
      prevSucceeded: '0,4,5,10-12',
      pods: [
        ['2', 'Succeeded'],
        ['7', 'Succeeded'],
        ['8', 'Succeeded'],
      ],
      completions: 13,
      wantStatusIntervals: [iv(0, 0), iv(4, 5), iv(10, 12)],
      wantIntervals: [iv(0, 0), iv(2, 2), iv(4, 5), iv(7, 8), iv(10, 12)],
    },
    'prev between new': {
      prevSucceeded: '3,4,6',
      pods: [
        ['2', 'Succeeded'],
        ['7', 'Succeeded'],
        ['8', 'Succeeded'],
      ],
      completions: 9,
      wantStatusIntervals: [iv(3, 4), iv(6, 6)],
      wantIntervals: [iv(2, 4), iv(6, 8)],
    },
    'new between prev': {
      prevSucceeded: '2,7,8',
      pods: [
        ['3', 'Succeeded'],
        ['4', 'Succeeded'],
        ['6', 'Succeeded'],
      ],
      completions: 9,
      wantStatusIntervals: [iv(2, 2), iv(7, 8)],
      wantIntervals: [iv(2, 4), iv(6, 8)],
    },
    'new within prev': {
      prevSucceeded: '2-7',
      pods: [
        ['0', 'Succeeded'],
        ['3', 'Succeeded'],
        ['5', 'Succeeded'],
        ['9', 'Succeeded'],
      ],
      completions: 10,
      wantStatusIntervals: [iv(2, 7)],
      wantIntervals: [iv(0, 0), iv(2, 7), iv(9, 9)],
    },
    'corrupted interval': {
      prevSucceeded: '0,1-foo,bar',
      pods: [['3', 'Succeeded']],
      completions: 4,
      wantStatusIntervals: [iv(0, 0)],
      wantIntervals: [iv(0, 0), iv(3, 3)],
    },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    const prev = parseIndexesFromString(tc.prevSucceeded ?? '', tc.completions);
    const newSucceeded = hollowPodsWithIndexPhase(tc.pods ?? [])
      .filter((p) => p.status?.phase === 'Succeeded')
      .map(getCompletionIndex)
      .filter((ix) => isValidCompletionIndex(ix, tc.completions));
    const got = withOrderedIndexes(prev, sortedDistinct(newSucceeded));
    expect(prev).toEqual(tc.wantStatusIntervals ?? []);
    expect(got).toEqual(tc.wantIntervals);
  });
});

describe('TestIntervalsHaveIndex', () => {
  const cases: Record<string, { intervals?: Interval[]; index: number; wantHas?: boolean }> = {
    empty: { index: 4 },
    'before all': { index: 1, intervals: [iv(2, 4), iv(5, 7)] },
    'after all': { index: 9, intervals: [iv(2, 4), iv(6, 8)] },
    'in between': { index: 5, intervals: [iv(2, 4), iv(6, 8)] },
    'in first': { index: 2, intervals: [iv(2, 4), iv(6, 8)], wantHas: true },
    'in second': { index: 8, intervals: [iv(2, 4), iv(6, 8)], wantHas: true },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(hasIndex(tc.intervals ?? [], tc.index)).toBe(tc.wantHas ?? false);
  });
});

describe('TestFirstPendingIndexes', () => {
  const cases: Record<
    string,
    { cnt: number; completions: number; activePods?: IndexPhase[]; succeededIndexes?: Interval[]; failedIndexes?: Interval[]; want: number[] }
  > = {
    'cnt greater than completions': { cnt: 5, completions: 3, want: [0, 1, 2] },
    'cnt less than completions': { cnt: 2, completions: 5, want: [0, 1] },
    'first pods active': {
      activePods: [
        ['0', 'Running'],
        ['1', 'Pending'],
      ],
      cnt: 3,
      completions: 10,
      want: [2, 3, 4],
    },
    'last pods active or succeeded': {
      activePods: [['6', 'Pending']],
      succeededIndexes: [iv(4, 5)],
      cnt: 6,
      completions: 6,
      want: [0, 1, 2, 3],
    },
    mixed: {
      activePods: [
        ['3', 'Pending'],
        ['5', 'Running'],
        ['8', 'Pending'],
        [noIndex, 'Running'],
        ['-3', 'Running'],
      ],
      succeededIndexes: [iv(2, 4), iv(9, 9)],
      cnt: 5,
      completions: 20,
      want: [0, 1, 6, 7, 10],
    },
    'with failed indexes': {
      activePods: [
        ['3', 'Pending'],
        ['9', 'Pending'],
      ],
      succeededIndexes: [iv(1, 1), iv(5, 5), iv(9, 9)],
      failedIndexes: [iv(2, 2), iv(6, 7)],
      cnt: 5,
      completions: 20,
      want: [0, 4, 8, 10, 11],
    },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    // As the core calls it: succeeded, then the active pods' indexes, then failed indexes.
    const active = intervalsFromIndexes(hollowPodsWithIndexPhase(tc.activePods ?? []).map(getCompletionIndex));
    const got = firstPendingIndexes(tc.cnt, tc.completions, tc.succeededIndexes ?? [], active, tc.failedIndexes ?? []);
    expect(got).toEqual(tc.want);
  });
});

describe('parseIndexesFromString (upstream lenient parser semantics)', () => {
  // Our cases; expectations derived by reading upstream's parseIndexesFromString line by line.
  const cases: Record<string, { s: string | undefined; completions: number; want: Interval[] }> = {
    'undefined is empty': { s: undefined, completions: 10, want: [] },
    'empty string is empty': { s: '', completions: 10, want: [] },
    'single index': { s: '3', completions: 10, want: [iv(3, 3)] },
    'touching singles merge': { s: '0,1,2,4,5', completions: 10, want: [iv(0, 2), iv(4, 5)] },
    'touching interval and single merge': { s: '0-2,3,5-6,7-8', completions: 10, want: [iv(0, 3), iv(5, 8)] },
    'first >= completions stops parsing': { s: '1,5,2', completions: 5, want: [iv(1, 1)] },
    'last clamped to completions-1': { s: '1-100', completions: 10, want: [iv(1, 9)] },
    'clamped interval then later part is dropped by break': { s: '1-100,12', completions: 10, want: [iv(1, 9)] },
    'corrupt parts are skipped, not fatal': { s: 'x,1,,2-,-,3', completions: 10, want: [iv(1, 1), iv(3, 3)] },
    'skipped part between touching parts still merges': { s: '1,foo,2', completions: 10, want: [iv(1, 2)] },
    'leading plus accepted by Atoi': { s: '+1-+3', completions: 10, want: [iv(1, 3)] },
    'leading zeros accepted by Atoi': { s: '007', completions: 10, want: [iv(7, 7)] },
    'spaces are corrupt': { s: ' 1,2 ,3', completions: 10, want: [iv(3, 3)] },
    'hex is corrupt': { s: '0x1,2', completions: 10, want: [iv(2, 2)] },
    'underscore is corrupt': { s: '1_0,2', completions: 10, want: [iv(2, 2)] },
    'only the first two dash fields are read': { s: '1-3-9', completions: 10, want: [iv(1, 3)] },
    'beyond int64 is a range error: skipped': { s: '99999999999999999999,1', completions: 10, want: [iv(1, 1)] },
    'max int64 parses and stops parsing': { s: '9223372036854775807,1', completions: 10, want: [] },
    'max int64 + 1 is a range error: skipped': { s: '9223372036854775808,1', completions: 10, want: [iv(1, 1)] },
    'huge last bound is clamped': { s: '2-9223372036854775807', completions: 10, want: [iv(2, 9)] },
    'beyond-2^53 last bound is clamped': { s: '2-9007199254740993', completions: 10, want: [iv(2, 9)] },
    'overlap is kept as upstream keeps it': { s: '1-5,3', completions: 10, want: [iv(1, 5), iv(3, 3)] },
    'decreasing is kept as upstream keeps it': { s: '5,3', completions: 10, want: [iv(5, 5), iv(3, 3)] },
    'reversed interval is kept as upstream keeps it': { s: '5-3', completions: 10, want: [iv(5, 3)] },
    'completions zero': { s: '0,1', completions: 0, want: [] },
    'wide interval': { s: '0-99999999', completions: 100000000, want: [iv(0, 99999999)] },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(parseIndexesFromString(tc.s, tc.completions)).toEqual(tc.want);
  });
});

describe('formatIntervals (upstream orderedIntervals.String)', () => {
  const cases: Record<string, { set: Interval[]; want: string }> = {
    empty: { set: [], want: '' },
    'one index': { set: [iv(4, 4)], want: '4' },
    'two consecutive indexes': { set: [iv(4, 5)], want: '4,5' },
    'three or more indexes': { set: [iv(4, 6)], want: '4-6' },
    mixed: { set: [iv(0, 0), iv(2, 3), iv(5, 9), iv(11, 11)], want: '0,2,3,5-9,11' },
    'wide interval': { set: [iv(0, 99999999)], want: '0-99999999' },
    'reversed interval writes its first index only': { set: [iv(5, 3)], want: '5' },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(formatIntervals(tc.set)).toBe(tc.want);
  });
});

describe('mergeIntervals (upstream orderedIntervals.merge)', () => {
  const cases: Record<string, { a: Interval[]; b: Interval[]; want: Interval[] }> = {
    'both empty': { a: [], b: [], want: [] },
    'disjoint interleaved': { a: [iv(0, 1), iv(10, 12)], b: [iv(5, 6)], want: [iv(0, 1), iv(5, 6), iv(10, 12)] },
    'touching merges': { a: [iv(0, 2)], b: [iv(3, 3), iv(7, 8)], want: [iv(0, 3), iv(7, 8)] },
    contained: { a: [iv(0, 10)], b: [iv(2, 3), iv(5, 5)], want: [iv(0, 10)] },
    'overlapping chain': { a: [iv(0, 3), iv(6, 9)], b: [iv(2, 7)], want: [iv(0, 9)] },
    'same start': { a: [iv(2, 4)], b: [iv(2, 8)], want: [iv(2, 8)] },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(mergeIntervals(tc.a, tc.b)).toEqual(tc.want);
    expect(mergeIntervals(tc.b, tc.a)).toEqual(tc.want);
  });
});

describe('intervalsFromIndexes', () => {
  const cases: Record<string, { xs: Iterable<number> | ArrayLike<number>; want: Interval[] }> = {
    empty: { xs: [], want: [] },
    'unsorted with duplicates': { xs: [5, 1, 2, 2, 0, 5], want: [iv(0, 2), iv(5, 5)] },
    'unknown and invalid values skipped': { xs: [-1, 3, Number.NaN, 1.5, Infinity, 4], want: [iv(3, 4)] },
    'consecutive indexes make one interval': { xs: [3, 1, 2, 0, 2], want: [iv(0, 3)] },
    'typed array (array-like path)': { xs: Int32Array.from([7, -1, 6, 9]), want: [iv(6, 7), iv(9, 9)] },
    'Set (iterable path)': { xs: new Set([4, 2, 3, -1]), want: [iv(2, 4)] },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(intervalsFromIndexes(tc.xs)).toEqual(tc.want);
  });
});

describe('countIndexes / iterateIndexes', () => {
  it('counts a 10^8-wide set without enumerating it', () => {
    const set = parseIndexesFromString('0-99999999', 100000000);
    expect(countIndexes(set)).toBe(100000000);
    expect(hasIndex(set, 99999999)).toBe(true);
    expect(hasIndex(set, 100000000)).toBe(false);
    expect(formatIntervals(set)).toBe('0-99999999');
    expect(firstPendingIndexes(3, 100000003, set)).toEqual([100000000, 100000001, 100000002]);
  });
  it('iterates lazily', () => {
    const it = iterateIndexes([iv(0, 99999999)]);
    expect([it.next().value, it.next().value]).toEqual([0, 1]);
    expect([...iterateIndexes([iv(1, 2), iv(5, 5)])]).toEqual([1, 2, 5]);
  });
  it('firstPendingIndexes with count 0 or no occupied sets', () => {
    expect(firstPendingIndexes(0, 10)).toEqual([]);
    expect(firstPendingIndexes(2, 10)).toEqual([0, 1]);
  });
});

describe('hostile input', () => {
  const bigOf = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length));
  // Just under the API server's request limit (3 MiB), past which the string reads as empty.
  const cases: Record<string, { s: string; completions: number; want: OrderedIntervals | ((r: OrderedIntervals) => void) }> = {
    '3 MB of commas': { s: bigOf(',', 3_000_000), completions: 10, want: [] },
    '3 MB of dashes': { s: bigOf('-', 3_000_000), completions: 10, want: [] },
    '3 MB single number': { s: bigOf('9', 3_000_000), completions: 10, want: [] },
    '3 MB of garbage parts': { s: bigOf('1-,', 3_000_000), completions: 10, want: [] },
    '3 MB of every other index': {
      s: Array.from({ length: 400_000 }, (_, i) => String(2 * i)).join(','),
      completions: 3_000_000,
      want: (r) => {
        expect(r.length).toBe(400_000);
        expect(countIndexes(r)).toBe(400_000);
      },
    },
    '10 MB: over the request limit, the empty set at once': {
      s: Array.from({ length: 1_500_000 }, (_, i) => String(2 * i)).join(','),
      completions: 3_000_000,
      want: [],
    },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    const t0 = performance.now();
    const got = parseIndexesFromString(tc.s, tc.completions);
    if (typeof tc.want === 'function') tc.want(got);
    else expect(got).toEqual(tc.want);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
