// Ported from pkg/controller/job/indexed_job_utils_test.go
// (kubernetes/kubernetes@4a37f009ca615534484b1116d0f147f1f23cf067): TestGetIndexFailureCount,
// TestPodGenerateNameWithIndex, TestGetNewIndexFailureCountValue; plus getCompletionIndex cases.
import { JobIndexFailureCountAnnotation, JobIndexIgnoredFailureCountAnnotation, type Pod } from '@jobkit/api';
import {
  getCompletionIndex,
  getIndexAbsoluteFailureCount,
  getIndexFailureCount,
  getIndexIgnoredFailureCount,
  indexFailureCountAnnotations,
  isValidCompletionIndex,
  newIndexFailureCounts,
  podGenerateNameWithIndex,
  UnknownCompletionIndex,
} from './podIndex.js';
import { hollowPodsWithIndexPhase, noIndex, podWithAnnotations, podWithIndexFailureCount } from './__tests__/pods.js';

const MaxInt32 = 2147483647;

describe('TestGetIndexFailureCount', () => {
  const cases: Record<string, { pod: Pod; wantResult: number }> = {
    'no annotation': { pod: { metadata: {} }, wantResult: 0 },
    'valid value': { pod: podWithIndexFailureCount('2'), wantResult: 2 },
    'valid maxint32 value': { pod: podWithIndexFailureCount(String(MaxInt32)), wantResult: MaxInt32 },
    'too large value': { pod: podWithIndexFailureCount(String(MaxInt32 + 1)), wantResult: 0 },
    'negative value': { pod: podWithIndexFailureCount('-1'), wantResult: 0 },
    'invalid int value': { pod: podWithIndexFailureCount('xyz'), wantResult: 0 },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(getIndexFailureCount(tc.pod)).toBe(tc.wantResult);
  });
});

describe('getIndexFailureCount / getIndexIgnoredFailureCount edge cases', () => {
  const cases: Record<string, { v: string; want: number }> = {
    'leading plus': { v: '+3', want: 3 },
    'leading zeros': { v: '003', want: 3 },
    space: { v: ' 3', want: 0 },
    'beyond int64': { v: '99999999999999999999', want: 0 },
    empty: { v: '', want: 0 },
    'decimal point': { v: '1.0', want: 0 },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(getIndexFailureCount(podWithAnnotations({ [JobIndexFailureCountAnnotation]: tc.v }))).toBe(tc.want);
    expect(getIndexIgnoredFailureCount(podWithAnnotations({ [JobIndexIgnoredFailureCountAnnotation]: tc.v }))).toBe(tc.want);
  });
  // Known divergence: upstream's int32 sum wraps (indexed_job_utils.go:423); jobkit does not copy the overflow.
  it.each([
    ['MaxInt32 + 1', String(MaxInt32), '1', MaxInt32 + 1],
    ['MaxInt32 + MaxInt32', String(MaxInt32), String(MaxInt32), 2 * MaxInt32],
    ['1 + 2', '1', '2', 3],
  ])('absolute count is the true sum, never wrapped: %s', (_name, failures, ignored, want) => {
    const pod = podWithAnnotations({ [JobIndexFailureCountAnnotation]: failures, [JobIndexIgnoredFailureCountAnnotation]: ignored });
    expect(getIndexAbsoluteFailureCount(pod)).toBe(want);
  });
});

describe('getCompletionIndex', () => {
  const cases: Record<string, { index: string; want: number }> = {
    'no annotation': { index: noIndex, want: UnknownCompletionIndex },
    valid: { index: '3', want: 3 },
    zero: { index: '0', want: 0 },
    invalid: { index: 'invalid', want: UnknownCompletionIndex },
    negative: { index: '-2', want: UnknownCompletionIndex },
    'leading plus (Atoi accepts)': { index: '+4', want: 4 },
    'leading zeros': { index: '04', want: 4 },
    space: { index: '4 ', want: UnknownCompletionIndex },
    empty: { index: '', want: UnknownCompletionIndex },
    'beyond int64': { index: '9223372036854775808', want: UnknownCompletionIndex },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    const [pod] = hollowPodsWithIndexPhase([[tc.index, 'Running']]);
    expect(getCompletionIndex(pod!)).toBe(tc.want);
  });
  it('max int64 is a (huge) valid index, never valid for any completions', () => {
    const [pod] = hollowPodsWithIndexPhase([['9223372036854775807', 'Running']]);
    const ix = getCompletionIndex(pod!);
    expect(ix).toBeGreaterThan(2 ** 62);
    expect(isValidCompletionIndex(ix, MaxInt32)).toBe(false);
  });
  it('isValidCompletionIndex', () => {
    expect(isValidCompletionIndex(UnknownCompletionIndex, 5)).toBe(false);
    expect(isValidCompletionIndex(0, 5)).toBe(true);
    expect(isValidCompletionIndex(4, 5)).toBe(true);
    expect(isValidCompletionIndex(5, 5)).toBe(false);
  });
});

describe('TestPodGenerateNameWithIndex', () => {
  const cases: Record<string, { jobname: string; index: number; wantPodGenerateName: string }> = {
    'short job name': { jobname: 'indexed-job', index: 1, wantPodGenerateName: 'indexed-job-1-' },
    'job name exceeds MaxGeneneratedNameLength': {
      jobname: 'hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooo',
      index: 1,
      wantPodGenerateName: 'hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhh-1-',
    },
    'job name with index suffix exceeds MaxGeneratedNameLength': {
      jobname: 'hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhoo',
      index: 1,
      wantPodGenerateName: 'hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhh-1-',
    },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(podGenerateNameWithIndex(tc.jobname, tc.index)).toBe(tc.wantPodGenerateName);
  });
});

describe('TestGetNewIndexFailureCountValue', () => {
  // Upstream decides countFailed by matching the job's pod failure policy; here the case states
  // the outcome of that match (true when the job has no policy).
  const failed = (count: string): Pod => podWithIndexFailureCount(count);
  const cases: Record<string, { pod?: Pod; countFailed: boolean; wantNewIndexFailureCount: number; wantNewIndexIgnoredFailureCount: number }> = {
    'first pod created': { countFailed: true, wantNewIndexFailureCount: 0, wantNewIndexIgnoredFailureCount: 0 },
    'failed pod being replaced with 0 index failure count': {
      pod: failed('0'),
      countFailed: true,
      wantNewIndexFailureCount: 1,
      wantNewIndexIgnoredFailureCount: 0,
    },
    'failed pod being replaced with >0 index failure count': {
      pod: failed('3'),
      countFailed: true,
      wantNewIndexFailureCount: 4,
      wantNewIndexIgnoredFailureCount: 0,
    },
    'failed pod being replaced, matching the ignore rule': {
      pod: failed('3'),
      countFailed: false,
      wantNewIndexFailureCount: 3,
      wantNewIndexIgnoredFailureCount: 1,
    },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(newIndexFailureCounts(tc.pod, tc.countFailed)).toEqual({
      failureCount: tc.wantNewIndexFailureCount,
      ignoredFailureCount: tc.wantNewIndexIgnoredFailureCount,
    });
  });
  // Known divergence: upstream's int32 ++ wraps to MinInt32 (indexed_job_utils.go:365-370); jobkit counts on.
  // Either annotation reads back as 0 (parseInt32 refuses values outside [0, MaxInt32]).
  it('increment past MaxInt32 is not wrapped', () => {
    expect(newIndexFailureCounts(failed(String(MaxInt32)), true).failureCount).toBe(MaxInt32 + 1);
    const ignored = podWithAnnotations({ [JobIndexIgnoredFailureCountAnnotation]: String(MaxInt32) });
    const counts = newIndexFailureCounts(ignored, false);
    expect(counts.ignoredFailureCount).toBe(MaxInt32 + 1);
    const written = indexFailureCountAnnotations(counts);
    expect(written[JobIndexIgnoredFailureCountAnnotation]).toBe('2147483648');
    expect(getIndexIgnoredFailureCount(podWithAnnotations(written))).toBe(0);
  });
  it('annotations: ignored count only when positive', () => {
    expect(indexFailureCountAnnotations({ failureCount: 2, ignoredFailureCount: 0 })).toEqual({ [JobIndexFailureCountAnnotation]: '2' });
    expect(indexFailureCountAnnotations({ failureCount: 0, ignoredFailureCount: 1 })).toEqual({
      [JobIndexFailureCountAnnotation]: '0',
      [JobIndexIgnoredFailureCountAnnotation]: '1',
    });
  });
});
