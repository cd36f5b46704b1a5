import type { Job } from '@jobkit/api';
import { getUpdateValidationOptions, validateJobUpdate } from './jobUpdateValidation.js';
import { validateJob } from './jobValidation.js';

const labels = {
  'batch.kubernetes.io/controller-uid': 'u1',
  'controller-uid': 'u1',
  'batch.kubernetes.io/job-name': 'pi',
  'job-name': 'pi',
};
const base = (): Job => ({
  metadata: { name: 'pi', namespace: 'default', uid: 'u1', resourceVersion: '3' },
  spec: {
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } },
    template: { metadata: { labels: { ...labels } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
  },
});
const pairs = (errs: Array<{ type: string; field: string }>) => errs.map((e) => `${e.type} ${e.field}`);

describe('getUpdateValidationOptions', () => {
  test.each([
    ['running job', {}, {}, { requirePrefixedLabels: true, allowMutableSchedulingDirectives: false }],
    ['suspended, never started', { suspend: true }, {}, { allowMutableSchedulingDirectives: true }],
    ['suspended after it started', { suspend: true }, { startTime: '2026-01-01T00:00:00Z' }, { allowMutableSchedulingDirectives: false }],
    // KEP-5440 gates are beta and on by default since 1.36: a suspended Job with active pods is frozen.
    [
      'suspended, never started, pods still active',
      { suspend: true },
      { active: 2 },
      { allowMutableSchedulingDirectives: false, allowMutablePodResources: false },
    ],
    ['suspended, never started, no active pods', { suspend: true }, {}, { allowMutablePodResources: true }],
    [
      'suspended after it started, Suspended=True',
      { suspend: true },
      { startTime: '2026-01-01T00:00:00Z', conditions: [{ type: 'Suspended', status: 'True' }] },
      { allowMutableSchedulingDirectives: true, allowMutablePodResources: true },
    ],
  ])('%s', (_n, spec, status, want) => {
    const j = base();
    expect(getUpdateValidationOptions({ ...j, spec: { ...j.spec, ...spec }, status })).toMatchObject(want);
  });

  test('old template without the prefixed labels does not require them', () => {
    const j = base();
    const t = { ...j.spec.template, metadata: { labels: { 'controller-uid': 'u1', 'job-name': 'pi' } } };
    expect(getUpdateValidationOptions({ ...j, spec: { ...j.spec, template: t } }).requirePrefixedLabels).toBe(false);
  });
});

describe('validateJobUpdate / validateJob', () => {
  test('the base Job is valid on create and as a no-op update', () => {
    expect(validateJob(base())).toEqual([]);
    expect(validateJobUpdate(base(), base())).toEqual([]);
  });

  test.each<[string, (j: any) => void, string[]]>([
    [
      'suspended never-started Job: node selector may change',
      (j) => {
        j.spec.suspend = true;
        j.spec.template.spec.nodeSelector = { zone: 'a' };
      },
      [],
    ],
    [
      'running Job: node selector is immutable',
      (j) => {
        j.spec.template.spec.nodeSelector = { zone: 'a' };
      },
      ['FieldValueInvalid spec.template'],
    ],
    [
      'elastic Indexed: completions with parallelism',
      (j) => {
        j.spec.completions = 4;
        j.spec.parallelism = 4;
      },
      [],
    ],
    [
      'managedBy is immutable',
      (j) => {
        j.spec.managedBy = 'example.com/mgr';
      },
      ['FieldValueInvalid spec.managedBy'],
    ],
    // Upstream's ValidateJobUpdate has no validateGeneratedSelector: only the immutable template is reported.
    [
      'running Job: dropping a generated template label',
      (j) => {
        delete j.spec.template.metadata.labels['job-name'];
      },
      ['FieldValueInvalid spec.template'],
    ],
    [
      'suspended never-started Job: dropping a generated template label',
      (j) => {
        j.spec.suspend = true;
        delete j.spec.template.metadata.labels['job-name'];
      },
      [],
    ],
    // Templates are compared as decoded and defaulted (checked with tools/oracle).
    [
      'running Job: spelling out a pod default',
      (j) => {
        j.spec.template.spec.dnsPolicy = 'ClusterFirst';
        j.spec.template.spec.containers[0].imagePullPolicy = 'Always';
      },
      [],
    ],
    [
      'running Job: a non-default pull policy',
      (j) => {
        j.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
      },
      ['FieldValueInvalid spec.template'],
    ],
    // `{}` in a pointer field is a non-nil pointer upstream: it differs from absent.
    [
      'running Job: an empty affinity added',
      (j) => {
        j.spec.template.spec.affinity = {};
      },
      ['FieldValueInvalid spec.template'],
    ],
    [
      'running Job: an empty container securityContext added',
      (j) => {
        j.spec.template.spec.containers[0].securityContext = {};
      },
      ['FieldValueInvalid spec.template'],
    ],
    [
      'suspended never-started Job: an empty affinity added',
      (j) => {
        j.spec.suspend = true;
        j.spec.template.spec.affinity = {};
      },
      [],
    ],
    [
      'suspended never-started Job: pod affinity added',
      (j) => {
        j.spec.suspend = true;
        j.spec.template.spec.affinity = { podAffinity: {} };
      },
      ['FieldValueInvalid spec.template.spec'],
    ],
  ])('%s', (_n, mutate, want) => {
    const oldJob: any = base();
    oldJob.spec.completionMode = 'Indexed';
    oldJob.spec.completions = 2;
    oldJob.spec.parallelism = 2;
    if (_n.startsWith('suspended')) oldJob.spec.suspend = true;
    const newJob = JSON.parse(JSON.stringify(oldJob));
    mutate(newJob);
    expect(pairs(validateJobUpdate(oldJob, newJob)).sort()).toEqual(want);
  });

  test.each<[string, string, string, string[]]>([
    ['same quantity, other spelling', '1', '1000m', []],
    ['sub-milli values round up alike', '1n', '1m', []],
    ['a different quantity', '1m', '2m', ['FieldValueInvalid spec.template']],
  ])('running Job, cpu request: %s', (_n, before, after, want) => {
    const oldJob: any = base();
    oldJob.spec.template.spec.containers[0].resources = { requests: { cpu: before } };
    const newJob = JSON.parse(JSON.stringify(oldJob));
    newJob.spec.template.spec.containers[0].resources.requests.cpu = after;
    expect(pairs(validateJobUpdate(oldJob, newJob))).toEqual(want);
  });

  test('identical errors from the create and update passes are reported once', () => {
    const oldJob = base();
    const newJob: any = JSON.parse(JSON.stringify(oldJob));
    newJob.spec.parallelism = -1;
    expect(pairs(validateJobUpdate(oldJob, newJob))).toEqual(['FieldValueInvalid spec.parallelism']);
  });
});
