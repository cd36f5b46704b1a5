import type { Job, Pod } from '@jobkit/api';
import { backoffFromCountedPods, podsOfJob, selectorMatches } from './explain.js';

describe('selectorMatches', () => {
  const labels = { app: 'pi', tier: 'batch' };
  const cases: [string, Parameters<typeof selectorMatches>[0], boolean][] = [
    ['empty selector matches everything', {}, true],
    ['matchLabels hit', { matchLabels: { app: 'pi' } }, true],
    ['matchLabels miss', { matchLabels: { app: 'other' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['batch', 'web'] }] }, true],
    ['NotIn', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['batch'] }] }, false],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    ['unknown operator never matches', { matchExpressions: [{ key: 'app', operator: 'Near' }] }, false],
  ];
  test.each(cases)('%s', (_n, selector, expected) => expect(selectorMatches(selector, labels)).toBe(expected));
});

describe('podsOfJob', () => {
  const job: Job = { metadata: { name: 'j', uid: 'J' }, spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'J' } }, template: {} } };
  const pod = (name: string, owner?: string, labels?: Record<string, string>): Pod => ({
    metadata: { name, labels, ...(owner ? { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'x', uid: owner, controller: true }] } : {}) },
  });
  test('controlled by the Job, or orphans its selector adopts', () => {
    const { owned, ignored } = podsOfJob(job, [
      pod('mine', 'J'),
      pod('other-job', 'K', { 'batch.kubernetes.io/controller-uid': 'J' }),
      pod('orphan-match', undefined, { 'batch.kubernetes.io/controller-uid': 'J' }),
      pod('orphan-miss', undefined, { app: 'x' }),
    ]);
    expect(owned.map((p) => p.metadata.name)).toEqual(['mine', 'orphan-match']);
    expect(ignored.map((p) => p.metadata.name)).toEqual(['other-job', 'orphan-miss']);
  });
});

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
});
