// Runs the @example of every public doc comment in this package, so the docs cannot drift.
import {
  countIndexes,
  failedIndexesOverlapCompleted,
  firstPendingIndexes,
  formatIntervals,
  intervalsFromIndexes,
  mergeIntervals,
  parseIndexIntervalStrict,
  parseIndexesFromString,
  parseIndexesStrict,
  podGenerateNameWithIndex,
  withOrderedIndexes,
} from './index.js';
import { atoi } from './internal/goInt.js';
import { goQuote } from './internal/goQuote.js';

const iv = (first: number, last: number) => ({ first, last });

const examples: Record<string, () => void> = {
  parseIndexesFromString: () => expect(parseIndexesFromString('0,1-foo,bar,3-9', 5)).toEqual([iv(0, 0), iv(3, 4)]),
  formatIntervals: () => expect(formatIntervals([iv(0, 0), iv(2, 3), iv(5, 9)])).toBe('0,2,3,5-9'),
  mergeIntervals: () => expect(mergeIntervals([iv(0, 2)], [iv(3, 3), iv(7, 8)])).toEqual([iv(0, 3), iv(7, 8)]),
  withOrderedIndexes: () => expect(withOrderedIndexes([iv(0, 1)], [2, 5])).toEqual([iv(0, 2), iv(5, 5)]),
  countIndexes: () => expect(countIndexes(parseIndexesFromString('0-99999999', 1e8))).toBe(1e8),
  firstPendingIndexes: () => expect(firstPendingIndexes(3, 10, [iv(0, 1)], [iv(3, 3)])).toEqual([2, 4, 5]),
  intervalsFromIndexes: () => expect(intervalsFromIndexes([5, 1, 2, 2, 0, -1])).toEqual([iv(0, 2), iv(5, 5)]),
  podGenerateNameWithIndex: () => expect(podGenerateNameWithIndex('indexed-job', 1)).toBe('indexed-job-1-'),
  parseIndexIntervalStrict: () => expect(parseIndexIntervalStrict('3-1', 5)).toEqual({ ok: false, detail: 'non-increasing order, previous: 3, current: 1' }),
  parseIndexesStrict: () => expect(parseIndexesStrict('0,2-4', 5)).toEqual({ ok: true, intervals: [iv(0, 0), iv(2, 4)], total: 4 }),
  failedIndexesOverlapCompleted: () => expect(failedIndexesOverlapCompleted('0-2', '2,5', 10)).toBe('failedIndexes and completedIndexes overlap at index: 2'),
  atoi: () => expect([atoi('+7'), atoi('007'), atoi(' 7'), atoi('0x1')]).toEqual([7, 7, undefined, undefined]),
  goQuote: () => expect(goQuote('a"b\n')).toBe('"a\\"b\\n"'),
};

describe('doc examples', () => {
  it.each(Object.entries(examples))('%s', (_name, run) => run());
});
