// kubectl's choices for `jobkit logs`, on pods as the run folders hold them.
import type { Pod } from '@jobkit/api';
import { LogsError, pickContainer, pickPod, pickRestart, pickRun, type PodLogs } from './logSelect.js';

interface Shape {
  phase?: string;
  ready?: string;
  restarts?: number;
  created?: string;
  node?: string;
}

function entry(name: string, shape: Shape = {}, runs: Record<string, number[]> = { main: [0] }): PodLogs {
  const pod: Pod = {
    metadata: { name, ...(shape.created !== undefined ? { creationTimestamp: shape.created } : {}) },
    spec: { containers: [{ name: 'main' }], ...(shape.node !== undefined ? { nodeName: shape.node } : {}) },
    status: {
      ...(shape.phase !== undefined ? { phase: shape.phase } : {}),
      ...(shape.ready !== undefined ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: shape.ready }] } : {}),
      containerStatuses: [{ name: 'main', restartCount: shape.restarts ?? 0 }],
    },
  } as Pod;
  return { name, pod, runs: new Map(Object.entries(runs)) };
}

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString().replace('.000', '');

describe('pickPod without a name: kubectl ByLogging', () => {
  test.each([
    ['older first', [entry('b', { phase: 'Failed', created: t(10) }), entry('a', { phase: 'Failed', created: t(20) })], 'b'],
    [
      'equal times: by name, as the API server lists',
      [entry('b', { phase: 'Succeeded', created: t(0) }), entry('a', { phase: 'Succeeded', created: t(0) })],
      'a',
    ],
    ['Running before Pending', [entry('a', { phase: 'Pending', created: t(0) }), entry('b', { phase: 'Running', created: t(5) })], 'b'],
    [
      'Failed and Succeeded rank as Running (Go map lookup gives 0)',
      [entry('a', { phase: 'Pending', created: t(0) }), entry('b', { phase: 'Failed', created: t(5) })],
      'b',
    ],
    ['ready before not ready', [entry('a', { phase: 'Running', created: t(0) }), entry('b', { phase: 'Running', ready: t(9), created: t(5) })], 'b'],
    ['ready longer first', [entry('a', { phase: 'Running', ready: t(9) }), entry('b', { phase: 'Running', ready: t(3) })], 'b'],
    ['more restarts first', [entry('a', { phase: 'Running', created: t(0) }), entry('b', { phase: 'Running', restarts: 2, created: t(5) })], 'b'],
    ['assigned to a node first', [entry('a', { created: t(0) }), entry('b', { created: t(5), node: 'n1' })], 'b'],
    ['no creation time last', [entry('a', { phase: 'Failed' }), entry('b', { phase: 'Failed', created: t(50) })], 'b'],
  ])('%s', (_name, pods, chosen) => {
    const { pod, notice } = pickPod(pods, undefined, 'run R of job "j"');
    expect(pod.name).toBe(chosen);
    expect(notice).toBe(`Found ${pods.length} pods, using pod/${chosen}`);
  });
  test('one pod: no notice', () => {
    expect(pickPod([entry('a')], undefined, 'x')).toEqual({ pod: entry('a') });
  });
  test('none: an error naming the run', () => {
    expect(() => pickPod([], undefined, 'run R of job "j"')).toThrow(new LogsError('no pods in run R of job "j"'));
  });
});

describe('pickContainer', () => {
  const pod = (annotation?: string): PodLogs => {
    const e = entry('p');
    return {
      ...e,
      pod: {
        ...e.pod!,
        metadata: { name: 'p', ...(annotation !== undefined ? { annotations: { 'kubectl.kubernetes.io/default-container': annotation } } : {}) },
        spec: { containers: [{ name: 'main' }, { name: 'side' }], initContainers: [{ name: 'setup' }] },
      } as Pod,
    };
  };
  test.each([
    ['-c names one', pod(), 'side', 'side', []],
    ['-c names an init container', pod(), 'setup', 'setup', []],
    ['no -c: the first, with the notice', pod(), undefined, 'main', ['Defaulted container "main" out of: main, side, setup (init)']],
    ['no -c: the annotation, quietly', pod('side'), undefined, 'side', []],
    [
      'no -c: an annotation naming no container is said, then the first',
      pod('gone'),
      undefined,
      'main',
      ['Default container name "gone" not found in pod p', 'Defaulted container "main" out of: main, side, setup (init)'],
    ],
    ['one container: no notice', entry('q'), undefined, 'main', []],
    [
      'no pod.json: the containers that left logs',
      {
        name: 'r',
        runs: new Map([
          ['b', [0]],
          ['a', [0]],
        ]),
      },
      undefined,
      'a',
      ['Defaulted container "a" out of: a, b'],
    ],
  ] as const)('%s', (_name, e, wanted, container, notices) => {
    expect(pickContainer(e, wanted)).toEqual({ container, notices });
  });
  test("-c naming no container: kubectl's error, with the choices", () => {
    expect(() => pickContainer(pod(), 'nope')).toThrow(new LogsError('container "nope" is not valid for pod "p" out of: main, side, setup (init)'));
  });
});

describe('pickRestart', () => {
  test.each([
    ['the last run', [0, 1, 2], false, 2],
    ['--previous: the one before', [0, 1, 2], true, 1],
    ['never restarted', [0], false, 0],
  ])('%s', (_name, runs, previous, restart) => {
    expect(pickRestart(entry('p', {}, { main: runs }), 'main', previous)).toBe(restart);
  });
  test.each([
    ['--previous without a restart', [0], true, 'previous terminated container "main" in pod "p" not found'],
    ['no log at all', [], false, 'container "main" in pod "p" has not started: no logs'],
  ])('%s: refused', (_name, runs, previous, message) => {
    expect(() => pickRestart(entry('p', {}, { main: runs }), 'main', previous)).toThrow(new LogsError(message));
  });
  test('a container waiting to start says why', () => {
    const e = entry('p', {}, {});
    const pod = { ...e.pod!, status: { containerStatuses: [{ name: 'main', state: { waiting: { reason: 'PodInitializing' } } }] } } as Pod;
    expect(() => pickRestart({ ...e, pod }, 'main', false)).toThrow(new LogsError('container "main" in pod "p" is waiting to start: PodInitializing'));
  });
});

describe('pickRun', () => {
  const runs = ['20261204T183905Z-2', '20261204T183905Z', '20261203T000000Z'];
  test.each([
    ['the newest by default', undefined, '20261204T183905Z-2'],
    ['latest', 'latest', '20261204T183905Z-2'],
    ['one named', '20261203T000000Z', '20261203T000000Z'],
  ])('%s', (_name, wanted, run) => {
    expect(pickRun(runs, wanted, 'pi', 'jobkit-logs/pi')).toBe(run);
  });
  test('a run not there: the newest ones listed', () => {
    expect(() => pickRun(runs, 'x', 'pi', 'jobkit-logs/pi')).toThrow(
      new LogsError('run "x" of job "pi" not found in jobkit-logs/pi (newest first: 20261204T183905Z-2, 20261204T183905Z, 20261203T000000Z)'),
    );
  });
  test('no runs', () => {
    expect(() => pickRun([], undefined, 'pi', 'jobkit-logs/pi')).toThrow(new LogsError('no runs of job "pi" in jobkit-logs/pi (jobkit run writes them there)'));
  });
});
