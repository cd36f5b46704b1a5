import type { Container, Pod } from '@jobkit/api';
import { containerArgv, containerEnv, expand, resolveFieldRef } from './podEnv.js';

const pod: Pod = {
  metadata: {
    name: 'job-2-abcde',
    namespace: 'ns',
    uid: 'u-1',
    labels: { 'batch.kubernetes.io/job-completion-index': '2' },
    annotations: { 'batch.kubernetes.io/job-completion-index': '2' },
  },
  spec: { hostname: 'job-2', containers: [] },
};

describe('resolveFieldRef', () => {
  const cases: [string, string | undefined][] = [
    ["metadata.labels['batch.kubernetes.io/job-completion-index']", '2'],
    ["metadata.annotations['batch.kubernetes.io/job-completion-index']", '2'],
    ["metadata.labels['absent']", ''],
    ['metadata.name', 'job-2-abcde'],
    ['metadata.namespace', 'ns'],
    ['metadata.uid', 'u-1'],
    ['status.podIP', '127.0.0.1'],
    ['spec.nodeName', 'localhost'],
    ['status.unknownThing', undefined],
  ];
  test.each(cases)('%s', (path, expected) => expect(resolveFieldRef(pod, path)).toBe(expected));
});

describe('expand', () => {
  const env = { A: 'x', B: 'y' };
  const cases: [string, string, string][] = [
    ['defined', '$(A)-$(B)', 'x-y'],
    ['undefined kept', '$(C)', '$(C)'],
    ['escaped', '$$(A)', '$(A)'],
    ['unterminated', 'a $(A', 'a $(A'],
    ['plain dollar', '$HOME', '$HOME'],
  ];
  test.each(cases)('%s', (_n, input, out) => expect(expand(input, env)).toBe(out));
});

describe('containerEnv', () => {
  const container: Container = {
    name: 'c',
    env: [
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } },
      { name: 'GREETING', value: 'hi $(JOB_COMPLETION_INDEX)' },
      { name: 'SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
    ],
    command: ['echo', '$(GREETING)'],
    args: ['$(HOSTNAME)'],
  };
  test('downward API, expansion, host pass-through, unsupported sources warned', () => {
    const { env, warnings } = containerEnv(pod, container, { PATH: '/bin', SECRET_HOST: 'no' });
    expect(env).toEqual({ PATH: '/bin', HOSTNAME: 'job-2', JOB_COMPLETION_INDEX: '2', GREETING: 'hi 2' });
    expect(warnings).toEqual([expect.stringMatching(/SECRET: valueFrom secretKeyRef needs a cluster/)]);
    expect(containerArgv(container, env)).toEqual(['echo', 'hi 2', 'job-2']);
  });
  test('no command: no argv (images are not pulled)', () => {
    expect(containerArgv({ name: 'c', args: ['x'] }, {})).toBeUndefined();
  });
});
