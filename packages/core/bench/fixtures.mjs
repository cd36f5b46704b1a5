// The Job and pods the core benches run on: a Job of n pods with the generated selector, and its
// pods Running and Ready (the first `succeeded` of them Succeeded), tracked, owned, in index order.
export const NOW = new Date('2026-01-01T00:00:00Z');
export const FIN = 'batch.kubernetes.io/job-tracking';

export function job(n, { indexed = false, parallelism = n, completions = 2 * n, status = {} } = {}) {
  return {
    metadata: { name: 'bench', namespace: 'ns', uid: 'job-uid' },
    spec: {
      parallelism,
      completions: indexed ? Math.max(completions, n) : completions,
      backoffLimit: 6,
      ...(indexed ? { completionMode: 'Indexed' } : {}),
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-uid' } },
      template: {
        metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'job-uid', 'batch.kubernetes.io/job-name': 'bench' } },
        spec: { containers: [{ name: 'c', image: 'x' }], restartPolicy: 'Never' },
      },
    },
    status: { startTime: '2025-12-31T00:00:00Z', active: n, ready: n, terminating: 0, succeeded: 0, failed: 0, uncountedTerminatedPods: {}, ...status },
  };
}

export function pods(n, { indexed = false, succeeded = 0 } = {}) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const done = i < succeeded;
    out[i] = {
      metadata: {
        name: `bench-${i}`,
        uid: `uid-${i}`,
        namespace: 'ns',
        creationTimestamp: '2025-12-31T00:00:00Z',
        labels: { 'batch.kubernetes.io/controller-uid': 'job-uid', 'batch.kubernetes.io/job-name': 'bench' },
        finalizers: [FIN],
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'bench', uid: 'job-uid', controller: true }],
        ...(indexed ? { annotations: { 'batch.kubernetes.io/job-completion-index': String(i) } } : {}),
      },
      spec: { nodeName: `node-${i % 100}` },
      status: done
        ? { phase: 'Succeeded', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 0, finishedAt: '2025-12-31T23:00:00Z' } } }] }
        : { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-12-31T00:00:01Z' }] },
    };
  }
  return out;
}
