import { syncJob } from './syncJob.js';
import { newJob, newPod } from './__tests__/builders.js';

const NOW = new Date('2026-01-01T00:10:00Z');

describe('syncJob explanation (options.explain)', () => {
  test('absent unless asked for', () => {
    expect(syncJob(newJob(), [], NOW).explanation).toBeUndefined();
  });

  test.each([
    { name: 'another controller', job: newJob({ managedBy: 'example.com/other' }), want: /managed by example.com\/other/ },
    { name: 'finished', job: newJob({}, { conditions: [{ type: 'Complete', status: 'True' }] }), want: /finished/ },
  ])('early exit: $name', ({ job, want }) => {
    expect(syncJob(job, [], NOW, { explain: true }).explanation?.stoppedEarly).toMatch(want);
  });

  test('pods as the pass classified them, and the finishing it decided', () => {
    const job = newJob({ completions: 2, parallelism: 2, backoffLimit: 0 }, { startTime: '2026-01-01T00:00:00Z' });
    const pods = [newPod('ok', { phase: 'Succeeded' }), newPod('bad', { phase: 'Failed' }), newPod('run', { phase: 'Running', ready: true, finalizer: true })];
    const ex = syncJob(job, pods, NOW, { explain: true }).explanation!;
    expect(ex.pods.map((p) => [p.name, p.class, p.tracking ?? '-', p.countsAsFailed])).toEqual([
      ['ok', 'succeeded', 'new', false],
      ['bad', 'failed', 'new', true],
      ['run', 'active', '-', false],
    ]);
    expect(ex.counts).toMatchObject({ succeeded: 1, failed: 1 });
    // backoffLimit 0 and one failure: FailureTarget is written now; the terminal Failed the pass
    // decided waits for the deleted pod to terminate.
    expect(ex.finishing).toMatchObject({ type: 'Failed', reason: 'BackoffLimitExceeded' });
    expect(ex.finishingHeldBack).toBe('terminating');
  });

  test('requeue causes: the active deadline', () => {
    const job = newJob({ activeDeadlineSeconds: 3600 }, { startTime: '2026-01-01T00:00:00Z' });
    const ex = syncJob(job, [newPod('run', { phase: 'Running' })], NOW, { explain: true }).explanation!;
    expect(ex.activeDeadlineRemainingMs).toBe(50 * 60_000);
    expect(ex.requeues).toEqual([{ afterMs: 50 * 60_000, cause: 'activeDeadline' }]);
  });

  test("a pod that is not the Job's is listed as ignored", () => {
    const stranger = { metadata: { name: 'stranger', uid: 's', namespace: 'default', labels: { other: 'x' } }, status: { phase: 'Running' } };
    const ex = syncJob(newJob(), [stranger as never], NOW, { explain: true }).explanation!;
    expect(ex.ignored).toEqual(['stranger']);
  });
});
