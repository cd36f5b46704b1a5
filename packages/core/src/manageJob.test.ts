// Ported from job_controller_test.go TestGetPodCreationInfoForIndependentIndexes (v1.37.2).
import type { Pod } from '@jobkit/api';
import { podCreationInfoForIndependentIndexes } from './manageJob.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const failed = (count: string, deletedAt: number): Pod => ({
  metadata: { annotations: { 'batch.kubernetes.io/job-index-failure-count': count }, deletionTimestamp: new Date(deletedAt).toISOString() },
});

describe('TestGetPodCreationInfoForIndependentIndexes', () => {
  const cases: { name: string; indexes: number[]; delayed: [number, Pod][]; want: number[]; remaining: number }[] = [
    { name: 'simple index creation', indexes: [1, 3], delayed: [], want: [1, 3], remaining: 0 },
    { name: 'subset of indexes can be recreated now', indexes: [1, 3], delayed: [[1, failed('0', NOW)]], want: [3], remaining: 0 },
    {
      name: 'subset of indexes can be recreated now as the pods failed long time ago',
      indexes: [1, 3],
      delayed: [
        [1, failed('0', NOW)],
        [3, failed('0', NOW - 10_000)],
      ],
      want: [3],
      remaining: 0,
    },
    {
      name: 'no indexes can be recreated now, need to wait default pod failure backoff',
      indexes: [1, 2, 3],
      delayed: [
        [1, failed('1', NOW)],
        [2, failed('0', NOW)],
        [3, failed('2', NOW)],
      ],
      want: [],
      remaining: 10_000,
    },
    {
      name: 'no indexes can be recreated now, need to wait but 1s already passed',
      indexes: [1, 2, 3],
      delayed: [
        [1, failed('1', NOW - 1000)],
        [2, failed('0', NOW - 1000)],
        [3, failed('2', NOW - 1000)],
      ],
      want: [],
      remaining: 9_000,
    },
  ];
  test.each(cases)('$name', ({ indexes, delayed, want, remaining }) => {
    expect(podCreationInfoForIndependentIndexes(indexes, new Map(delayed), new Date(NOW))).toEqual({ indexes: want, remainingMs: remaining });
  });
});
