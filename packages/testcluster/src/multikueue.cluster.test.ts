// Every status mirrorStatus writes on a manager's Job is accepted by a real kube-apiserver
// v1.37.2: random worker histories (real syncJob workers, re-dispatch after partial progress,
// workers that suspend, elastic scaling, a remote deleted by TTL, a worker lost after
// FailureTarget; packages/jobkit/src/testing/mirrorHistories.ts) replayed write by write — the
// manager's spec edits and mirrored statuses — on a copy of the manager's Job.
//
// CLUSTER_MIRROR_SEED / CLUSTER_MIRROR_RUNS pick the sample (default seed 20261203, 300 histories).
import { mirrorHistories } from '../../jobkit/src/testing/mirrorHistories.js';
import type { Kube } from './client.js';
import { clusterFromEnv, createNamespace, deleteNamespace } from './cluster.js';
import { newTally, replay } from './__tests__/replay.js';

const kube = clusterFromEnv('jobkit-multikueue-mirror');
const run = kube !== undefined ? describe : describe.skip;
const SEED = Number(process.env['CLUSTER_MIRROR_SEED'] ?? 20261203);
const RUNS = Number(process.env['CLUSTER_MIRROR_RUNS'] ?? 300);

run('every status mirrorStatus writes is accepted by a real manager API server', () => {
  const k = kube as Kube;
  let ns: string;
  beforeAll(async () => {
    ns = await createNamespace(k, 'multikueue');
  });
  afterAll(async () => {
    await deleteNamespace(k, ns);
  });

  test(`random worker histories, every manager write replayed in order (seed ${SEED}, ${RUNS} histories)`, async () => {
    const histories = mirrorHistories(SEED, RUNS);
    const t = newTally();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < histories.length) {
        const i = next++;
        const h = histories[i]!;
        t.jobs++;
        // No mirrored write is expected to be rejected: mirrorStatus writes nothing it would reject.
        await replay(k, ns, `m${i}`, h.job, h.trace, () => undefined, t, { managedBy: h.job.spec.managedBy ?? 'kueue.x-k8s.io/multikueue' });
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    const redispatched = histories.filter((h) => h.dispatches > 1).length;
    console.log(
      `mirrored writes on the real API server: ${t.jobs} histories (${redispatched} re-dispatched), ${t.statusWrites} status writes (${t.accepted} accepted, ${t.rejected} rejected), ${t.specWrites} spec updates, ${t.problems.length} problems`,
    );
    expect(t.problems).toEqual([]);
    expect(t.rejected).toBe(0);
    expect(t.statusWrites).toBeGreaterThan(RUNS);
  });
});

if (kube === undefined) test.skip('cluster tests need KUBECONFIG (pnpm kube:up)', () => undefined);
