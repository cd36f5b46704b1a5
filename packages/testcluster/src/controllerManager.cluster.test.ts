// With `pnpm kube:up --with-controller-manager`: upstream's own Job controller runs a normal Job
// to Complete against the test kubelet, and leaves a Job of a foreign `managedBy` untouched.
import type { Job, Pod } from '@jobkit/api';
import { clusterFromEnv, createNamespace, deleteNamespace, eventually, hasControllerManager } from './cluster.js';
import { expectStatus, jobsPath, podsPath, type Kube } from './client.js';
import { startTestKubelet, type TestKubelet } from './testKubelet.js';

const kube = clusterFromEnv();
const run = kube !== undefined && hasControllerManager() ? describe : describe.skip;

const jobManifest = (name: string, spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: {
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
    ...spec,
  },
});

const trueCondition = (j: Job, type: string): boolean => (j.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

run('kube-controller-manager (job-controller) with the test kubelet', () => {
  const k = kube as Kube;
  let ns: string;
  let kubelet: TestKubelet;
  beforeAll(async () => {
    ns = await createNamespace(k, 'kcm');
    // Index 1's first pod fails once (exit 3); everything else succeeds.
    kubelet = startTestKubelet(k, {
      namespace: ns,
      outcome: ({ job, index, ordinal }) =>
        job === 'indexed' && index === 1 && ordinal <= 1 ? { result: 'Failed', exitCode: 3 } : { result: 'Succeeded', runMs: 200 },
    });
  });
  afterAll(async () => {
    await kubelet.stop();
    expect(kubelet.errors).toEqual([]);
    await deleteNamespace(k, ns);
  });

  test('a NonIndexed Job with completions 3, parallelism 2 runs to Complete', async () => {
    expectStatus(await k.post(jobsPath(ns), jobManifest('plain', { completions: 3, parallelism: 2 })), 'create Job');
    const done = await eventually(
      'Complete',
      async () => {
        const j = expectStatus(await k.get<Job>(jobsPath(ns, 'plain')), 'get Job');
        return trueCondition(j, 'Complete') ? j : undefined;
      },
      90_000,
    );
    expect(done.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0 });
    expect(done.status?.active ?? 0).toBe(0);
    expect(trueCondition(done, 'SuccessCriteriaMet')).toBe(true);
    expect(done.status?.completionTime).toBeDefined();
    // Upstream removed every tracking finalizer.
    const pods = expectStatus(await k.get<{ items: Pod[] }>(`${podsPath(ns)}?labelSelector=batch.kubernetes.io/job-name%3Dplain`), 'list pods').items;
    expect(pods).toHaveLength(3);
    expect(pods.flatMap((p) => p.metadata.finalizers ?? [])).toEqual([]);
  });

  test('an Indexed Job replaces its failed index and completes with completedIndexes 0-2', async () => {
    expectStatus(
      await k.post(jobsPath(ns), jobManifest('indexed', { completions: 3, parallelism: 3, completionMode: 'Indexed', backoffLimit: 2 })),
      'create Job',
    );
    const done = await eventually(
      'Complete',
      async () => {
        const j = expectStatus(await k.get<Job>(jobsPath(ns, 'indexed')), 'get Job');
        return trueCondition(j, 'Complete') ? j : undefined;
      },
      90_000,
    );
    expect(done.status).toMatchObject({ succeeded: 3, failed: 1, completedIndexes: '0-2' });
    expect(done.status?.active ?? 0).toBe(0);
  });

  test('a Job with a foreign managedBy is left untouched', async () => {
    expectStatus(await k.post(jobsPath(ns), jobManifest('foreign', { managedBy: 'example.com/nobody' })), 'create Job');
    // Upstream's controller sees the Job at once; give it a few sync periods.
    await new Promise((r) => setTimeout(r, 4000));
    const j = expectStatus(await k.get<Job>(jobsPath(ns, 'foreign')), 'get Job');
    expect(j.status ?? {}).toEqual({});
    const pods = expectStatus(await k.get<{ items: Pod[] }>(`${podsPath(ns)}?labelSelector=batch.kubernetes.io/job-name%3Dforeign`), 'list pods').items;
    expect(pods).toEqual([]);
  });
});

if (kube === undefined || !hasControllerManager()) {
  test.skip('kube-controller-manager tests need `pnpm kube:up --with-controller-manager`', () => undefined);
}
