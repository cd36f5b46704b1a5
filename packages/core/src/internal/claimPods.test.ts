// Selector matching and conversion are tested at their home (@jobkit/api labelSelector.test.ts).
import { claimPods } from './claimPods.js';
import { newJob, newPod } from '../__tests__/builders.js';

describe('claimPods', () => {
  test('pods of the job are returned as they are (same array when nothing changes)', () => {
    const pods = [newPod('a'), newPod('b')];
    expect(claimPods(newJob(), pods)).toEqual({ pods, released: [] });
    expect(claimPods(newJob(), pods).pods).toBe(pods);
  });
  test('other namespaces are not listed', () => {
    const p = newPod('a');
    expect(claimPods(newJob(), [{ ...p, metadata: { ...p.metadata, namespace: 'other' } }]).pods).toEqual([]);
  });
  test('an orphan being deleted is not adopted', () => {
    const p = newPod('a', { deleted: '2026-01-01T00:00:00Z' });
    expect(claimPods(newJob(), [{ ...p, metadata: { ...p.metadata, ownerReferences: [] } }]).pods).toEqual([]);
  });
  test('a deleted job adopts nothing', () => {
    const p = newPod('a');
    const job = newJob();
    expect(
      claimPods({ ...job, metadata: { ...job.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }, [
        { ...p, metadata: { ...p.metadata, ownerReferences: [] } },
      ]).pods,
    ).toEqual([]);
  });
});

describe('claimPods order', () => {
  test("the job's own pods first, then adopted orphans (upstream's indexer order)", () => {
    const orphan = (name: string) => ({ ...newPod(name), metadata: { ...newPod(name).metadata, ownerReferences: [] } });
    const got = claimPods(newJob(), [orphan('o1'), newPod('a'), orphan('o2'), newPod('b')]).pods;
    expect(got.map((p) => p.metadata.name)).toEqual(['a', 'b', 'o1', 'o2']);
  });
});

// Ported from job_controller_test.go TestGetPodsForJob (k8s.io/kubernetes v1.37.2).
describe('TestGetPodsForJob', () => {
  const job = { ...newJob(), metadata: { ...newJob().metadata, name: 'test_job', uid: 'job-uid' } };
  const other = { name: 'other_job', uid: 'other-uid' };
  const pod = (name: string, o: { owner?: { name: string; uid: string } | null; labels?: boolean; finalizer?: boolean }) => ({
    metadata: {
      name,
      uid: name,
      namespace: 'default',
      ...(o.labels === false ? {} : { labels: { foo: 'bar' } }),
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: o.owner.name, uid: o.owner.uid, controller: true }] } : {}),
      ...(o.finalizer ? { finalizers: ['batch.kubernetes.io/job-tracking'] } : {}),
    },
  });
  const self = { name: 'test_job', uid: 'job-uid' };
  const cases = [
    {
      name: 'only matching',
      pods: [
        pod('pod1', { owner: self, finalizer: true }),
        pod('pod2', { owner: other }),
        pod('pod3', { owner: null, labels: false }),
        pod('pod4', { owner: self }),
      ],
      deleted: false,
      wantPods: ['pod1', 'pod4'],
      wantFinalizer: ['pod1'],
    },
    {
      name: 'adopt',
      pods: [pod('pod1', { owner: self }), pod('pod2', { owner: null }), pod('pod3', { owner: other })],
      deleted: false,
      wantPods: ['pod1', 'pod2'],
      wantFinalizer: ['pod2'],
    },
    {
      name: 'no adopt when deleting',
      pods: [pod('pod1', { owner: self }), pod('pod2', { owner: null })],
      deleted: true,
      wantPods: ['pod1'],
      wantFinalizer: [],
    },
    {
      name: 'release',
      pods: [pod('pod1', { owner: self }), pod('pod2', { owner: self, labels: false })],
      deleted: false,
      wantPods: ['pod1'],
      wantFinalizer: [],
    },
  ];
  test.each(cases)('$name', ({ pods, deleted, wantPods, wantFinalizer }) => {
    const j = deleted ? { ...job, metadata: { ...job.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } } : job;
    const got = claimPods(j, pods).pods;
    expect(got.map((p) => p.metadata.name).sort()).toEqual(wantPods);
    expect(
      got
        .filter((p) => (p.metadata.finalizers ?? []).includes('batch.kubernetes.io/job-tracking'))
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(wantFinalizer);
  });
});
