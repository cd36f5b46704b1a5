import type { Job, JobStatus } from '@jobkit/api';
import { finishedPods, type FinishedPods } from './finishedPods.js';

const job = (spec: Partial<Job['spec']>, status: JobStatus): Job => ({ metadata: { name: 'j' }, spec: { template: {}, ...spec }, status }) as Job;

// After job_controller_test.go's TestJobPodsFinishedMetrics-style expectations (recordJobPodFinished).
const cases: { name: string; job: Job; before: JobStatus; want: FinishedPods }[] = [
  { name: 'NonIndexed: counter deltas', job: job({}, { succeeded: 3, failed: 2 }), before: { succeeded: 1, failed: 2 }, want: { succeeded: 2, failed: 0 } },
  {
    name: 'Indexed: newly completed indexes, global backoff limit',
    job: job({ completionMode: 'Indexed', completions: 5 }, { succeeded: 3, completedIndexes: '0-2', failed: 1 }),
    before: { succeeded: 1, completedIndexes: '1' },
    want: { succeeded: 2, failed: 1, indexes: { succeeded: 2, failed: 0, backoffLimit: 'global' } },
  },
  {
    name: 'Indexed, scaled down: an index out of range is not counted',
    job: job({ completionMode: 'Indexed', completions: 2 }, { succeeded: 2, completedIndexes: '0,1,3' }),
    before: { completedIndexes: '0,3' },
    want: { succeeded: 1, failed: 0, indexes: { succeeded: 1, failed: 0, backoffLimit: 'global' } },
  },
  {
    name: 'Indexed with backoffLimitPerIndex: failed indexes',
    job: job({ completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 0 }, { failed: 2, completedIndexes: '', failedIndexes: '1,3' }),
    before: { failed: 1, completedIndexes: '', failedIndexes: '1' },
    want: { succeeded: 0, failed: 1, indexes: { succeeded: 0, failed: 1, backoffLimit: 'perIndex' } },
  },
  {
    name: 'Indexed: unchanged strings count nothing',
    job: job({ completionMode: 'Indexed', completions: 4 }, { succeeded: 2, completedIndexes: '0,1' }),
    before: { succeeded: 2, completedIndexes: '0,1' },
    want: { succeeded: 0, failed: 0, indexes: { succeeded: 0, failed: 0, backoffLimit: 'global' } },
  },
];

describe('finishedPods', () => {
  test.each(cases)('$name', ({ job: j, before, want }) => {
    expect(finishedPods(j, before)).toEqual(want);
  });
});
