// The mirroring property: over random MultiKueue-style worker histories (testing/
// mirrorHistories.ts: real syncJob passes on the workers, the manager mirroring with
// mirrorStatus and acting as Kueue does), every status the manager writes passes
// validateJobStatusUpdate against its Job as stored, counters never decrease, the suspended
// window holds, no worker pod UID reaches the manager, a repeated call writes nothing, and a Job
// whose end is decided is never dispatched again.
//
// Reproduce or explore: MIRROR_SEED=<n> MIRROR_RUNS=<n> npx jest packages/jobkit/src/multikueue
import fc from 'fast-check';
import type { Job, JobStatus } from './index.js';
import { mirrorHistories, mirrorScenarioArb, playMirror, type MirrorHistory } from './testing/mirrorHistories.js';

const SEED = Number(process.env['MIRROR_SEED'] ?? 20261203);
const RUNS = Number(process.env['MIRROR_RUNS'] ?? 600);

const isTrue = (s: JobStatus | undefined, type: string): boolean => (s?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
const decided = (s: JobStatus | undefined): boolean => ['FailureTarget', 'SuccessCriteriaMet', 'Failed', 'Complete'].some((t) => isTrue(s, t));
const elastic = (j: Job): boolean => j.spec.completionMode === 'Indexed' && j.spec.completions === j.spec.parallelism;

/** Every broken rule of one history, as readable lines (empty: the history holds). */
function problems(h: MirrorHistory): string[] {
  const out: string[] = [];
  for (const w of h.writes) {
    const old = w.before.status ?? {};
    const s = w.status;
    const where = `event ${w.event} (${w.result.reason.split(':')[0]})`;
    if (w.errors.length > 0) out.push(`${where}: rejected: ${JSON.stringify(w.errors)}\n  old ${JSON.stringify(old)}\n  new ${JSON.stringify(s)}`);
    if (w.result.violations.length > 0) out.push(`${where}: a status with violations was offered`);
    if ((s.failed ?? 0) < (old.failed ?? 0)) out.push(`${where}: failed decreased ${old.failed} -> ${s.failed}`);
    if ((s.succeeded ?? 0) < (old.succeeded ?? 0) && !elastic(w.before)) out.push(`${where}: succeeded decreased ${old.succeeded} -> ${s.succeeded}`);
    const fin = isTrue(s, 'Complete') || isTrue(s, 'Failed');
    if (w.before.spec.suspend === true && !fin && (s.startTime !== undefined || (s.active ?? 0) > 0 || (s.ready ?? 0) > 0)) {
      out.push(`${where}: suspended window broken: ${JSON.stringify(s)}`);
    }
    if (w.before.spec.suspend === true && !fin && !isTrue(s, 'Suspended')) out.push(`${where}: suspended without Suspended=True`);
    const u = s.uncountedTerminatedPods;
    if ((u?.succeeded ?? []).length + (u?.failed ?? []).length > 0) out.push(`${where}: worker pod UIDs copied: ${JSON.stringify(u)}`);
    if (w.again.status !== undefined) out.push(`${where}: not idempotent: a second call writes ${JSON.stringify(w.again.status)} over ${JSON.stringify(s)}`);
    if (decided(s) && w.result.redispatchAllowed) out.push(`${where}: redispatch allowed after an interim condition`);
  }
  if (h.dispatchedAfterDecided > 0) out.push(`dispatched ${h.dispatchedAfterDecided} time(s) after the end was decided`);
  for (const r of h.results) if (r.reason.startsWith('Rejected') || r.reason.startsWith('Invalid')) out.push(`result ${r.reason}`);
  return out;
}

describe('mirrorStatus over random worker histories', () => {
  test(`every write passes validateJobStatusUpdate, counters are monotone, a repeat writes nothing (seed ${SEED}, ${RUNS} histories)`, () => {
    const tally = {
      histories: 0,
      writes: 0,
      redispatched: 0,
      workerRejects: 0,
      reasons: {} as Record<string, number>,
      ends: {} as Record<string, number>,
      happened: {} as Record<string, number>,
      verbatim: {} as Record<string, number>,
    };
    const bump = (m: Record<string, number>, k: string, n = 1): void => {
      m[k] = (m[k] ?? 0) + n;
    };
    fc.assert(
      fc.property(mirrorScenarioArb, (scenario) => {
        const h = playMirror(scenario);
        const p = problems(h);
        if (p.length > 0) return false;
        tally.histories++;
        tally.writes += h.writes.length;
        tally.workerRejects += h.workerRejects;
        if (h.dispatches > 1) tally.redispatched++;
        for (const r of h.results) bump(tally.reasons, r.reason.split(':')[0]!);
        bump(tally.ends, h.end.split('/')[0]!);
        for (const [k, n] of Object.entries(h.happened)) bump(tally.happened, k, n);
        for (const [k, n] of Object.entries(h.verbatim)) bump(tally.verbatim, k, n);
        return true;
      }),
      {
        seed: SEED,
        numRuns: RUNS,
        reporter: (out) => {
          if (out.failed && out.counterexample) {
            const h = playMirror(out.counterexample[0]);
            throw new Error(`${fc.defaultReportMessage(out)}\n${problems(h).slice(0, 5).join('\n')}`);
          }
        },
      },
    );
    console.log(
      `multikueue mirroring: ${tally.histories} histories, ${tally.writes} status writes, ${tally.redispatched} re-dispatched; ` +
        `results ${JSON.stringify(tally.reasons)}; ends ${JSON.stringify(tally.ends)}; events ${JSON.stringify(tally.happened)}; worker status writes skipped ${tally.workerRejects}; ` +
        `a verbatim copy at the same points: ${JSON.stringify(tally.verbatim)}`,
    );
    expect(tally.histories).toBe(RUNS);
  });
});

describe('mirrorHistories (for a real API server to replay)', () => {
  test('the same seed gives the same histories; every status write in a trace is accepted by validateJobStatusUpdate', () => {
    const a = mirrorHistories(7, 25);
    expect(JSON.stringify(mirrorHistories(7, 25))).toBe(JSON.stringify(a));
    const statuses = a.flatMap((h) => h.trace.filter((e) => e.kind === 'status'));
    expect(statuses.length).toBeGreaterThan(25);
    for (const e of statuses) if (e.kind === 'status') expect(e.errors).toEqual([]);
    // A trace starts from the Job as created: suspended, managed by MultiKueue.
    for (const h of a) expect(h.job.spec).toMatchObject({ suspend: true, managedBy: 'kueue.x-k8s.io/multikueue' });
  });
});
