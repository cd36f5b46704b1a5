import { ExternalTrackingFinalizer, JobTrackingFinalizer } from '@jobkit/api';
import { isPodActive, isPodFailed, isPodReady, isPodTerminating, hasTrackingFinalizer } from './podState.js';
import { newPod } from '../__tests__/builders.js';

describe('pod classification (job_controller.go / controller_utils.go)', () => {
  const T = '2026-01-01T00:00:00Z';
  const cases = [
    { name: 'running', pod: newPod('a'), active: true, terminating: false, failedTOF: false, failedF: false },
    { name: 'pending', pod: newPod('a', { phase: 'Pending' }), active: true, terminating: false, failedTOF: false, failedF: false },
    { name: 'succeeded', pod: newPod('a', { phase: 'Succeeded' }), active: false, terminating: false, failedTOF: false, failedF: false },
    { name: 'failed', pod: newPod('a', { phase: 'Failed' }), active: false, terminating: false, failedTOF: true, failedF: true },
    { name: 'running, being deleted', pod: newPod('a', { deleted: T }), active: false, terminating: true, failedTOF: true, failedF: false },
    {
      name: 'succeeded, being deleted',
      pod: newPod('a', { phase: 'Succeeded', deleted: T }),
      active: false,
      terminating: false,
      failedTOF: false,
      failedF: false,
    },
    { name: 'failed, being deleted', pod: newPod('a', { phase: 'Failed', deleted: T }), active: false, terminating: false, failedTOF: true, failedF: true },
  ];
  test.each(cases)('$name', ({ pod, active, terminating, failedTOF, failedF }) => {
    expect(isPodActive(pod)).toBe(active);
    expect(isPodTerminating(pod)).toBe(terminating);
    expect(isPodFailed(pod, false)).toBe(failedTOF);
    expect(isPodFailed(pod, true)).toBe(failedF);
  });
  test('ready needs Ready=True', () => {
    expect(isPodReady(newPod('a', { ready: true }))).toBe(true);
    expect(isPodReady(newPod('a', { ready: false }))).toBe(false);
    expect(isPodReady(newPod('a'))).toBe(false);
  });
  test('tracking finalizer', () => {
    expect(hasTrackingFinalizer(newPod('a'), JobTrackingFinalizer)).toBe(true);
    expect(hasTrackingFinalizer(newPod('a'), ExternalTrackingFinalizer)).toBe(false);
    expect(hasTrackingFinalizer(newPod('a', { finalizer: false }), JobTrackingFinalizer)).toBe(false);
  });
});
