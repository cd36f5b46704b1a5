// Upstream's TestValidateIndexesString and TestValidateFailedIndexesNotOverlapCompleted
// (validation_test.go @ 4f080b1d, liggitt/kubernetes), run through validateJobStatusUpdate with only
// the rule under test switched on, comparing upstream's error text.
import type { Job } from '@jobkit/api';
import { type JobStatusValidationOptions, getStatusValidationOptions, validateJobStatusUpdate } from './jobStatusValidation.js';

const allOff = Object.fromEntries(Object.keys(getStatusValidationOptions({}, {})).map((k) => [k, false])) as unknown as JobStatusValidationOptions;
const job = (completions: number, status: object): Job => ({
  metadata: { name: 'j', namespace: 'default', resourceVersion: '1' },
  spec: { completionMode: 'Indexed', completions, backoffLimitPerIndex: 1 } as Job['spec'],
  status,
});

describe('TestValidateIndexesString', () => {
  test.each<[string, string, number, string | null]>([
    ['empty is valid', '', 6, null],
    ['single number is valid', '1', 6, null],
    ['single interval is valid', '1-3', 6, null],
    ['mixed intervals valid', '0,1-3,5,7-10', 12, null],
    ['invalid due to extra space', '0,1-3, 5', 6, 'cannot convert string to integer for index: " 5"'],
    ['invalid due to too large index', '0,1-3,5', 5, 'too large index: "5"'],
    ['invalid due to non-increasing order of intervals', '1-3,0,5', 6, 'non-increasing order, previous: 3, current: 0'],
    ['invalid due to non-increasing order between intervals', '0,0,5', 6, 'non-increasing order, previous: 0, current: 0'],
    ['invalid due to non-increasing order within interval', '0,1-1,5', 6, 'non-increasing order, previous: 1, current: 1'],
    ["invalid due to starting with '-'", '-1,0', 6, 'cannot convert string to integer for index: ""'],
    ["invalid due to ending with '-'", '0,1-', 6, 'cannot convert string to integer for index: ""'],
    [
      "invalid due to repeated '-'",
      '0,1--3',
      6,
      `the fragment "1--3" violates the requirement that an index interval can have at most two parts separated by '-'`,
    ],
    ["invalid due to repeated ','", '0,,1,3', 6, 'cannot convert string to integer for index: ""'],
  ])('%s', (_n, s, completions, want) => {
    const errs = validateJobStatusUpdate(job(completions, {}), job(completions, { completedIndexes: s }), {
      ...allOff,
      rejectInvalidCompletedIndexes: true,
    });
    expect(errs.map((e) => e.detail)).toEqual(want === null ? [] : [`error parsing completedIndexes: ${want}`]);
  });
});

describe('TestValidateFailedIndexesNotOverlapCompleted', () => {
  const overlap8 = 'failedIndexes and completedIndexes overlap at index: 8';
  test.each<[string, string, string, number, string | null]>([
    ['empty intervals', '', '', 6, null],
    ['empty completed intervals', '', '1-3', 6, null],
    ['empty failed intervals', '1-2', '', 6, null],
    ['non-overlapping intervals', '0,2-4,6-8,12-19', '1,9-10', 20, null],
    ['overlapping intervals', '0,2-4,6-8,12-19', '1,8,9-10', 20, overlap8],
    ['overlapping intervals, corrupted completed interval skipped', '0,2-4,x,6-8,12-19', '1,8,9-10', 20, overlap8],
    ['overlapping intervals, corrupted failed interval skipped', '0,2-4,6-8,12-19', '1,y,8,9-10', 20, overlap8],
    ['overlapping intervals, first corrupted intervals skipped', 'x,0,2-4,6-8,12-19', 'y,1,8,9-10', 20, overlap8],
    ['non-overlapping intervals, last intervals corrupted', '0,2-4,6-8,12-19,x', '1,9-10,y', 20, null],
  ])('%s', (_n, completed, failed, completions, want) => {
    const errs = validateJobStatusUpdate(job(completions, {}), job(completions, { completedIndexes: completed, failedIndexes: failed }), {
      ...allOff,
      rejectFailedIndexesOverlappingCompleted: true,
    });
    expect(errs.map((e) => e.detail)).toEqual(want === null ? [] : [want]);
  });
});
