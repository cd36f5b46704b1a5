// jobkit does not copy upstream's integer-overflow bugs. Each case pins what jobkit decides where
// upstream's fixed-width arithmetic wraps; testdata/conformance/known-divergences.json lists the
// upstream line and the vector (testdata/conformance/oracle/integer-overflow.json) with upstream's
// own answer, which the harness runs as test.failing.
import { syncJob } from './syncJob.js';
import { NOW, newJob, newPod } from './__tests__/builders.js';

const startedTenSecondsAgo = { startTime: '2025-12-31T23:59:50Z', active: 1 };

describe('activeDeadlineSeconds beyond int64 nanoseconds (upstream: job_controller.go:1700 wraps, DeadlineExceeded at once)', () => {
  test.each([
    ['9223372036: the largest value upstream computes exactly', 9223372036],
    ['9223372037: the smallest value whose nanoseconds overflow int64', 9223372037],
    ['18446744074: upstream wraps to 0.29 s', 18446744074],
  ])('%s: the Job keeps running and looks again at the real deadline', (_name, ads) => {
    const r = syncJob(newJob({ activeDeadlineSeconds: ads }, startedTenSecondsAgo), [newPod('a')], NOW);
    expect(r.error).toBeUndefined();
    expect(r.status.conditions ?? []).toEqual([]);
    expect(r.actions.filter((a) => a.type === 'DeletePod')).toEqual([]);
    expect(r.requeueAfterMs).toBe(ads * 1000 - 10_000);
  });

  test.each([
    ['2^53', 2 ** 53],
    ['2^53 + 2', 2 ** 53 + 2],
    ['the largest double below 2^63', 9223372036854774784],
  ])('activeDeadlineSeconds %s is an int64 the pass takes: the pod is created', (_name, ads) => {
    const r = syncJob(newJob({ activeDeadlineSeconds: ads }, { startTime: '2025-12-31T23:59:50Z' }), [], NOW);
    expect(r.error).toBeUndefined();
    expect(r.actions.filter((a) => a.type === 'CreatePod')).toHaveLength(1);
  });

  test('activeDeadlineSeconds 2^63 is beyond int64: an error naming the field', () => {
    const r = syncJob(newJob({ activeDeadlineSeconds: 2 ** 63 }, {}), [], NOW);
    expect(r.error).toBe('job.spec.activeDeadlineSeconds: Invalid value: must be a 64-bit integer');
    expect(r.actions).toEqual([]);
  });

  test('a deadline exactly reached still fails the Job (no overflow involved)', () => {
    const r = syncJob(newJob({ activeDeadlineSeconds: 10 }, startedTenSecondsAgo), [newPod('a')], NOW);
    expect(r.status.conditions?.map((c) => [c.type, c.reason])).toEqual([['FailureTarget', 'DeadlineExceeded']]);
  });
});

describe('per-index failure counts summing beyond int32 (upstream: indexed_job_utils.go:423 wraps)', () => {
  const failed = (counts: Record<string, string>) => newPod('p0', { phase: 'Failed', index: 0, finishedAt: '2025-12-31T23:59:30Z', annotations: counts });
  test.each([
    [
      '2147483647 counted + 1 ignored',
      '2147483647',
      '1',
      {
        backoffLimitPerIndex: 1,
        podReplacementPolicy: 'Failed' as const,
        podFailurePolicy: { rules: [{ action: 'Ignore' as const, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' as const }] }] },
      },
      true,
    ],
    ['2147483646 counted + 2 ignored', '2147483646', '2', { backoffLimitPerIndex: 2147483647 }, false],
    // The sum fits, but upstream's + 1 for the failure being replaced wraps (backoff_utils.go:250).
    [
      '0 counted + 2147483647 ignored',
      '0',
      '2147483647',
      {
        backoffLimitPerIndex: 1,
        podReplacementPolicy: 'Failed' as const,
        podFailurePolicy: { rules: [{ action: 'Ignore' as const, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' as const }] }] },
      },
      true,
    ],
  ])('%s: the index waits out the full 10 min backoff (upstream: 10 s)', (_name, fc, ic, spec, disrupted) => {
    const pod = failed({ 'batch.kubernetes.io/job-index-failure-count': fc, 'batch.kubernetes.io/job-index-ignored-failure-count': ic });
    const p = disrupted ? { ...pod, status: { ...pod.status, conditions: [{ type: 'DisruptionTarget', status: 'True' }] } } : pod;
    const job = newJob({ completionMode: 'Indexed', backoffLimit: 2147483647, ...spec }, { startTime: '2025-12-31T23:50:00Z' });
    const r = syncJob(job, [p], NOW);
    expect(r.actions.filter((a) => a.type === 'CreatePod')).toEqual([]);
    // 600 s maximum backoff, the pod failed 30 s ago.
    expect(r.requeueAfterMs).toBe(570_000);
  });
});
