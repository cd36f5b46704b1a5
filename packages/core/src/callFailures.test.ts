// SyncOptions.callFailures: the pass replayed with the calls that failed gives upstream's later
// decisions (job_controller.go v1.37.2: manageJob's active -= failed creates, deleteJobPods /
// deleteActivePods counting only what went, flushUncountedAndRemoveFinalizers' partial write).
// The oracle checks the same on 449 generated cases (testdata/conformance/oracle/call-failures.json).
import type { Action, CallFailures } from './types.js';
import { syncJob } from './syncJob.js';
import { NOW, newJob, newPod } from './__tests__/builders.js';

const writes = (actions: readonly Action[]) => actions.flatMap((a) => (a.type === 'UpdateJobStatus' ? [a.status] : []));

describe('callFailures', () => {
  test.each<{
    name: string;
    run: (f?: CallFailures) => ReturnType<typeof syncJob>;
    failures: CallFailures;
    check: (plain: ReturnType<typeof syncJob>, failed: ReturnType<typeof syncJob>) => void;
  }>([
    {
      name: 'two of three creates not made: active counts the one created, the pass reports an error',
      run: (f) => syncJob(newJob({ parallelism: 3, completions: 3 }), [], NOW, f ? { callFailures: f } : {}),
      failures: { creates: 2 },
      check: (plain, failed) => {
        expect(plain.status.active).toBe(3);
        expect(failed.status.active).toBe(1);
        expect(failed.error).toMatch(/2 of 3 not created/);
        // The same calls are decided; only what follows them changes.
        expect(failed.actions.filter((a) => a.type === 'CreatePod')).toHaveLength(3);
      },
    },
    {
      name: 'completions reached but the delete of the surplus pod failed: still active, no success criteria yet',
      run: (f) =>
        syncJob(
          newJob({ parallelism: 2, completions: 1 }),
          [newPod('done', { phase: 'Succeeded' }), newPod('left', { phase: 'Running', ready: true })],
          NOW,
          f ? { callFailures: f } : {},
        ),
      failures: { deletes: ['left'] },
      check: (plain, failed) => {
        expect(plain.status.conditions?.some((c) => c.type === 'SuccessCriteriaMet')).toBe(true);
        expect(failed.status.conditions ?? []).toEqual([]);
        expect(failed.status.active).toBe(1);
        expect(failed.error).toMatch(/deleting pods: 1 of 1 failed/);
      },
    },
    {
      name: 'a failed finalizer removal keeps its pod uncounted in a partial status write',
      run: (f) =>
        syncJob(
          newJob({ parallelism: 2, completions: 2 }),
          [newPod('a', { phase: 'Succeeded' }), newPod('b', { phase: 'Succeeded' })],
          NOW,
          f ? { callFailures: f } : {},
        ),
      failures: { finalizerRemovals: ['b'] },
      check: (plain, failed) => {
        expect(plain.status).toMatchObject({ succeeded: 2, uncountedTerminatedPods: {} });
        const last = writes(failed.actions).at(-1)!;
        expect(last).toMatchObject({ succeeded: 1, uncountedTerminatedPods: { succeeded: ['b'] } });
        expect(last.conditions?.some((c) => c.type === 'Complete')).toBe(false);
        expect(failed.error).toMatch(/removing tracking finalizers: 1 of 2 failed/);
      },
    },
  ])('$name', ({ run, failures, check }) => {
    check(run(), run(failures));
  });

  test('malformed callFailures are refused naming the field', () => {
    const res = syncJob(newJob(), [], NOW, { callFailures: { deletes: 'x' } as unknown as CallFailures });
    expect(res.error).toMatch(/callFailures\.deletes/);
    expect(res.actions).toEqual([]);
  });
});
