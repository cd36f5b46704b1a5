import { emptyIntervals } from '@jobkit/indexes';
import { getCompletionIndex } from '@jobkit/indexes';
import {
  activePodsForRemoval,
  calculateFailedIndexes,
  calculateSucceededIndexes,
  podsWithDelayedDeletionPerIndex,
  sortByCompletionIndex,
} from './indexedJob.js';
import { testCtx } from './__tests__/ctx.js';
import type { SyncCtx } from './internal/context.js';
import { JOB_UID, newJob, newPod } from './__tests__/builders.js';

// The pods a test context claims: owned by newJob's Job and matching its selector.
const owned = (m: Record<string, unknown>) => ({
  ...m,
  namespace: 'default',
  labels: { foo: 'bar' },
  ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'foobar', uid: JOB_UID, controller: true }],
});

const ctx = (completions: number) => ({ indexed: true, completions, indexOf: getCompletionIndex, succeededIndexes: emptyIntervals }) as unknown as SyncCtx;
const names = (ps: { metadata: { name?: string } }[]) => ps.map((p) => p.metadata.name);

describe('sortByCompletionIndex', () => {
  test('unknown first, ascending, ties in input order', () => {
    const pods = [
      newPod('b2', { index: 2 }),
      newPod('none'),
      newPod('a0', { index: 0 }),
      newPod('c2', { index: 2 }),
      newPod('bad', { annotations: { 'batch.kubernetes.io/job-completion-index': 'x' } }),
    ];
    expect(names(sortByCompletionIndex(ctx(5), pods))).toEqual(['none', 'bad', 'a0', 'b2', 'c2']);
  });
  test('huge indexes fall back to the comparator', () => {
    const pods = [newPod('big', { index: 2 ** 40 }), newPod('small', { index: 1 })];
    expect(names(sortByCompletionIndex(ctx(5), pods))).toEqual(['small', 'big']);
  });
});

describe('activePodsForRemoval (indexed)', () => {
  test('keeps the best pod of a duplicated index and removes the rest', () => {
    const pods = [
      newPod('p', { index: 1, phase: 'Pending' }),
      newPod('r', { index: 1, nodeName: 'n', ready: true }),
      newPod('u', { index: 1, phase: 'Unknown', nodeName: 'n' }),
    ];
    expect(names(activePodsForRemoval(ctx(3), pods, 0))).toEqual(['p', 'u']);
  });
  test('nothing to remove when indexes are valid and unique', () => {
    expect(activePodsForRemoval(ctx(3), [newPod('a', { index: 0 }), newPod('b', { index: 2 })], 0)).toEqual([]);
  });
  test('limit cuts the list', () => {
    const pods = [newPod('x', { index: 7 }), newPod('y', { index: 8 }), newPod('z', { index: 9 })];
    expect(names(activePodsForRemoval(ctx(3), pods, 0, 2))).toEqual(['x', 'y']);
  });
});

// Ported from pkg/controller/job/indexed_job_utils_test.go TestGetPodsWithDelayedDeletionPerIndex
// (k8s.io/kubernetes v1.37.2).
describe('TestGetPodsWithDelayedDeletionPerIndex', () => {
  const T = Date.parse('2026-01-01T00:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const pod = (uid: string, o: { count: string; phase: string; index: string; finalizer?: boolean; deleted?: number }) => ({
    metadata: owned({
      name: uid,
      uid,
      annotations: { 'batch.kubernetes.io/job-index-failure-count': o.count, 'batch.kubernetes.io/job-completion-index': o.index },
      ...(o.finalizer === false ? {} : { finalizers: ['batch.kubernetes.io/job-tracking'] }),
      ...(o.deleted !== undefined ? { deletionTimestamp: iso(o.deleted) } : {}),
    }),
    status: { phase: o.phase },
  });
  const job = (completions: number, blpi: number) => newJob({ completionMode: 'Indexed', completions, parallelism: completions, backoffLimitPerIndex: blpi });
  const cases = [
    {
      name: 'failed pods are kept corresponding to non-failed indexes are kept',
      job: job(3, 1),
      pods: [
        pod('a', { count: '0', phase: 'Failed', index: '0' }),
        pod('b', { count: '1', phase: 'Failed', index: '1' }),
        pod('c', { count: '0', phase: 'Failed', index: '2' }),
      ],
      want: ['a', 'c'],
    },
    {
      name: "failed pod without finalizer; the pod's deletion is not delayed as it already started",
      job: job(2, 0),
      pods: [pod('a', { count: '0', phase: 'Failed', index: '0', finalizer: false })],
      want: [],
    },
    {
      name: "failed pod with expected finalizer removal; the pod's deletion is not delayed as it already started",
      job: job(2, 0),
      pods: [pod('a', { count: '0', phase: 'Failed', index: '0' })],
      expected: ['a'],
      want: [],
    },
    {
      name: "failed pod with index outside of completions; the pod's deletion is not delayed",
      job: job(2, 0),
      pods: [pod('a', { count: '0', phase: 'Failed', index: '4' })],
      want: [],
    },
    {
      name: "failed pod for active index; the pod's deletion is not delayed as it is already replaced",
      job: job(2, 1),
      pods: [pod('a1', { count: '0', phase: 'Failed', index: '0' }), pod('a2', { count: '1', phase: 'Running', index: '0' })],
      want: [],
    },
    {
      name: "failed pod for succeeded index; the pod's deletion is not delayed as it is already replaced",
      job: job(2, 1),
      pods: [pod('a1', { count: '0', phase: 'Failed', index: '0' }), pod('a2', { count: '1', phase: 'Succeeded', index: '0' })],
      want: [],
    },
    {
      name: 'multiple failed pods for index with different failure count; only the pod with highest failure count is kept',
      job: job(2, 4),
      pods: [
        pod('a1', { count: '0', phase: 'Failed', index: '0' }),
        pod('a3', { count: '2', phase: 'Failed', index: '0' }),
        pod('a2', { count: '1', phase: 'Failed', index: '0' }),
      ],
      want: ['a3'],
    },
    {
      name: 'multiple failed pods for index with different finish times; only the last failed pod is kept',
      job: job(2, 4),
      pods: [
        pod('a1', { count: '1', phase: 'Failed', index: '0', deleted: T - 1000 }),
        pod('a3', { count: '1', phase: 'Failed', index: '0', deleted: T }),
        pod('a2', { count: '1', phase: 'Failed', index: '0', deleted: T - 2000 }),
      ],
      want: ['a3'],
    },
  ];
  test.each(cases)('$name', ({ job: j, pods, expected, want }) => {
    const ctx = testCtx(j as never, pods as never, expected);
    ctx.failedIndexes = calculateFailedIndexes(ctx);
    ctx.succeededIndexes = calculateSucceededIndexes(ctx).current;
    const got = [...podsWithDelayedDeletionPerIndex(ctx).values()].map((p) => p.metadata.uid!).sort();
    expect(got).toEqual(want);
  });
});

// Ported from indexed_job_utils_test.go TestAppendDuplicatedIndexPodsForRemoval (v1.37.2): the pods
// activePodsForRemoval picks with rmAtLeast 0 are upstream's `rm`, in the same order.
describe('TestAppendDuplicatedIndexPodsForRemoval', () => {
  type IP = [string | null, string];
  const hollow = (ips: IP[]) =>
    ips.map(([ix, phase], i) => ({
      metadata: owned({ name: `p${i}`, uid: `p${i}`, ...(ix === null ? {} : { annotations: { 'batch.kubernetes.io/job-completion-index': ix } }) }),
      status: { phase },
    }));
  const cases: { name: string; pods: IP[]; wantRm: IP[]; completions: number }[] = [
    {
      name: 'all unique',
      pods: [
        [null, 'Pending'],
        ['2', 'Pending'],
        ['5', 'Running'],
        ['6', 'Running'],
      ],
      wantRm: [
        [null, 'Pending'],
        ['6', 'Running'],
      ],
      completions: 6,
    },
    {
      name: 'all with index',
      pods: [
        ['5', 'Pending'],
        ['0', 'Running'],
        ['3', 'Pending'],
        ['0', 'Running'],
        ['3', 'Running'],
        ['0', 'Pending'],
        ['6', 'Running'],
        ['6', 'Pending'],
      ],
      wantRm: [
        ['0', 'Pending'],
        ['0', 'Running'],
        ['3', 'Pending'],
        ['6', 'Running'],
        ['6', 'Pending'],
      ],
      completions: 6,
    },
    {
      name: 'mixed',
      pods: [
        [null, 'Pending'],
        ['invalid', 'Running'],
        ['-2', 'Running'],
        ['0', 'Pending'],
        ['1', 'Pending'],
        ['1', 'Pending'],
        ['1', 'Running'],
      ],
      wantRm: [
        [null, 'Pending'],
        ['invalid', 'Running'],
        ['-2', 'Running'],
        ['1', 'Pending'],
        ['1', 'Pending'],
      ],
      completions: 6,
    },
  ];
  test.each(cases)('$name', ({ pods, wantRm, completions }) => {
    const ps = hollow(pods);
    const ctx = testCtx(newJob({ completionMode: 'Indexed', completions, parallelism: completions }), ps as never);
    const rm = activePodsForRemoval(ctx, ps as never, 0);
    const got = rm.map((p): IP => [p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] ?? null, p.status!.phase!]);
    expect(got).toEqual(wantRm);
  });
});
