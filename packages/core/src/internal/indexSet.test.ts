import fc from 'fast-check';
import { emptyIntervals, withOrderedIndexes } from '@jobkit/indexes';
import { intervalsOf } from './indexSet.js';

describe('intervalsOf', () => {
  test('equals withOrderedIndexes over the sorted distinct non-negative indexes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 60 }), (xs) => {
        const want = withOrderedIndexes(
          emptyIntervals,
          [...new Set(xs.filter((x) => x >= 0))].sort((a, b) => a - b),
        );
        expect(intervalsOf(xs)).toEqual(want);
      }),
    );
  });
  test('consecutive indexes make one interval', () => {
    expect(intervalsOf([3, 1, 2, 0, 2])).toEqual([{ first: 0, last: 3 }]);
  });
});
