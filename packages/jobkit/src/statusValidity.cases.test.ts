// Counterexamples found by statusValidity.property.test.ts, each written as a minimal,
// deterministic pass: (job, pods, now) → syncJob → every status write must pass
// validateJobStatusUpdate against the Job as stored just before it. A failing case here is a
// disagreement between @jobkit/core and @jobkit/validation; the comment says which side is wrong.
import { rejectedStatusWrites } from './testing/playPasses.js';
import { T0, job, pod } from './testing/builders.js';

const at = (iso: string): Date => new Date(iso);
const shape = (ws: ReturnType<typeof rejectedStatusWrites>): string[] =>
  ws.flatMap((w) => w.errors.map((e) => `write #${w.actionIndex}: ${e.type} ${e.field}: ${e.detail ?? ''}`));

describe('every status write of syncJob passes status validation (counterexamples)', () => {
  // Found by the property (seed in the property file's header). @jobkit/core is wrong: it mirrors
  // job_controller.go @ 6ae037f1 manageJob, whose pod-creation backoff branch does
  // `return 0, metrics.JobSyncActionPodsCreated, nil`, so status.active is written as 0 while
  // status.ready still counts the running Ready pods; the current API server rejects
  // ready > active (validation.go RejectMoreReadyThanActivePods, Appendix rule 24).
  // Upstream fixed the controller: kubernetes/kubernetes#139428, fixed by #139457 (both
  // backoff branches now `return active, ...`), cherry-picked to 1.33-1.36.
  test('global pod backoff: a failed pod and a Ready pod; replacement deferred ⇒ active must not drop below ready', () => {
    const j = job(
      { completionMode: 'NonIndexed', completions: 2, parallelism: 2 },
      { startTime: T0, active: 2, ready: 1, succeeded: 0, failed: 0, terminating: 0, uncountedTerminatedPods: {} },
    );
    const pods = [
      pod('job-a', { phase: 'Failed', exitCode: 1, finishedAt: '2026-01-01T00:00:05Z' }),
      pod('job-b', { phase: 'Running', ready: true }),
    ];
    expect(shape(rejectedStatusWrites(j, pods, at('2026-01-01T00:00:05Z')))).toEqual([]);
  });

  // Same root cause, per-index branch: getPodCreationInfoForIndependentIndexes finds every
  // pending index in backoff and manageJob returns 0 (job_controller.go @ 6ae037f1, second
  // `return 0, metrics.JobSyncActionPodsCreated, nil`); fixed by the same upstream PR #139457.
  test('per-index backoff (backoffLimitPerIndex): index 0 failed, index 1 Ready ⇒ active must not drop below ready', () => {
    const j = job(
      { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 1 },
      { startTime: T0, active: 2, ready: 1, succeeded: 0, failed: 0, terminating: 0, uncountedTerminatedPods: {}, failedIndexes: '' },
    );
    const pods = [
      pod('job-0-a', { index: 0, failureCount: 0, phase: 'Failed', exitCode: 1, finishedAt: '2026-01-01T00:00:05Z' }),
      pod('job-1-a', { index: 1, failureCount: 0, phase: 'Running', ready: true }),
    ];
    expect(shape(rejectedStatusWrites(j, pods, at('2026-01-01T00:00:05Z')))).toEqual([]);
  });
});
