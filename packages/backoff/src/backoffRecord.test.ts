// Tables ported from pkg/controller/job/backoff_utils_test.go @ e4348a1210ad876a1bbd71523104215258d68f57,
// with TestGetFinishedTime's init-container case as k8s.io/kubernetes v1.37.2 has it (only
// sidecars, declared in the pod spec, are consulted since).
import type { Pod } from '@jobkit/api';
import { getFinishedTime, newBackoffRecord, remainingBackoffMs, remainingBackoffMsPerIndex, type BackoffRecord } from './index.js';

const T = Date.parse('2009-11-10T23:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const finishedPod = (phase: string, ms: number): Pod => ({
  metadata: {},
  status: { phase, containerStatuses: [{ state: { terminated: { exitCode: 0, finishedAt: iso(ms) } } }] },
});

describe('TestNewBackoffRecord', () => {
  const cases: { name: string; prev?: BackoffRecord; succ: number[]; fail: number[]; want: BackoffRecord }[] = [
    { name: 'Empty backoff store and one new failure', succ: [], fail: [T], want: { failuresAfterLastSuccess: 1, lastFailureTime: iso(T) } },
    { name: 'Empty backoff store and two new failures', succ: [], fail: [T, T - 1], want: { failuresAfterLastSuccess: 2, lastFailureTime: iso(T) } },
    { name: 'Empty backoff store, two failures followed by success', succ: [T], fail: [T - 2, T - 1], want: { failuresAfterLastSuccess: 0 } },
    {
      name: 'Empty backoff store, two failures, one success and two more failures',
      succ: [T - 2],
      fail: [T, T - 4, T - 3, T - 1],
      want: { failuresAfterLastSuccess: 2, lastFailureTime: iso(T) },
    },
    {
      name: 'Backoff store having failure count 2 and one new failure',
      prev: { failuresAfterLastSuccess: 2 },
      succ: [],
      fail: [T],
      want: { failuresAfterLastSuccess: 3, lastFailureTime: iso(T) },
    },
    { name: 'Empty backoff store with success and failure at same timestamp', succ: [T], fail: [T], want: { failuresAfterLastSuccess: 0 } },
    { name: 'Empty backoff store with no success/failure', succ: [], fail: [], want: { failuresAfterLastSuccess: 0 } },
    { name: 'Empty backoff store with one success', succ: [T], fail: [], want: { failuresAfterLastSuccess: 0 } },
  ];
  test.each(cases)('$name', ({ prev, succ, fail, want }) => {
    const got = newBackoffRecord(
      prev,
      succ.map((t) => finishedPod('Succeeded', t)),
      fail.map((t) => finishedPod('Failed', t)),
    );
    expect(got).toEqual(want);
  });
});

describe('TestGetFinishedTime', () => {
  const term = (ms?: number) => ({ state: { terminated: { exitCode: 0, ...(ms === undefined ? {} : { finishedAt: iso(ms) }) } } });
  const running = { state: { running: {} } };
  const cases: { name: string; pod: Pod; want: number }[] = [
    {
      name: 'Pod with multiple containers and all containers terminated',
      pod: { metadata: {}, status: { containerStatuses: [term(T - 1000), term(T), term(T - 2000)] } },
      want: T,
    },
    {
      name: 'Pod with multiple containers; two containers in terminated state and one in running state; fallback to deletionTimestamp',
      pod: { metadata: { deletionTimestamp: iso(T) }, status: { containerStatuses: [term(T - 1000), running, term(T - 2000)] } },
      want: T,
    },
    { name: 'fallback to deletionTimestamp', pod: { metadata: { deletionTimestamp: iso(T) }, status: { containerStatuses: [running] } }, want: T },
    {
      name: 'fallback to deletionTimestamp, decremented by grace period',
      pod: { metadata: { deletionTimestamp: iso(T), deletionGracePeriodSeconds: 30 }, status: { containerStatuses: [running] } },
      want: T - 30_000,
    },
    {
      name: 'fallback to PodReady.LastTransitionTime when status of the condition is False',
      pod: {
        metadata: {},
        status: { containerStatuses: [term()], conditions: [{ type: 'Ready', status: 'False', reason: 'PodFailed', lastTransitionTime: iso(T) }] },
      },
      want: T,
    },
    {
      name: 'skip fallback to PodReady.LastTransitionTime when status of the condition is True',
      pod: {
        metadata: { deletionTimestamp: iso(T) },
        status: { containerStatuses: [term()], conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(T - 30_000) }] },
      },
      want: T,
    },
    { name: 'fallback to creationTimestamp', pod: { metadata: { creationTimestamp: iso(T) }, status: { containerStatuses: [term()] } }, want: T },
    {
      // e4348a1 expected T here (every init container counted); v1.37.2 only counts sidecars.
      name: 'Pod with init container and all containers terminated (v1.37.2: not a sidecar, not consulted)',
      pod: { metadata: {}, status: { containerStatuses: [term(T - 1000)], initContainerStatuses: [{ ...term(T), name: 'init' }] } },
      want: T - 1000,
    },
    {
      name: 'Pod with sidecar container and all containers terminated',
      pod: {
        metadata: {},
        spec: { initContainers: [{ name: 'sidecar', restartPolicy: 'Always' }] },
        status: { containerStatuses: [term(T - 1000)], initContainerStatuses: [{ ...term(T), name: 'sidecar' }] },
      },
      want: T,
    },
  ];
  cases.push({
    name: 'app container without finish time: terminated sidecars alone give the time (as upstream latestFinishTime)',
    pod: {
      metadata: { creationTimestamp: iso(T) },
      spec: { initContainers: [{ name: 'side', restartPolicy: 'Always' }] },
      status: { containerStatuses: [term()], initContainerStatuses: [{ ...term(T - 15_000), name: 'side' }] },
    },
    want: T - 15_000,
  });
  test.each(cases)('$name', ({ pod, want }) => {
    expect(getFinishedTime(pod).getTime()).toBe(want);
  });
});

describe('TestGetRemainingBackoffTime', () => {
  const limits = { baseMs: 5_000, maxMs: 700_000 };
  const cases: { name: string; rec: BackoffRecord; now: number; want: number }[] = [
    { name: 'no failures', rec: { failuresAfterLastSuccess: 0 }, now: 0, want: 0 },
    { name: 'one failure; current time and failure time are same', rec: { failuresAfterLastSuccess: 1, lastFailureTime: iso(T) }, now: T, want: 5_000 },
    { name: 'one failure; current time == 1 second + failure time', rec: { failuresAfterLastSuccess: 1, lastFailureTime: iso(T) }, now: T + 1000, want: 4_000 },
    { name: 'one failure; current time == expected backoff time', rec: { failuresAfterLastSuccess: 1, lastFailureTime: iso(T) }, now: T + 5000, want: 0 },
    {
      name: 'one failure; current time == expected backoff time + 1 Second',
      rec: { failuresAfterLastSuccess: 1, lastFailureTime: iso(T) },
      now: T + 6000,
      want: 0,
    },
    { name: 'three failures; current time and failure time are same', rec: { failuresAfterLastSuccess: 3, lastFailureTime: iso(T) }, now: T, want: 20_000 },
    {
      name: 'eight failures; current time and failure time are same; backoff not exceeding maxBackoff',
      rec: { failuresAfterLastSuccess: 8, lastFailureTime: iso(T) },
      now: T,
      want: 640_000,
    },
    {
      name: 'nine failures; current time and failure time are same; backoff exceeding maxBackoff',
      rec: { failuresAfterLastSuccess: 9, lastFailureTime: iso(T) },
      now: T,
      want: 700_000,
    },
  ];
  test.each(cases)('$name', ({ rec, now, want }) => {
    expect(remainingBackoffMs(rec, new Date(now), limits)).toBe(want);
  });
  test('upstream defaults: 10 s doubling, capped at 10 min', () => {
    const at = (n: number) => remainingBackoffMs({ failuresAfterLastSuccess: n, lastFailureTime: iso(T) }, new Date(T));
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(at)).toEqual([10, 20, 40, 80, 160, 320, 600, 600].map((s) => s * 1000));
  });
});

describe('TestGetRemainingBackoffTimePerIndex', () => {
  const limits = { baseMs: 5_000, maxMs: 700_000 };
  const failedPod = (annotations: Record<string, string>): Pod => ({
    metadata: { annotations, deletionTimestamp: iso(T) },
    status: { phase: 'Failed' },
  });
  const cases: { name: string; pod?: Pod; want: number }[] = [
    { name: 'no failures', want: 0 },
    {
      name: 'two prev failures; current time and failure time are same',
      pod: failedPod({ 'batch.kubernetes.io/job-index-failure-count': '2' }),
      want: 20_000,
    },
    {
      name: 'one prev failure counted and one ignored; current time and failure time are same',
      pod: failedPod({ 'batch.kubernetes.io/job-index-failure-count': '1', 'batch.kubernetes.io/job-index-ignored-failure-count': '1' }),
      want: 20_000,
    },
  ];
  test.each(cases)('$name', ({ pod, want }) => {
    expect(remainingBackoffMsPerIndex(pod, new Date(T), limits)).toBe(want);
  });
});
