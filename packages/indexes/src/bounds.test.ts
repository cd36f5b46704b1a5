// The interval parsers on arguments no stored Job can produce: huge strings, wrong types, odd
// completions. They answer at once, never throw, and keep memory bounded.
import { MaxRequestBytes } from '@jobkit/api';
import {
  failedIndexesOverlapCompleted,
  getCompletionIndex,
  getIndexAbsoluteFailureCount,
  getIndexFailureCount,
  getIndexIgnoredFailureCount,
  parseIndexesFromString,
  parseIndexesStrict,
  parseIndexIntervalStrict,
} from './index.js';

const huge = '1,'.repeat(MaxRequestBytes / 2) + '1';

describe('interval parsers on hostile arguments', () => {
  test.each([
    ['over the request limit', huge, 5, `must have at most ${MaxRequestBytes} bytes`],
    ['not a string', 7, 5, 'must be a string'],
    ['null', null, 5, 'must be a string'],
    ['completions NaN', '0', NaN, 'completions must be a non-negative integer'],
    ['completions negative', '0', -1, 'completions must be a non-negative integer'],
    ['completions a string', '0', '5', 'completions must be a non-negative integer'],
  ])('parseIndexesStrict: %s', (_name, s, completions, detail) => {
    expect(parseIndexesStrict(s as never, completions as never)).toEqual({ ok: false, detail });
    expect(parseIndexIntervalStrict(s as never, completions as never)).toEqual({ ok: false, detail });
  });

  test.each([
    ['over the request limit', huge, 5],
    ['not a string', 7, 5],
    ['completions NaN', '0-3', NaN],
    ['completions Infinity', '0-3', Infinity],
  ])('parseIndexesFromString: %s reads as the empty set', (_name, s, completions) => {
    expect(parseIndexesFromString(s as never, completions)).toEqual([]);
  });

  test('failedIndexesOverlapCompleted ignores what cannot be parsed', () => {
    expect(failedIndexesOverlapCompleted(5 as never, '1', 3)).toBeUndefined();
    expect(failedIndexesOverlapCompleted(huge, '1', 3)).toBeUndefined();
    expect(failedIndexesOverlapCompleted('1', '1', 3)).toBe('failedIndexes and completedIndexes overlap at index: 1');
  });

  test('a string of exactly the limit still parses', () => {
    const s = '1,'.repeat(MaxRequestBytes / 2 - 1) + '1';
    expect(s.length).toBeLessThanOrEqual(MaxRequestBytes);
    expect(parseIndexesStrict(s, 5)).toMatchObject({ ok: false, detail: 'non-increasing order, previous: 1, current: 1' });
  });
});

describe('pod annotations of malformed pods read as absent', () => {
  const bad: readonly [string, unknown][] = [
    ['no pod', undefined],
    ['null metadata', { metadata: null }],
    ['annotations a string', { metadata: { annotations: 'x' } }],
    ['a number value', { metadata: { annotations: { 'batch.kubernetes.io/job-completion-index': 3, 'batch.kubernetes.io/job-index-failure-count': 2 } } }],
    ['an inherited value', { metadata: { annotations: Object.create({ 'batch.kubernetes.io/job-completion-index': '3' }) } }],
  ];
  test.each(bad)('%s', (_name, pod) => {
    expect(getCompletionIndex(pod as never)).toBe(-1);
    expect(getIndexFailureCount(pod as never)).toBe(0);
    expect(getIndexIgnoredFailureCount(pod as never)).toBe(0);
    expect(getIndexAbsoluteFailureCount(pod as never)).toBe(0);
  });
});
