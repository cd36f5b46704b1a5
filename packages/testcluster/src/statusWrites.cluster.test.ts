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
import type { FieldError, Job, JobStatus } from 'jobkit';
import { kubeletStepArb } from '../../jobkit/src/testing/fakeKubelet.js';
import { validJob } from '../../jobkit/src/testing/jobArbitrary.js';
import { knownViolations } from '../../jobkit/src/testing/knownViolations.js';
import { playPasses, type TraceEvent } from '../../jobkit/src/testing/playPasses.js';
import { expectStatus, fieldErrorsOf, jobsPath, type Kube, type Response } from './client.js';
import { clusterFromEnv, createNamespace, deleteNamespace } from './cluster.js';
import { serverCopyOf } from './serverCopy.js';

const kube = clusterFromEnv('jobkit-status-writes');
const run = kube !== undefined ? describe : describe.skip;

const START_ISO = '2026-01-01T00:00:00Z';
const START = Date.parse(START_ISO);
const SEED = Number(process.env['CLUSTER_STATUS_SEED'] ?? 20261203);
const RUNS = Number(process.env['CLUSTER_STATUS_RUNS'] ?? 1500);
const MAX_PASSES = 40;
const CONCURRENCY = 6;

const scenario = fc.record({ job: validJob(START_ISO), steps: fc.array(kubeletStepArb, { minLength: 10, maxLength: MAX_PASSES }) });

interface Tally {
  jobs: number;
  statusWrites: number;
  accepted: number;
  rejected: number;
  knownRejected: number;
  specWrites: number;
  problems: string[];
}

const pairs = (errs: readonly { readonly type: string; readonly field: string }[]): string =>
  [...new Set(errs.map((e) => `${e.type} ${e.field}`))].sort().join('; ');

/**
 * PUT with the stored copy's resourceVersion; on a conflict, once more on a fresh read — only the
 * garbage collector writes these Jobs besides the test (removing foregroundDeletion after a
 * deletion), and it never touches spec or status, which the fresh read must show unchanged.
 */
async function putFresh(k: Kube, path: string, stored: Job, make: (base: Job) => Job, t: Tally, name: string): Promise<Response<Job>> {
  const res = await k.put<Job>(path, make(stored));
  if (res.status !== 409) return res;
  const fresh = expectStatus(await k.get<Job>(path.replace(/\/status$/, '')), `get ${name}`);
  if (JSON.stringify(fresh.spec) !== JSON.stringify(stored.spec) || JSON.stringify(fresh.status ?? {}) !== JSON.stringify(stored.status ?? {})) {
    t.problems.push(`${name}: conflict, and someone else changed the spec or status`);
    return res;
  }
  return k.put<Job>(path, make(fresh));
}

async function replay(k: Kube, ns: string, name: string, job: Job, trace: readonly TraceEvent[], known: (pass: number) => string | undefined, t: Tally): Promise<void> {
  const created = await k.post<Job>(jobsPath(ns), serverCopyOf(job, name));
  if (created.status !== 201) {
    t.problems.push(`${name}: create rejected (HTTP ${created.status}): ${pairs(fieldErrorsOf(created))} — spec ${JSON.stringify(job.spec)}`);
    return;
  }
  let stored = created.body;
  for (const ev of trace) {
    if (ev.kind === 'spec') {
      const { suspend, parallelism, completions } = ev.job.spec;
      const res = await putFresh(k, jobsPath(ns, name), stored, (b) => ({ ...b, spec: { ...b.spec, suspend, parallelism, completions } }), t, name);
      t.specWrites++;
      if (res.status !== 200) {
        t.problems.push(`${name}: spec update rejected (HTTP ${res.status}): ${pairs(fieldErrorsOf(res))}`);
        return;
      }
      stored = res.body;
    } else if (ev.kind === 'delete') {
      const res = await k.delete<Job>(jobsPath(ns, name), { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Foreground' });
      if (res.status !== 200 && res.status !== 202) {
        t.problems.push(`${name}: delete failed (HTTP ${res.status})`);
        return;
      }
      stored = expectStatus(await k.get<Job>(jobsPath(ns, name)), `get ${name}`);
    } else {
      const res = await putFresh(k, `${jobsPath(ns, name)}/status`, stored, (b) => ({ ...b, status: ev.status as JobStatus }), t, name);
      t.statusWrites++;
      const ours = ev.errors as readonly FieldError[];
      if (res.status === 200) {
        t.accepted++;
        stored = res.body;
        if (ours.length > 0) t.problems.push(`${name} pass ${ev.pass}: the server accepted a write validateJobStatusUpdate rejects (${pairs(ours)}): ${JSON.stringify(ev.status)}`);
      } else if (res.status === 409) {
        t.problems.push(`${name} pass ${ev.pass}: conflict (nothing else writes this Job)`);
        return;
      } else {
        t.rejected++;
        const theirs = fieldErrorsOf(res);
        const shape = known(ev.pass);
        if (ours.length === 0) {
          t.problems.push(`${name} pass ${ev.pass}: HTTP ${res.status} ${pairs(theirs)} — ${theirs.map((e) => e.message).join(' | ')}\n  old status: ${JSON.stringify(stored.status ?? {})}\n  new status: ${JSON.stringify(ev.status)}\n  spec: ${JSON.stringify({ ...stored.spec, template: undefined, selector: undefined })}`);
        } else if (shape === undefined) {
          t.problems.push(`${name} pass ${ev.pass}: rejected by both, but not one of the known upstream self-contradictions: ${pairs(ours)}`);
        } else if (pairs(ours) !== pairs(theirs)) {
          t.problems.push(`${name} pass ${ev.pass}: ${shape}: we name ${pairs(ours)}, the server ${pairs(theirs)}`);
        } else {
          t.knownRejected++;
        }
      }
    }
  }
}

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
    const t: Tally = { jobs: 0, statusWrites: 0, accepted: 0, rejected: 0, knownRejected: 0, specWrites: 0, problems: [] };
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
    console.log(`status writes on the real API server: ${t.jobs} Jobs, ${t.statusWrites} status writes (${t.accepted} accepted, ${t.rejected} rejected: ${t.knownRejected} known upstream self-contradictions), ${t.specWrites} spec updates, ${t.problems.length} problems, ${secs} s`);
    expect(t.problems).toEqual([]);
    expect(t.statusWrites).toBeGreaterThan(RUNS);
  });
});

if (kube === undefined) test.skip('cluster tests need KUBECONFIG (pnpm kube:up)', () => undefined);
