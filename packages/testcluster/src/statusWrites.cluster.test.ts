// The real API server judges every status syncJob writes. Random valid Jobs are played forward
// with the property harness (syncJob + applyActions + the fake kubelet, packages/jobkit/src/
// testing); every write of the run — the controller's status writes and the user's spec edits
// and deletion between passes — is replayed in order on a copy of the Job on a real
// kube-apiserver v1.37.2, whose `spec.managedBy` names no running controller. The server must
// accept every status write validateJobStatusUpdate accepts, and reject (naming the same fields)
// the ones it rejects — which the property test admits only for the three upstream
// self-contradictions of knownViolations.ts.
//
// CLUSTER_STATUS_SEED / CLUSTER_STATUS_RUNS pick the sample (default seed 20261203, 1500 Jobs).
import fc from 'fast-check';
import { kubeletStepArb } from '../../jobkit/src/testing/fakeKubelet.js';
import { validJob } from '../../jobkit/src/testing/jobArbitrary.js';
import { knownViolations } from '../../jobkit/src/testing/knownViolations.js';
import { playPasses, type TraceEvent } from '../../jobkit/src/testing/playPasses.js';
import type { Kube } from './client.js';
import { clusterFromEnv, createNamespace, deleteNamespace } from './cluster.js';
import { newTally, replay } from './__tests__/replay.js';

const kube = clusterFromEnv('jobkit-status-writes');
const run = kube !== undefined ? describe : describe.skip;

const START_ISO = '2026-01-01T00:00:00Z';
const START = Date.parse(START_ISO);
const SEED = Number(process.env['CLUSTER_STATUS_SEED'] ?? 20261203);
const RUNS = Number(process.env['CLUSTER_STATUS_RUNS'] ?? 1500);
const MAX_PASSES = 40;
const CONCURRENCY = 6;

const scenario = fc.record({ job: validJob(START_ISO), steps: fc.array(kubeletStepArb, { minLength: 10, maxLength: MAX_PASSES }) });

run('every status syncJob writes is accepted by a real kube-apiserver v1.37.2', () => {
  const k = kube as Kube;
  let ns: string;
  beforeAll(async () => {
    ns = await createNamespace(k, 'status-writes');
  });
  afterAll(async () => {
    await deleteNamespace(k, ns);
  });

  test(`random valid Jobs played forward, every write replayed in order (seed ${SEED}, ${RUNS} Jobs)`, async () => {
    const t = newTally();
    const samples = fc.sample(scenario, { seed: SEED, numRuns: RUNS });
    const started = Date.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < samples.length) {
        const i = next++;
        const { job, steps } = samples[i]!;
        const trace: TraceEvent[] = [];
        const r = playPasses(job, steps, START, MAX_PASSES, trace);
        const known = (pass: number): string | undefined => {
          const v = r.violations.find((x) => x.kind === 'statusUpdateRejected' && x.pass === pass);
          return v === undefined ? undefined : knownViolations.find((kv) => kv.matches(v))?.name;
        };
        t.jobs++;
        await replay(k, ns, `j${i}`, job, trace, known, t);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `status writes on the real API server: ${t.jobs} Jobs, ${t.statusWrites} status writes (${t.accepted} accepted, ${t.rejected} rejected: ${t.knownRejected} known upstream self-contradictions), ${t.specWrites} spec updates, ${t.problems.length} problems, ${secs} s`,
    );
    expect(t.problems).toEqual([]);
    expect(t.statusWrites).toBeGreaterThan(RUNS);
  });
});

if (kube === undefined) test.skip('cluster tests need KUBECONFIG (pnpm kube:up)', () => undefined);
