import { applyActions } from './applyActions.js';
import { orphanPodActions } from './orphanPods.js';
import { NOW, newJob, newPod } from './__tests__/builders.js';

const opts = { now: NOW, generateName: (p: string) => `${p}x` };

describe('applyActions', () => {
  const job = newJob();
  test('CreatePod adds a Pending pod with generated name/uid and creation time', () => {
    const s = applyActions({ job, pods: [] }, [{ type: 'CreatePod', pod: { metadata: { generateName: 'foobar-' } } }], opts);
    expect(s.pods).toEqual([{ metadata: { generateName: 'foobar-', name: 'foobar-x', uid: 'foobar-x', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Pending' } }]);
  });
  test('DeletePod marks a pod with finalizers, removes one without', () => {
    const s = applyActions({ job, pods: [newPod('a'), newPod('b', { finalizer: false })] }, [
      { type: 'DeletePod', name: 'a', uid: 'a' },
      { type: 'DeletePod', name: 'b', uid: 'b' },
    ], opts);
    expect(s.pods.map((p) => [p.metadata.name, p.metadata.deletionTimestamp])).toEqual([['a', '2026-01-01T00:00:00Z']]);
  });
  test('RemovePodFinalizer removes the finalizer, and the pod once deleted with none left', () => {
    const s = applyActions({ job, pods: [newPod('a'), newPod('b', { deleted: '2025-12-31T00:00:00Z' })] }, [
      { type: 'RemovePodFinalizer', name: 'a', uid: 'a' },
      { type: 'RemovePodFinalizer', name: 'b', uid: 'b' },
      { type: 'RemovePodFinalizer', name: 'gone', uid: 'gone' },
    ], opts);
    expect(s.pods.map((p) => [p.metadata.name, p.metadata.finalizers])).toEqual([['a', []]]);
  });
  test('UpdateJobStatus replaces the status; the input is untouched', () => {
    const state = { job, pods: [] };
    const s = applyActions(state, [{ type: 'UpdateJobStatus', status: { active: 2 } }], opts);
    expect(s.job.status).toEqual({ active: 2 });
    expect(state.job.status).toEqual({});
  });
});

describe('orphanPodActions (syncOrphanPod)', () => {
  const finished = newJob({}, { conditions: [{ type: 'Failed', status: 'True' }] });
  const running = newJob();
  const orphan = { ...newPod('o'), metadata: { ...newPod('o').metadata, ownerReferences: [] } };
  const foreign = { ...newPod('r'), metadata: { ...newPod('r').metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs', controller: true }] } };
  const cases = [
    { name: 'finished job: its pods are cleaned', job: finished, pods: [newPod('a')], want: ['a'] },
    { name: 'unfinished job: its pods are kept', job: running, pods: [newPod('a')], want: [] },
    { name: 'absent job: its pods are cleaned', job: undefined, pods: [newPod('a')], want: ['a'] },
    { name: 'uncontrolled pods are cleaned', job: running, pods: [orphan], want: ['o'] },
    { name: 'pods controlled by something else are left', job: undefined, pods: [foreign], want: [] },
    { name: 'pods without the finalizer need nothing', job: finished, pods: [newPod('a', { finalizer: false })], want: [] },
    { name: 'jobs managed elsewhere are left', job: newJob({ managedBy: 'x/y' }, { conditions: [{ type: 'Complete', status: 'True' }] }), pods: [newPod('a')], want: [] },
  ];
  test.each(cases)('$name', ({ job, pods, want }) => {
    expect(orphanPodActions(job, pods).map((a) => a.type === 'RemovePodFinalizer' && a.name)).toEqual(want);
  });
});
