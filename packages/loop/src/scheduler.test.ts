import { VirtualScheduler } from './scheduler.js';
import { deterministicNames } from './names.js';
import { admitJob } from './admission.js';
import type { Job } from '@jobkit/api';
import { validateJob, formatFieldError } from '@jobkit/validation';

describe('VirtualScheduler', () => {
  test('runs tasks in time then insertion order and advances the clock', () => {
    const s = new VirtualScheduler(1000);
    const seen: string[] = [];
    s.at(3000, () => seen.push(`c@${s.now()}`));
    s.at(2000, () => seen.push(`a@${s.now()}`));
    s.at(2000, () => seen.push(`b@${s.now()}`));
    const cancel = s.at(2500, () => seen.push('cancelled'));
    cancel();
    while (s.step());
    expect(seen).toEqual(['a@2000', 'b@2000', 'c@3000']);
    expect(s.peek()).toBeUndefined();
  });
  test('a task in the past runs now', () => {
    const s = new VirtualScheduler(5000);
    s.at(1, () => undefined);
    expect(s.peek()).toBe(5000);
  });
});

describe('deterministicNames', () => {
  test('same sequence every time, 5-character suffix, distinct', () => {
    const a = deterministicNames();
    const b = deterministicNames();
    const names = Array.from({ length: 50 }, () => a.generateName('pi-'));
    expect(Array.from({ length: 50 }, () => b.generateName('pi-'))).toEqual(names);
    expect(new Set(names).size).toBe(50);
    for (const n of names) expect(n).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
  test('long prefixes are trimmed to 58 characters', () => {
    expect(deterministicNames().generateName('x'.repeat(70))).toHaveLength(63);
  });
});

describe('admitJob', () => {
  const job: Job = {
    metadata: { name: 'pi' },
    spec: { template: { metadata: { labels: { app: 'pi' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi' }] } } },
  };
  test('identity, cleared status, generated selector and labels, defaults', () => {
    const admitted = admitJob({ ...job, status: { succeeded: 3 } }, { uid: 'u-1', now: new Date('2026-01-01T00:00:00.500Z') });
    expect(admitted.metadata).toMatchObject({ namespace: 'default', uid: 'u-1', creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: 'pi' } });
    expect(admitted.status).toEqual({});
    expect(admitted.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    expect(admitted.spec.template.metadata?.labels).toMatchObject({
      app: 'pi',
      'job-name': 'pi',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'u-1',
    });
    expect(admitted.spec).toMatchObject({ parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
  });
  test('generateName: the API server names the Job', () => {
    const { name: _omit, ...meta } = job.metadata;
    const admitted = admitJob({ ...job, metadata: { ...meta, generateName: 'pi-' } }, { uid: 'u', now: new Date(0), generateName: (p) => `${p}abcde` });
    expect(admitted.metadata.name).toBe('pi-abcde');
    expect(admitted.spec.template.metadata?.labels?.['job-name']).toBe('pi-abcde');
  });
  test('manualSelector keeps the selector alone', () => {
    const admitted = admitJob(
      { ...job, spec: { ...job.spec, manualSelector: true, selector: { matchLabels: { app: 'pi' } } } },
      { uid: 'u', now: new Date(0) },
    );
    expect(admitted.spec.selector).toEqual({ matchLabels: { app: 'pi' } });
  });
  test('an empty restartPolicy is defaulted to Always (SetDefaults_PodSpec), which validation rejects once', () => {
    const admitted = admitJob(
      { metadata: { name: 'pi' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } },
      { uid: 'u', now: new Date(0) },
    );
    expect(admitted.spec.template.spec?.restartPolicy).toBe('Always');
    expect(validateJob(admitted).map(formatFieldError)).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  });
});

// generateSelector (pkg/registry/batch/job/strategy.go) adds what is missing and replaces nothing;
// ValidateGeneratedSelector then rejects what the user wrote that conflicts.
describe('admitJob: generateSelector keeps what the user wrote', () => {
  const uid = 'u-new';
  const base = (spec: Partial<Job['spec']>, labels?: Record<string, string>): Job => ({
    metadata: { name: 'pi' },
    spec: {
      template: { ...(labels ? { metadata: { labels } } : {}), spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } },
      ...spec,
    },
  });
  const dumpLabels = { 'batch.kubernetes.io/controller-uid': 'u-old', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-old', 'job-name': 'pi' };
  const cases: ReadonlyArray<{ name: string; job: Job; selector: unknown; labels: Record<string, string>; errors: string[] }> = [
    {
      name: 'no selector: generated',
      job: base({}),
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      labels: { 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'batch.kubernetes.io/controller-uid': uid },
      errors: [],
    },
    {
      name: 'a user selector without manualSelector: kept, the uid added, then rejected',
      job: base({ selector: { matchLabels: { app: 'pi' } } }, { app: 'pi' }),
      selector: { matchLabels: { app: 'pi', 'batch.kubernetes.io/controller-uid': uid } },
      labels: { app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'batch.kubernetes.io/controller-uid': uid },
      errors: ['spec.selector: Invalid value: {"matchLabels":{"app":"pi","batch.kubernetes.io/controller-uid":"u-new"}}: `selector` not auto-generated'],
    },
    {
      name: 'matchExpressions are kept too',
      job: base({ selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }, { app: 'pi' }),
      selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }], matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      labels: { app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'batch.kubernetes.io/controller-uid': uid },
      errors: [
        'spec.selector: Invalid value: {"matchLabels":{"batch.kubernetes.io/controller-uid":"u-new"},"matchExpressions":[{"key":"app","operator":"Exists"}]}: `selector` not auto-generated',
      ],
    },
    {
      name: 'a re-submitted kubectl get -o json dump: the stale uid is kept and rejected',
      job: base({ manualSelector: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-old' } } }, dumpLabels),
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-old' } },
      labels: dumpLabels,
      errors: [
        `spec.template.metadata.labels[controller-uid]: Invalid value: ${JSON.stringify(Object.fromEntries(Object.entries(dumpLabels).sort()))}: must be 'u-new'`,
        `spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Invalid value: ${JSON.stringify(Object.fromEntries(Object.entries(dumpLabels).sort()))}: must be 'u-new'`,
        'spec.selector: Invalid value: {"matchLabels":{"batch.kubernetes.io/controller-uid":"u-old"}}: `selector` not auto-generated',
      ],
    },
    {
      name: 'a user job-name label is kept, and rejected when it is not the name',
      job: base({}, { 'job-name': 'other' }),
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      labels: { 'job-name': 'other', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'batch.kubernetes.io/controller-uid': uid },
      errors: [
        'spec.template.metadata.labels[job-name]: Invalid value: {"batch.kubernetes.io/controller-uid":"u-new","batch.kubernetes.io/job-name":"pi","controller-uid":"u-new","job-name":"other"}: must be \'pi\'',
      ],
    },
    {
      name: 'manualSelector: true leaves selector and labels alone',
      job: base({ manualSelector: true, selector: { matchLabels: { app: 'pi' } } }, { app: 'pi' }),
      selector: { matchLabels: { app: 'pi' } },
      labels: { app: 'pi' },
      errors: [],
    },
  ];
  test.each(cases)('$name', ({ job, selector, labels, errors }) => {
    const admitted = admitJob(job, { uid, now: new Date(0) });
    expect(admitted.spec.selector).toEqual(selector);
    expect(admitted.spec.template.metadata?.labels).toEqual(labels);
    expect(validateJob(admitted).map(formatFieldError)).toEqual(errors);
  });
});
