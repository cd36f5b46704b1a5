// Ported from job_controller_test.go TestEnsureJobConditions (k8s.io/kubernetes v1.37.2).
import type { JobCondition } from '@jobkit/api';
import { ensureConditionStatus, newCondition } from './conditions.js';

const T0 = '2025-12-31T00:00:00Z';
const NOW = '2026-01-01T00:00:00Z';
const c = (status: string, reason: string): JobCondition => newCondition('Suspended', status, reason, '', T0);
const strip = (l: JobCondition[]) => l.map(({ type, status, reason, message }) => ({ type, status, reason, message }));

describe('TestEnsureJobConditions', () => {
  const cases = [
    { name: 'append true condition', have: [], status: 'True', reason: 'foo', want: [c('True', 'foo')], updated: true },
    { name: 'append false condition', have: [], status: 'False', reason: 'foo', want: [], updated: false },
    { name: 'update true condition reason', have: [c('True', 'foo')], status: 'True', reason: 'bar', want: [c('True', 'bar')], updated: true },
    { name: 'update true condition status', have: [c('True', 'foo')], status: 'False', reason: 'foo', want: [c('False', 'foo')], updated: true },
    { name: 'update false condition status', have: [c('False', 'foo')], status: 'True', reason: 'foo', want: [c('True', 'foo')], updated: true },
    { name: 'condition already exists', have: [c('True', 'foo')], status: 'True', reason: 'foo', want: [c('True', 'foo')], updated: false },
  ];
  test.each(cases)('$name', ({ have, status, reason, want, updated }) => {
    const list = [...have];
    expect(ensureConditionStatus(list, 'Suspended', status, reason, '', NOW)).toBe(updated);
    expect(strip(list)).toEqual(strip(want));
    // A rewritten condition gets fresh timestamps; an untouched one keeps its own.
    for (const got of list) expect(got.lastTransitionTime).toBe(updated ? NOW : T0);
  });
});
