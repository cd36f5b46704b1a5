import { finishedCondition, isJobFinished, type JobCondition } from './index.js';

describe('isJobFinished (IsJobFinished)', () => {
  const c = (type: string, status: string): JobCondition => ({ type, status });
  const cases: ReadonlyArray<{ name: string; conditions: readonly JobCondition[] | undefined; finished: JobCondition | undefined }> = [
    { name: 'no status conditions', conditions: undefined, finished: undefined },
    { name: 'Complete=True', conditions: [c('Complete', 'True')], finished: c('Complete', 'True') },
    { name: 'Failed=True', conditions: [c('Suspended', 'True'), c('Failed', 'True')], finished: c('Failed', 'True') },
    { name: 'Complete=False is not finished', conditions: [c('Complete', 'False')], finished: undefined },
    { name: 'Complete=Unknown is not finished', conditions: [c('Complete', 'Unknown')], finished: undefined },
    { name: 'interim conditions are not finished', conditions: [c('FailureTarget', 'True'), c('SuccessCriteriaMet', 'True')], finished: undefined },
    {
      name: 'a False duplicate earlier does not hide a True one',
      conditions: [c('Complete', 'False'), c('Complete', 'True')],
      finished: c('Complete', 'True'),
    },
  ];
  test.each(cases)('$name', ({ conditions, finished }) => {
    const job = { status: conditions === undefined ? {} : { conditions } };
    expect(finishedCondition(job)).toEqual(finished);
    expect(isJobFinished(job)).toBe(finished !== undefined);
  });

  test('absent or null status', () => {
    expect(isJobFinished({})).toBe(false);
    expect(isJobFinished({ status: null })).toBe(false);
  });
});
