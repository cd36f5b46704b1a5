// classifyPods: the pass's one walk (shape check, claim, classification) keeps upstream's order and
// gives the same lists whichever way the walk took (the active pods shared with the listed array
// or copied once a pod is not active).
import type { Pod } from '@jobkit/api';
import { classifyPods, passInputs } from './classifyPods.js';
import { syncJob } from './syncJob.js';
import { NOW, newJob, newPod } from './__tests__/builders.js';

const orphan = (name: string): Pod => ({ ...newPod(name), metadata: { ...newPod(name).metadata, ownerReferences: [] } });
const foreign = (name: string): Pod => ({ ...newPod(name), metadata: { ...newPod(name).metadata, labels: { foo: 'other' } } });
const names = (ps: readonly Pod[]): string[] => ps.map((p) => p.metadata.name!);

describe('classifyPods', () => {
  const cases: { name: string; pods: Pod[]; active: string[]; all: string[]; released: string[]; shared: boolean }[] = [
    {
      name: 'all active and owned: the listed array itself',
      pods: [newPod('a'), newPod('b')],
      active: ['a', 'b'],
      all: ['a', 'b'],
      released: [],
      shared: true,
    },
    {
      name: 'a finished pod in the middle',
      pods: [newPod('a'), newPod('b', { phase: 'Succeeded' }), newPod('c')],
      active: ['a', 'c'],
      all: ['a', 'b', 'c'],
      released: [],
      shared: false,
    },
    {
      name: 'a terminating pod first',
      pods: [newPod('a', { deleted: '2026-01-01T00:00:00Z' }), newPod('b')],
      active: ['b'],
      all: ['a', 'b'],
      released: [],
      shared: false,
    },
    {
      name: 'orphans after the own pods',
      pods: [orphan('o1'), newPod('a'), orphan('o2'), newPod('b')],
      active: ['a', 'b', 'o1', 'o2'],
      all: ['a', 'b', 'o1', 'o2'],
      released: [],
      shared: false,
    },
    {
      name: 'a released pod is neither active nor listed',
      pods: [newPod('a'), foreign('f'), newPod('b')],
      active: ['a', 'b'],
      all: ['a', 'b'],
      released: ['f'],
      shared: false,
    },
  ];
  test.each(cases)('$name', ({ pods, active, all, released, shared }) => {
    const got = classifyPods(passInputs(newJob({ parallelism: 4, completions: 4 }), NOW, {}), pods);
    if ('error' in got) throw new Error(got.error);
    expect(names(got.activePods)).toEqual(active);
    expect(names(got.pods)).toEqual(all);
    expect(names(got.released)).toEqual(released);
    expect(got.activePods === pods).toBe(shared);
  });

  test('a malformed pod names its field, from the walk', () => {
    const bad = { ...newPod('b'), status: { phase: 7 } } as unknown as Pod;
    expect(classifyPods(passInputs(newJob(), NOW, {}), [newPod('a'), bad])).toEqual({ error: 'pods[1].status.phase: Invalid value: must be a string' });
  });

  test.each([
    ['the pass goes on', newJob()],
    ['the pass stops early (a finished Job)', newJob({}, { conditions: [{ type: 'Complete', status: 'True' }] })],
  ])('a malformed pod is reported when %s', (_name, job) => {
    const bad = { ...newPod('b'), status: { phase: 7 } } as unknown as Pod;
    expect(syncJob(job, [newPod('a'), bad], NOW).error).toBe('pods[1].status.phase: Invalid value: must be a string');
  });
});
