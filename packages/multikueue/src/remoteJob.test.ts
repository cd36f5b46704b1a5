// remoteJobFor and finishLocally, and the mirror record's annotation codec.
import { withJobDefaults, type Job, type JobCondition, type JobStatus } from '@jobkit/api';
import { validateJob, validateJobStatusUpdate } from '@jobkit/validation';
import {
  MirrorRecordAnnotation,
  MultiKueueOriginLabel,
  decodeMirrorRecord,
  encodeMirrorRecord,
  finishLocally,
  mirrorRecordOf,
  remoteJobFor,
  type MirrorRecord,
} from './index.js';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:01:00Z';
const NOW = '2026-01-01T00:10:00Z';

/** A manager's Job as its API server stores it (admitted: uid, selector, generated labels). */
function managerJob(status: JobStatus = {}, suspend = false): Job {
  const generated = {
    'batch.kubernetes.io/controller-uid': 'local-uid',
    'controller-uid': 'local-uid',
    'batch.kubernetes.io/job-name': 'pi',
    'job-name': 'pi',
  };
  const job = withJobDefaults({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'pi',
      namespace: 'ns',
      uid: 'local-uid',
      resourceVersion: '7',
      generation: 1,
      creationTimestamp: T0,
      labels: { team: 'a', 'batch.kubernetes.io/controller-uid': 'local-uid', 'controller-uid': 'local-uid' },
      annotations: { note: 'x', [MirrorRecordAnnotation]: '{"dispatches":0,"baseline":{"succeeded":0,"failed":0}}' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Workload', name: 'w', uid: 'wl' }],
      finalizers: ['kueue.x-k8s.io/managed'],
    },
    spec: {
      completions: 3,
      parallelism: 2,
      suspend,
      managedBy: 'kueue.x-k8s.io/multikueue',
      ttlSecondsAfterFinished: 60,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'local-uid' } },
      manualSelector: false,
      template: { metadata: { labels: { app: 'pi', ...generated } }, spec: { containers: [{ name: 'c', image: 'perl' }], restartPolicy: 'Never' } },
    },
  });
  return { ...job, metadata: { ...job.metadata, managedFields: [{ manager: 'kubectl' }] } as Job['metadata'], status };
}

describe('remoteJobFor', () => {
  const local = managerJob({ startTime: T1, active: 1 });
  const r = remoteJobFor(local, { origin: 'manager-1' });

  test('metadata is cloned for creation: name, namespace, labels (origin added, uid labels gone), annotations without the record', () => {
    expect(r.metadata).toEqual({ name: 'pi', namespace: 'ns', labels: { team: 'a', [MultiKueueOriginLabel]: 'manager-1' }, annotations: { note: 'x' } });
  });
  test('spec is copied without selector, manualSelector, generated template labels, managedBy, ttlSecondsAfterFinished', () => {
    expect(r.spec.selector).toBeUndefined();
    expect(r.spec.manualSelector).toBeUndefined();
    expect(r.spec.managedBy).toBeUndefined();
    expect(r.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(r.spec.template.metadata?.labels).toEqual({ app: 'pi' });
    expect(r.spec.suspend).toBe(false);
    expect(r.spec.completions).toBe(3);
    expect(r.status).toBeUndefined();
  });
  test('a suspended manager Job gives a suspended remote', () => {
    expect(remoteJobFor(managerJob({}, true), { origin: 'm' }).spec.suspend).toBe(true);
  });
  test('a valid Job for the worker to create (its API server adds uid, selector and the generated labels)', () => {
    const uid = 'remote-uid';
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'job-name': 'pi' };
    const admitted: Job = {
      ...r,
      metadata: { ...r.metadata, uid },
      spec: {
        ...r.spec,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        template: { ...r.spec.template, metadata: { labels: { ...r.spec.template.metadata?.labels, ...labels } } },
      },
    };
    expect(validateJob(admitted)).toEqual([]);
  });
  test('a deep copy: editing the remote leaves the manager Job alone', () => {
    const before = JSON.stringify(local);
    const m = r as unknown as { spec: { template: { spec: { containers: { image: string }[] } } }; metadata: { labels: Record<string, string> } };
    m.spec.template.spec.containers[0]!.image = 'changed';
    m.metadata.labels['x'] = 'y';
    expect(JSON.stringify(local)).toBe(before);
  });
});

const cond = (type: string, reason: string): JobCondition => ({
  type,
  status: 'True',
  reason,
  message: `${type} message`,
  lastProbeTime: T1,
  lastTransitionTime: T1,
});

describe('finishLocally', () => {
  const cases: readonly { name: string; status: JobStatus; suspend?: boolean; expectTypes?: string[]; extra?: Partial<JobStatus> }[] = [
    {
      name: 'FailureTarget becomes Failed with the same reason and message',
      status: {
        startTime: T1,
        active: 2,
        ready: 1,
        terminating: 1,
        failed: 4,
        uncountedTerminatedPods: {},
        conditions: [cond('FailureTarget', 'BackoffLimitExceeded')],
      },
      expectTypes: ['FailureTarget', 'Failed'],
      extra: { active: 0, ready: 0, terminating: 0, failed: 4, startTime: T1 },
    },
    {
      name: 'SuccessCriteriaMet becomes Complete with completionTime now',
      status: { startTime: T1, active: 1, succeeded: 3, conditions: [cond('SuccessCriteriaMet', 'CompletionsReached')] },
      expectTypes: ['SuccessCriteriaMet', 'Complete'],
      extra: { active: 0, completionTime: NOW, startTime: T1 },
    },
    {
      name: 'completionTime is never before startTime',
      status: { startTime: '2026-01-01T01:00:00Z', succeeded: 3, conditions: [cond('SuccessCriteriaMet', 'SuccessPolicy')] },
      expectTypes: ['SuccessCriteriaMet', 'Complete'],
      extra: { completionTime: '2026-01-01T01:00:00Z' },
    },
    {
      name: 'a suspended Job without startTime gets one (finished Jobs need it)',
      status: { failed: 1, conditions: [cond('Suspended', 'JobSuspended'), cond('FailureTarget', 'PodFailurePolicy')] },
      suspend: true,
      expectTypes: ['Suspended', 'FailureTarget', 'Failed'],
      extra: { startTime: NOW },
    },
    { name: 'no interim condition: nothing to finish', status: { startTime: T1, active: 1 } },
    { name: 'already finished: nothing to finish', status: { startTime: T1, failed: 1, conditions: [cond('FailureTarget', 'x'), cond('Failed', 'x')] } },
  ];
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const local = managerJob(c.status, c.suspend);
    const s = finishLocally(local, new Date(NOW));
    if (c.expectTypes === undefined) {
      expect(s).toBeUndefined();
      return;
    }
    expect(s).toBeDefined();
    expect(validateJobStatusUpdate(local, { ...local, status: s })).toEqual([]);
    expect((s!.conditions ?? []).filter((x) => x.status === 'True').map((x) => x.type)).toEqual(c.expectTypes);
    expect(s).toMatchObject(c.extra ?? {});
    expect((s!.uncountedTerminatedPods?.succeeded ?? []).length + (s!.uncountedTerminatedPods?.failed ?? []).length).toBe(0);
  });
  test('a bad time gives nothing, not a throw', () => {
    expect(finishLocally(managerJob({ conditions: [cond('FailureTarget', 'x')] }), 'soon')).toBeUndefined();
  });
});

describe('mirror record annotation', () => {
  const rec: MirrorRecord = {
    localUid: 'l',
    cluster: 'worker-2',
    remoteUid: 'r',
    dispatches: 2,
    baseline: { succeeded: 1, failed: 2, completedIndexes: '0,2' },
  };
  test('round trip through the annotation value', () => {
    expect(decodeMirrorRecord(encodeMirrorRecord(rec))).toEqual({ ok: true, value: rec });
  });
  test('an absent annotation decodes to undefined', () => {
    expect(decodeMirrorRecord(undefined)).toEqual({ ok: true, value: undefined });
  });
  test('mirrorRecordOf reads the annotation of the manager Job', () => {
    expect(mirrorRecordOf(managerJob())).toEqual({ ok: true, value: { dispatches: 0, baseline: { succeeded: 0, failed: 0 } } });
  });
  test.each([
    ['not JSON', '{', /^metadata\.annotations\[jobkit\.io\/multikueue-mirror\]: not JSON/],
    [
      'a negative counter',
      '{"dispatches":1,"baseline":{"succeeded":-1,"failed":0}}',
      /^metadata\.annotations\[jobkit\.io\/multikueue-mirror\]\.baseline\.succeeded: expected a non-negative int32, got -1$/,
    ],
    ['no baseline', '{"dispatches":1}', /^metadata\.annotations\[jobkit\.io\/multikueue-mirror\]\.baseline: expected/],
    ['a number for the uid', '{"dispatches":1,"remoteUid":5,"baseline":{"succeeded":0,"failed":0}}', /\.remoteUid: expected/],
  ])('errors name the field: %s', (_n, value, re) => {
    const d = decodeMirrorRecord(value);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.errors[0]).toMatch(re);
  });
});

describe('remoteJobFor on bad input', () => {
  test('a value that is not a Job: a TypeError naming the field', () => {
    expect(() => remoteJobFor({ metadata: {}, spec: { completions: '3', template: {} } } as unknown as Job, { origin: 'm' })).toThrow(/spec\.completions/);
    expect(() => remoteJobFor(undefined as unknown as Job, { origin: 'm' })).toThrow(TypeError);
  });
  test('no origin: a TypeError', () => {
    expect(() => remoteJobFor(managerJob(), { origin: '' })).toThrow(/origin/);
  });
});
