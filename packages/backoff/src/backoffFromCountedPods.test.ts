import type { Pod } from '@jobkit/api';
import { backoffFromCountedPods } from './backoffRecord.js';

describe('backoffFromCountedPods', () => {
  const pod = (phase: string, finishedAt: string, tracked = false): Pod => ({
    metadata: { name: `${phase}-${finishedAt}`, ...(tracked ? { finalizers: ['batch.kubernetes.io/job-tracking'] } : {}) },
    status: { phase, containerStatuses: [{ state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt } } }] },
  });
  test('failures after the last counted success; tracked pods are not counted yet', () => {
    const record = backoffFromCountedPods([
      pod('Failed', '2026-01-01T00:00:01Z'),
      pod('Succeeded', '2026-01-01T00:00:02Z'),
      pod('Failed', '2026-01-01T00:00:03Z'),
      pod('Failed', '2026-01-01T00:00:04Z'),
      pod('Failed', '2026-01-01T00:00:05Z', true),
    ]);
    expect(record.failuresAfterLastSuccess).toBe(2);
    expect(record.lastFailureTime).toBe('2026-01-01T00:00:04.000Z');
  });
  test("another controller's tracking finalizer marks its pods not yet counted", () => {
    const fin = 'jobkit.io/job-tracking';
    const tracked = { ...pod('Failed', '2026-01-01T00:00:09Z'), metadata: { name: 'x', finalizers: [fin] } };
    const record = backoffFromCountedPods([pod('Failed', '2026-01-01T00:00:01Z'), tracked], fin);
    expect(record).toEqual({ failuresAfterLastSuccess: 1, lastFailureTime: '2026-01-01T00:00:01.000Z' });
  });
});
