import { JobTrackingFinalizer } from '@jobkit/api';
import { applyActions, generatedNameBase } from './applyActions.js';
import { orphanPodActions } from './orphanPods.js';
import { NOW, newJob, newPod } from './__tests__/builders.js';

const opts = { now: NOW, generateName: (p: string) => `${p}x` };

describe('applyActions', () => {
  const job = newJob();
  test('CreatePod adds a Pending pod with generated name/uid and creation time', () => {
    const s = applyActions({ job, pods: [] }, [{ type: 'CreatePod', pod: { metadata: { generateName: 'foobar-' } } }], opts);
    expect(s.pods).toEqual([
      { metadata: { generateName: 'foobar-', name: 'foobar-x', uid: 'foobar-x', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Pending' } },
    ]);
  });
  test.each([
    ['short prefix kept', 'pi-', 'pi-'],
    ['58 characters kept', `${'x'.repeat(57)}-`, `${'x'.repeat(57)}-`],
    ['59 characters cut to 58', `${'x'.repeat(58)}-`, 'x'.repeat(58)],
    ['64 characters cut to 58', `${'x'.repeat(63)}-`, 'x'.repeat(58)],
  ])('CreatePod names the pod from the generateName cut as the API server cuts it: %s', (_name, generateName, base) => {
    expect(generatedNameBase(generateName)).toBe(base);
    const s = applyActions({ job, pods: [] }, [{ type: 'CreatePod', pod: { metadata: { generateName } } }], {
      now: NOW,
      generateName: (p: string) => `${p}abcde`,
    });
    expect(s.pods[0]!.metadata).toMatchObject({ generateName, name: `${base}abcde` });
    expect(s.pods[0]!.metadata.name!.length).toBeLessThanOrEqual(63);
  });
  test('DeletePod marks a pod with finalizers, removes one without', () => {
    const s = applyActions(
      { job, pods: [newPod('a'), newPod('b', { finalizer: false })] },
      [
        { type: 'DeletePod', name: 'a', uid: 'a' },
        { type: 'DeletePod', name: 'b', uid: 'b' },
      ],
      opts,
    );
    expect(s.pods.map((p) => [p.metadata.name, p.metadata.deletionTimestamp])).toEqual([['a', '2026-01-01T00:00:00Z']]);
  });
  test('RemovePodFinalizer removes the finalizer, and the pod once deleted with none left', () => {
    const s = applyActions(
      { job, pods: [newPod('a'), newPod('b', { deleted: '2025-12-31T00:00:00Z' })] },
      [
        { type: 'RemovePodFinalizer', name: 'a', uid: 'a' },
        { type: 'RemovePodFinalizer', name: 'b', uid: 'b' },
        { type: 'RemovePodFinalizer', name: 'gone', uid: 'gone' },
      ],
      opts,
    );
    expect(s.pods.map((p) => [p.metadata.name, p.metadata.finalizers])).toEqual([['a', []]]);
  });
  test("RemovePodFinalizer takes off the controller's own finalizer (opts.trackingFinalizer), no other", () => {
    const both = { ...newPod('a'), metadata: { ...newPod('a').metadata, finalizers: ['batch.kubernetes.io/job-tracking', 'jobkit.io/job-tracking'] } };
    const s = applyActions({ job, pods: [both] }, [{ type: 'RemovePodFinalizer', name: 'a', uid: 'a' }], {
      ...opts,
      trackingFinalizer: 'jobkit.io/job-tracking',
    });
    expect(s.pods[0]!.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
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
  const foreign = {
    ...newPod('r'),
    metadata: { ...newPod('r').metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs', controller: true }] },
  };
  const cases = [
    { name: 'finished job: its pods are cleaned', job: finished, pods: [newPod('a')], want: ['a'] },
    { name: 'unfinished job: its pods are kept', job: running, pods: [newPod('a')], want: [] },
    { name: 'absent job: its pods are cleaned', job: undefined, pods: [newPod('a')], want: ['a'] },
    { name: 'uncontrolled pods are cleaned', job: running, pods: [orphan], want: ['o'] },
    { name: 'pods controlled by something else are left', job: undefined, pods: [foreign], want: [] },
    { name: 'pods without the finalizer need nothing', job: finished, pods: [newPod('a', { finalizer: false })], want: [] },
    {
      name: 'jobs managed elsewhere are left',
      job: newJob({ managedBy: 'x/y' }, { conditions: [{ type: 'Complete', status: 'True' }] }),
      pods: [newPod('a')],
      want: [],
    },
  ];
  test.each(cases)('$name', ({ job, pods, want }) => {
    expect(orphanPodActions(job, pods).actions.map((a) => a.type === 'RemovePodFinalizer' && a.name)).toEqual(want);
  });
});

// Ported from job_controller_test.go TestSyncOrphanPod (k8s.io/kubernetes v1.37.2): the pod is
// being deleted and carries the tracking finalizer; `job` is the Job its reference resolves to.
describe('TestSyncOrphanPod', () => {
  const ref = (apiVersion: string, kind: string, name: string, controller: boolean) => ({
    apiVersion,
    kind,
    name,
    uid: '111',
    ...(controller ? { controller: true, blockOwnerDeletion: true } : {}),
  });
  const job = (finished: boolean) => ({
    metadata: { name: 'j', namespace: 'default', uid: '111' },
    spec: { template: {} },
    status: finished ? { conditions: [{ type: 'Complete', status: 'True' }] } : {},
  });
  const cases = [
    { name: 'controlled_by_existing_running_job', owner: ref('batch/v1', 'Job', 'j', true), job: job(false), want: false },
    { name: 'controlled_by_existing_finished_job', owner: ref('batch/v1', 'Job', 'j', true), job: job(true), want: true },
    { name: 'controlled_by_non_existing_job', owner: ref('batch/v1', 'Job', 'j', true), job: undefined, want: true },
    { name: 'controlled_by_cronjob', owner: ref('batch/v1', 'CronJob', 'cj', true), job: undefined, want: false },
    { name: 'not_controlled', owner: undefined, job: undefined, want: true },
    { name: 'controlled_by_custom_crd', owner: ref('example/v1', 'Job', 'job', true), job: undefined, want: false },
    { name: 'owned_by_existing_running_job', owner: ref('batch/v1', 'Job', 'j', false), job: job(false), want: true },
    { name: 'owned_by_custom_crd', owner: ref('example/v1', 'Job', 'job', false), job: undefined, want: true },
  ];
  test.each(cases)('$name', ({ owner, job: j, want }) => {
    const pod = {
      metadata: {
        name: 'p',
        uid: 'p',
        namespace: 'default',
        deletionTimestamp: '2026-01-01T00:00:00Z',
        finalizers: ['batch.kubernetes.io/job-tracking'],
        ...(owner ? { ownerReferences: [owner] } : {}),
      },
    };
    expect(orphanPodActions(j as never, [pod]).actions.length > 0).toBe(want);
  });
});

describe('applyActions keeps pods apart', () => {
  const job = newJob();
  const twin = (name: string) => ({ ...newPod(name), metadata: { ...newPod(name).metadata, uid: 'same' } });
  test('two pods sharing a uid both survive, and an action reaches the one its name names', () => {
    const s = applyActions({ job, pods: [twin('a'), twin('b')] }, [{ type: 'DeletePod', name: 'b', uid: 'same' }], opts);
    expect(s.error).toBeUndefined();
    expect(s.pods.map((p) => [p.metadata.name, p.metadata.deletionTimestamp ?? null])).toEqual([
      ['a', null],
      ['b', '2026-01-01T00:00:00Z'],
    ]);
  });
  test('pods with neither uid nor name are not merged', () => {
    const anon = { metadata: {} };
    expect(applyActions({ job, pods: [anon, anon, anon] }, [], opts).pods).toHaveLength(3);
  });
  test('a created pod whose generated name is taken does not replace the other', () => {
    const s = applyActions({ job, pods: [newPod('p-x')] }, [{ type: 'CreatePod', pod: { metadata: { generateName: 'p-' } } }], opts);
    expect(s.pods.map((p) => p.metadata.name)).toEqual(['p-x', 'p-x']);
  });
});

describe('applyActions changes only the pods its actions name', () => {
  const deepFreeze = <T>(v: T): T => {
    if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
      for (const x of Object.values(v)) deepFreeze(x);
      Object.freeze(v);
    }
    return v;
  };
  const job = newJob();
  const orphan = { ...newPod('orphan', { finalizer: false }), metadata: { ...newPod('orphan', { finalizer: false }).metadata, ownerReferences: [] } };
  const pods = Array.from({ length: 6 }, (_, i) => newPod(`p${i}`)).concat([orphan]);
  const actions = [
    { type: 'DeletePod', name: 'p1', uid: 'p1' },
    { type: 'RemovePodFinalizer', name: 'p2', uid: 'p2' },
    { type: 'RemovePodFinalizer', name: 'p3', uid: 'p3', release: true },
    { type: 'AdoptPod', name: 'orphan', uid: 'orphan' },
    { type: 'CreatePod', pod: { metadata: { generateName: 'foobar-' }, spec: { containers: [{ name: 'c' }] } } },
    { type: 'UpdateJobStatus', status: { active: 6 } },
  ] as const;

  test('on deep-frozen input: nothing thrown or changed, untouched pods are the input objects', () => {
    const state = deepFreeze({ job, pods });
    const frozenActions = deepFreeze(actions.map((a) => ({ ...a })));
    const before = JSON.stringify({ state, frozenActions });
    const s = applyActions(state, frozenActions, opts);
    expect(s.error).toBeUndefined();
    expect(JSON.stringify({ state, frozenActions })).toBe(before);
    const byName = new Map(s.pods.map((p) => [p.metadata.name, p]));
    for (const name of ['p0', 'p4', 'p5']) expect(byName.get(name)).toBe(pods.find((p) => p.metadata.name === name));
    for (const name of ['p1', 'p2', 'p3', 'orphan']) {
      const input = pods.find((p) => p.metadata.name === name)!;
      const out = byName.get(name)!;
      expect(out).not.toBe(input);
      // The parts no action touched are shared; results are not frozen (autoFreeze off).
      expect(out.spec).toBe(input.spec);
      expect(out.status).toBe(input.status);
      expect(out.metadata.labels).toBe(input.metadata.labels);
      expect(Object.isFrozen(out)).toBe(false);
    }
    expect(byName.get('foobar-x')!.spec).toBe(frozenActions[4]!.type === 'CreatePod' ? frozenActions[4].pod.spec : undefined);
    expect(s.job.spec).toBe(job.spec);
    expect(s.job.status).toBe(frozenActions[5]!.type === 'UpdateJobStatus' ? frozenActions[5].status : undefined);
  });

  test('the same values as a copy by spreads would give', () => {
    const s = applyActions({ job, pods }, actions, opts);
    const now = '2026-01-01T00:00:00Z';
    const meta = (name: string) => pods.find((p) => p.metadata.name === name)!.metadata;
    expect(s.pods.map((p) => p.metadata)).toEqual([
      meta('p0'),
      { ...meta('p1'), deletionTimestamp: now },
      { ...meta('p2'), finalizers: [] },
      { ...meta('p3'), finalizers: [], ownerReferences: [] },
      meta('p4'),
      meta('p5'),
      { ...meta('orphan'), ownerReferences: [expect.objectContaining({ uid: job.metadata.uid, controller: true })], finalizers: [JobTrackingFinalizer] },
      { generateName: 'foobar-', name: 'foobar-x', uid: 'foobar-x', creationTimestamp: now },
    ]);
    // Key order as the spreads had it (JSON output, goldens).
    expect(Object.keys(s.pods[3]!.metadata)).toEqual([...Object.keys(meta('p3'))]);
    expect(Object.keys(s.pods[7]!)).toEqual(['metadata', 'spec', 'status']);
    expect(s.job).toEqual({ ...job, status: { active: 6 } });
  });

  test('a pod whose metadata is not a plain object is copied, not changed in place', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { name: 'n', uid: 'n', finalizers: [JobTrackingFinalizer] });
    class Meta {
      name = 'c';
      uid = 'c';
      finalizers = [JobTrackingFinalizer];
    }
    const classy = new Meta();
    const s = applyActions(
      { job, pods: [{ metadata: bare }, { metadata: classy }] as never },
      [
        { type: 'DeletePod', name: 'n', uid: 'n' },
        { type: 'DeletePod', name: 'c', uid: 'c' },
      ],
      opts,
    );
    expect(s.pods.map((p) => Object.getPrototypeOf(p.metadata))).toEqual([Object.prototype, Object.prototype]);
    expect(s.pods.map((p) => p.metadata.deletionTimestamp)).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z']);
    expect('deletionTimestamp' in bare || 'deletionTimestamp' in classy).toBe(false);
  });
});

describe('applyActions refuses malformed input, naming the field', () => {
  const job = newJob();
  const cases: readonly [string, unknown, unknown, unknown, string][] = [
    ['no state', null, [], opts, 'state: Required value'],
    ['pods not a list', { job, pods: 3 }, [], opts, 'state.pods: Invalid value: must be a list'],
    ['a pod without metadata', { job, pods: [{}] }, [], opts, 'state.pods[0].metadata: Required value'],
    ['a null action', { job, pods: [] }, [null], opts, 'actions[0]: Invalid value: must be an object'],
    ['an unknown action', { job, pods: [] }, [{ type: 'Explode' }], opts, 'actions[0].type: Unsupported value: "Explode"'],
    ['CreatePod without a pod', { job, pods: [] }, [{ type: 'CreatePod' }], opts, 'actions[0].pod: Invalid value: must be an object'],
    ['a DeletePod uid as a number', { job, pods: [] }, [{ type: 'DeletePod', uid: 1, name: 'a' }], opts, 'actions[0].uid: Invalid value: must be a string'],
    ['an invalid now', { job, pods: [] }, [], { ...opts, now: new Date('x') }, 'opts.now: Invalid value: must be a valid Date'],
    ['no generateName', { job, pods: [] }, [], { now: NOW }, 'opts.generateName: Invalid value: must be a function'],
    ['a trackingFinalizer not a string', { job, pods: [] }, [], { ...opts, trackingFinalizer: 1 }, 'opts.trackingFinalizer: Invalid value: must be a string'],
  ];
  test.each(cases)('%s', (_name, state, actions, o, error) => {
    const r = applyActions(state as never, actions as never, o as never);
    expect(r.error).toBe(error);
  });
});
