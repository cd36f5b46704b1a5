import { buildPod, podGenerateName, prepareTemplate } from './podTemplate.js';
import { newJob } from './__tests__/builders.js';

describe('pod creation (manageJob / GetPodFromTemplate)', () => {
  test('non-indexed pod: generateName, labels, finalizer, controller ref, no index env', () => {
    const job = newJob();
    const pod = buildPod(prepareTemplate(job, false));
    expect(pod.metadata.generateName).toBe('foobar-');
    expect(pod.metadata.namespace).toBe('default');
    expect(pod.metadata.labels).toEqual({ foo: 'bar' });
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'Job', name: 'foobar', uid: 'job-uid', controller: true, blockOwnerDeletion: true },
    ]);
    expect(pod.spec?.containers?.[0]?.env).toBeUndefined();
    expect(pod.spec?.hostname).toBeUndefined();
  });
  test('indexed pod: index annotation + label, hostname, generateName, env on init and app containers', () => {
    const job = newJob({
      completionMode: 'Indexed',
      template: {
        spec: {
          initContainers: [{ name: 'init' }],
          containers: [{ name: 'a' }, { name: 'b', env: [{ name: 'JOB_COMPLETION_INDEX', value: 'mine' }] }],
        },
      },
    });
    const pod = buildPod(prepareTemplate(job, true), 3);
    expect(pod.metadata.generateName).toBe('foobar-3-');
    expect(pod.metadata.annotations).toEqual({ 'batch.kubernetes.io/job-completion-index': '3' });
    expect(pod.metadata.labels).toEqual({ 'batch.kubernetes.io/job-completion-index': '3' });
    expect(pod.spec?.hostname).toBe('foobar-3');
    const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } };
    expect(pod.spec?.initContainers?.[0]?.env).toEqual([env]);
    expect(pod.spec?.containers?.[0]?.env).toEqual([env]);
    expect(pod.spec?.containers?.[1]?.env).toEqual([{ name: 'JOB_COMPLETION_INDEX', value: 'mine' }]);
  });
  test('backoffLimitPerIndex counts: ignored count only when > 0', () => {
    const t = prepareTemplate(newJob({ completionMode: 'Indexed' }), true);
    expect(buildPod(t, 0, { failureCount: 2, ignoredFailureCount: 0 }).metadata.annotations).toEqual({
      'batch.kubernetes.io/job-completion-index': '0',
      'batch.kubernetes.io/job-index-failure-count': '2',
    });
    expect(buildPod(t, 0, { failureCount: 0, ignoredFailureCount: 1 }).metadata.annotations?.['batch.kubernetes.io/job-index-ignored-failure-count']).toBe('1');
  });
  test('long job names are cut to 58 characters, keeping the index suffix', () => {
    const long = 'x'.repeat(70);
    const t = prepareTemplate(newJob({ completionMode: 'Indexed' }, {}, long), true);
    const gn = buildPod(t, 12).metadata.generateName!;
    expect(gn.length).toBe(58);
    expect(gn.endsWith('-12-')).toBe(true);
  });
  // The controller sends `<job>-` in full (getPodsPrefix); the API server cuts it when it names the pod.
  test.each([
    ['short name', 'pi', 'pi-'],
    ['57 characters', 'x'.repeat(57), `${'x'.repeat(57)}-`],
    ['58 characters', 'x'.repeat(58), `${'x'.repeat(58)}-`],
    ['63 characters (the Job name limit)', 'x'.repeat(63), `${'x'.repeat(63)}-`],
  ])('non-indexed generateName: %s', (_name, jobName, want) => {
    expect(podGenerateName(jobName)).toBe(want);
    expect(buildPod(prepareTemplate(newJob({}, {}, jobName), false)).metadata.generateName).toBe(want);
  });
  test('template finalizers are kept and the tracking finalizer is not doubled', () => {
    const job = newJob({ template: { metadata: { finalizers: ['a', 'batch.kubernetes.io/job-tracking'] }, spec: {} } });
    expect(buildPod(prepareTemplate(job, false)).metadata.finalizers).toEqual(['a', 'batch.kubernetes.io/job-tracking']);
  });
});
