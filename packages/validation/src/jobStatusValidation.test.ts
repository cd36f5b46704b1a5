import type { Job } from '@jobkit/api';
import { mergeFieldErrors } from './fieldError.js';
import { getStatusValidationOptions, validateJobStatusUpdate } from './jobStatusValidation.js';

const meta = { name: 'j', namespace: 'default', resourceVersion: '1' };
const job = (status: object, spec: object = {}): Job => ({ metadata: meta, spec: spec as Job['spec'], status });
const T = '2026-01-01T00:00:00Z';
const T2 = '2026-01-01T00:05:00Z';
const pairs = (errs: Array<{ type: string; field: string }>) => errs.map((e) => `${e.type} ${e.field}`);

describe('getStatusValidationOptions', () => {
  const cases: Array<[string, Job, Job, Record<string, boolean>]> = [
    [
      'nothing changed: change-gated rules are off',
      job({ active: 1 }),
      job({ active: 1 }),
      {
        rejectDecreasingFailedCounter: true,
        rejectDisablingTerminalCondition: true,
        rejectMutatingCompletionTime: true,
        rejectInvalidCompletedIndexes: false,
        rejectFinishedJobWithActivePods: false,
        rejectMoreReadyThanActivePods: false,
      },
    ],
    [
      'elastic Indexed job (completions == parallelism) may lower succeeded',
      job({}, { completionMode: 'Indexed', completions: 3, parallelism: 3 }),
      job({}),
      { rejectDecreasingSucceededCounter: false },
    ],
    ['NonIndexed job may not lower succeeded', job({}, { completions: 3, parallelism: 3 }), job({}), { rejectDecreasingSucceededCounter: true }],
    [
      'a resume (Suspended True -> False) may move startTime',
      job({ startTime: T, conditions: [{ type: 'Suspended', status: 'True' }] }),
      job({ startTime: T2, conditions: [{ type: 'Suspended', status: 'False' }] }),
      { rejectStartTimeUpdateForUnsuspendedJob: false },
    ],
    ['startTime change otherwise checked', job({ startTime: T }), job({ startTime: T2 }), { rejectStartTimeUpdateForUnsuspendedJob: true }],
    [
      'suspended Job with zero completions may finish without startTime',
      job({}, { suspend: true, completions: 0 }),
      job({ conditions: [{ type: 'Complete', status: 'True' }] }),
      { rejectFinishedJobWithoutStartTime: false, rejectFinishedJobWithActivePods: true },
    ],
    [
      'failedIndexes change enables the FailureTarget rule',
      job({}),
      job({ failedIndexes: '' }),
      { rejectFailedJobWithoutFailureTarget: true, rejectInvalidFailedIndexes: true },
    ],
    ['ready change enables ready <= active', job({ ready: 1 }), job({ ready: 2 }), { rejectMoreReadyThanActivePods: true }],
    ['uncounted nil -> {} counts as a change', job({}), job({ uncountedTerminatedPods: {} }), { rejectFinishedJobWithUncountedTerminatedPods: true }],
  ];
  test.each(cases)('%s', (_n, oldJob, newJob, want) => {
    expect(getStatusValidationOptions(oldJob, newJob)).toMatchObject(want);
  });
});

describe('validateJobStatusUpdate', () => {
  test('doc example: a negative counter', () => {
    const oldJob = job({});
    expect(validateJobStatusUpdate(oldJob, { ...oldJob, status: { failed: -1 } })).toContainEqual({
      type: 'FieldValueInvalid',
      field: 'status.failed',
      detail: 'must be greater than or equal to 0',
      value: -1,
    });
  });

  const cases: Array<[string, Job, Job, string[]]> = [
    [
      'a clean transition to Failed',
      job({ startTime: T, conditions: [{ type: 'FailureTarget', status: 'True' }] }),
      job({
        startTime: T,
        conditions: [
          { type: 'FailureTarget', status: 'True' },
          { type: 'Failed', status: 'True' },
        ],
      }),
      [],
    ],
    [
      'spec of the new object is ignored (reset to the old spec)',
      job({ completedIndexes: '' }, { completionMode: 'Indexed', completions: 5 }),
      job({ completedIndexes: '0-3' }, { completions: 1 }),
      [],
    ],
    [
      'overlap is reported at the first shared index',
      job({}, { completionMode: 'Indexed', completions: 9, backoffLimitPerIndex: 1 }),
      job({ completedIndexes: '0-2,6', failedIndexes: '3,5-7' }),
      ['FieldValueInvalid status.failedIndexes'],
    ],
    [
      'malformed fragments are skipped by the overlap check',
      job({}, { completionMode: 'Indexed', completions: 9, backoffLimitPerIndex: 1 }),
      job({ completedIndexes: 'x,4', failedIndexes: '1,y' }),
      ['FieldValueInvalid status.completedIndexes', 'FieldValueInvalid status.failedIndexes'],
    ],
    [
      'metadata: resourceVersion required and name immutable',
      job({}),
      { metadata: { name: 'k', namespace: 'default' }, spec: {} as Job['spec'] },
      ['FieldValueInvalid metadata.resourceVersion', 'FieldValueInvalid metadata.name'],
    ],
    [
      'completionTime compares at second precision',
      job({
        startTime: '2026-01-01T00:00:00.900Z',
        completionTime: T,
        conditions: [
          { type: 'SuccessCriteriaMet', status: 'True' },
          { type: 'Complete', status: 'True' },
        ],
      }),
      job({
        startTime: '2026-01-01T00:00:00.100Z',
        completionTime: T,
        conditions: [
          { type: 'SuccessCriteriaMet', status: 'True' },
          { type: 'Complete', status: 'True' },
        ],
      }),
      [],
    ],
  ];
  test.each(cases)('%s', (_n, oldJob, newJob, want) => {
    expect(pairs(validateJobStatusUpdate(oldJob, newJob)).sort()).toEqual([...want].sort());
  });

  test('options override the computed ones', () => {
    const oldJob = job({ failed: 3 });
    const newJob = job({ failed: 1 });
    expect(pairs(validateJobStatusUpdate(oldJob, newJob))).toEqual(['FieldValueInvalid status.failed']);
    expect(validateJobStatusUpdate(oldJob, newJob, { rejectDecreasingFailedCounter: false })).toEqual([]);
  });
});

describe('errors are listed as the API server lists them', () => {
  test('three condition rules broken at once give three status.conditions errors, without a value', () => {
    const oldJob = job({});
    const errs = validateJobStatusUpdate(oldJob, {
      ...oldJob,
      status: {
        startTime: '2026-01-01T00:00:00Z',
        completionTime: '2026-01-01T00:01:00Z',
        conditions: [
          { type: 'Complete', status: 'True' },
          { type: 'Failed', status: 'True' },
        ],
      },
    });
    const conditions = errs.filter((e) => e.field === 'status.conditions');
    expect(conditions.length).toBeGreaterThan(1);
    expect(conditions.every((e) => e.value === undefined)).toBe(true);
  });
});

test('an exact repeat is listed once; a different detail or value is not a repeat', () => {
  const rp = 'spec.template.spec.restartPolicy';
  expect(
    mergeFieldErrors([
      { type: 'FieldValueRequired', field: rp, detail: '' },
      { type: 'FieldValueRequired', field: rp, detail: '' },
      { type: 'FieldValueRequired', field: rp, detail: 'valid values: "OnFailure", "Never"' },
      { type: 'FieldValueInvalid', field: 'metadata.labels', detail: 'bad', value: 'a b' },
      { type: 'FieldValueInvalid', field: 'metadata.labels', detail: 'bad', value: 'c d' },
      { type: 'FieldValueInvalid', field: 'metadata.labels', detail: 'bad', value: 'a b' },
    ]),
  ).toEqual([
    { type: 'FieldValueRequired', field: rp, detail: '' },
    { type: 'FieldValueRequired', field: rp, detail: 'valid values: "OnFailure", "Never"' },
    { type: 'FieldValueInvalid', field: 'metadata.labels', detail: 'bad', value: 'a b' },
    { type: 'FieldValueInvalid', field: 'metadata.labels', detail: 'bad', value: 'c d' },
  ]);
});
