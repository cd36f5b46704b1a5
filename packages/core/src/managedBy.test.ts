// Which Jobs a pass reconciles: spec.managedBy against SyncOptions.controllerName (KEP-4368);
// unset managedBy is the built-in controller's.
import { ExternalTrackingFinalizer, JobTrackingFinalizer, type Job, type Pod } from '@jobkit/api';
import { orphanPodActions } from './orphanPods.js';
import { syncJob } from './syncJob.js';
import { newJob, newPod } from './__tests__/builders.js';

const NOW = new Date('2026-01-01T00:10:00Z');
const withFinalizer = (p: Pod, f: string): Pod => ({ ...p, metadata: { ...p.metadata, finalizers: [f] } });

describe('SyncOptions.controllerName: an external controller reconciles the Jobs that name it', () => {
  const external = 'example.com/jobkit';
  test.each([
    { name: 'default controller, managedBy unset: acts', managedBy: undefined, controllerName: undefined, acts: true },
    { name: 'default controller, managedBy external: skips', managedBy: external, controllerName: undefined, acts: false },
    { name: 'external controller, managedBy external: acts', managedBy: external, controllerName: external, acts: true },
    { name: "external controller, managedBy unset (the built-in one's): skips", managedBy: undefined, controllerName: external, acts: false },
    {
      name: 'external controller, managedBy kubernetes.io/job-controller: skips',
      managedBy: 'kubernetes.io/job-controller',
      controllerName: external,
      acts: false,
    },
  ])('$name', ({ managedBy, controllerName, acts }) => {
    const job = newJob(managedBy !== undefined ? { managedBy } : {});
    const r = syncJob(job, [], NOW, controllerName !== undefined ? { controllerName } : {});
    expect(r.actions.some((a) => a.type === 'CreatePod')).toBe(acts);
  });
  test('a non-string controllerName is refused naming the option', () => {
    expect(syncJob(newJob(), [], NOW, { controllerName: 7 as never }).error).toMatch(/options\.controllerName/);
  });
});

describe('orphanPodActions with controllerName', () => {
  const external = 'example.com/jobkit';
  const finished = (managedBy?: string) =>
    newJob({ ...(managedBy !== undefined ? { managedBy } : {}) }, { conditions: [{ type: 'Complete', status: 'True' }] });
  const pod = newPod('p', { phase: 'Succeeded' });
  const externalPod = withFinalizer(pod, ExternalTrackingFinalizer);
  test.each([
    { name: 'the built-in worker strips pods of its own finished Job', job: finished(), controllerName: undefined, strips: true },
    { name: "the built-in worker leaves an external controller's pods", job: finished(external), controllerName: undefined, strips: false },
    { name: 'an external worker strips pods of its own finished Job', job: finished(external), controllerName: external, strips: true, pods: [externalPod] },
    {
      name: "an external worker leaves the built-in controller's finalizer on its own Job's pods",
      job: finished(external),
      controllerName: external,
      strips: false,
    },
    { name: "an external worker leaves the built-in controller's pods", job: finished(), controllerName: external, strips: false },
  ])('$name', ({ job, controllerName, strips, pods }: { job: Job; controllerName?: string; strips: boolean; pods?: Pod[] }) => {
    const r = orphanPodActions(job, pods ?? [pod], controllerName !== undefined ? { controllerName } : {});
    expect(r.error).toBeUndefined();
    expect(r.actions.length > 0).toBe(strips);
  });
});

describe('SyncOptions.trackingFinalizer: the finalizer an external controller tracks its pods by', () => {
  const external = 'example.com/jobkit';
  const job = newJob({ managedBy: external, parallelism: 1, completions: 1 }, { startTime: '2026-01-01T00:00:00Z', active: 1, ready: 0, terminating: 0 });
  const createdWith = (options: object): readonly string[] | undefined => {
    const r = syncJob(newJob({ managedBy: external }), [], NOW, { controllerName: external, ...options });
    const create = r.actions.find((a) => a.type === 'CreatePod');
    return create?.type === 'CreatePod' ? create.pod.metadata.finalizers : undefined;
  };
  test.each([
    {
      name: 'the built-in controller creates pods with batch.kubernetes.io/job-tracking',
      options: { controllerName: undefined },
      want: [JobTrackingFinalizer],
    },
    { name: 'an external controller defaults to jobkit.io/job-tracking', options: {}, want: [ExternalTrackingFinalizer] },
    { name: 'an external controller may name its own', options: { trackingFinalizer: 'example.com/tracking' }, want: ['example.com/tracking'] },
  ])('$name', ({ options, want }) => {
    if ('controllerName' in options) {
      const r = syncJob(newJob(), [], NOW);
      const create = r.actions.find((a) => a.type === 'CreatePod');
      expect(create?.type === 'CreatePod' ? create.pod.metadata.finalizers : undefined).toEqual(want);
    } else expect(createdWith(options)).toEqual(want);
  });
  test("a finished pod is counted by the controller's finalizer, not the built-in one", () => {
    const done = withFinalizer(newPod('a', { phase: 'Succeeded' }), ExternalTrackingFinalizer);
    const r = syncJob(job, [done], NOW, { controllerName: external });
    expect(r.actions.filter((a) => a.type === 'RemovePodFinalizer').map((a) => a.type === 'RemovePodFinalizer' && a.uid)).toEqual(['a']);
    expect(r.status.succeeded).toBe(1);
    // A pod carrying only the built-in finalizer is not tracked by this controller: nothing to remove.
    const foreign = syncJob(job, [newPod('a', { phase: 'Succeeded' })], NOW, { controllerName: external });
    expect(foreign.actions.some((a) => a.type === 'RemovePodFinalizer')).toBe(false);
  });
  test.each([
    {
      name: 'the reserved finalizer for an external controller',
      options: { controllerName: external, trackingFinalizer: JobTrackingFinalizer },
      error: /reserved for the built-in Job controller/,
    },
    {
      name: 'not a qualified name',
      options: { controllerName: external, trackingFinalizer: 'not a name' },
      error: /^options\.trackingFinalizer: Invalid value: "not a name"/,
    },
    {
      name: 'not a string',
      options: { controllerName: external, trackingFinalizer: 7 as never },
      error: /^options\.trackingFinalizer: Invalid value: must be a string/,
    },
  ])('refused: $name', ({ options, error }) => {
    expect(syncJob(job, [], NOW, options).error).toMatch(error);
    expect(orphanPodActions(job, [], options).error).toMatch(error);
  });
});
