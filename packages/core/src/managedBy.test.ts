// Which Jobs a pass reconciles: spec.managedBy against SyncOptions.controllerName (KEP-4368);
// unset managedBy is the built-in controller's.
import { orphanPodActions } from './orphanPods.js';
import { syncJob } from './syncJob.js';
import { newJob, newPod } from './__tests__/builders.js';

const NOW = new Date('2026-01-01T00:10:00Z');

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
  test.each([
    { name: 'the built-in worker strips pods of its own finished Job', job: finished(), controllerName: undefined, strips: true },
    { name: "the built-in worker leaves an external controller's pods", job: finished(external), controllerName: undefined, strips: false },
    { name: 'an external worker strips pods of its own finished Job', job: finished(external), controllerName: external, strips: true },
    { name: "an external worker leaves the built-in controller's pods", job: finished(), controllerName: external, strips: false },
  ])('$name', ({ job, controllerName, strips }) => {
    const r = orphanPodActions(job, [pod], controllerName !== undefined ? { controllerName } : {});
    expect(r.error).toBeUndefined();
    expect(r.actions.length > 0).toBe(strips);
  });
});
