// A Job without namespace, name or UID cannot own pods: upstream's pod listing
// (controller_utils.go FilterPodsByOwner) refuses it and the pass stops with an error.
import type { Job } from '@jobkit/api';
import { syncJob } from './syncJob.js';

const now = new Date('2026-01-01T00:00:00Z');
const job = (metadata: Job['metadata']): Job => ({
  metadata,
  spec: {
    parallelism: 2,
    completions: 2,
    backoffLimit: 6,
    selector: { matchLabels: { foo: 'bar' } },
    template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ image: 'foo/bar' }] } },
  },
  status: {},
});

describe('syncJob refuses a Job without owner identity', () => {
  const cases: readonly [string, Job['metadata'], string][] = [
    ['no namespace', { name: 'foobar', uid: 'u' }, 'no owner namespace provided'],
    ['no name', { namespace: 'default', uid: 'u' }, 'no owner name provided'],
    ['no uid', { namespace: 'default', name: 'foobar' }, 'no owner uid provided'],
  ];
  test.each(cases)('%s', (_name, metadata, message) => {
    const r = syncJob(job(metadata), [], now);
    expect(r.actions).toEqual([]);
    expect(r.error).toContain(message);
  });

  test('with identity the pass creates pods', () => {
    const r = syncJob(job({ namespace: 'default', name: 'foobar', uid: 'u' }), [], now);
    expect(r.actions.filter((a) => a.type === 'CreatePod')).toHaveLength(2);
    expect(r.error).toBeUndefined();
  });
});
