// The steady pass next to a bare walk over the same pods (issue 11's goal: ≤ 3× in both orders).
// The bare walk reads what any pass must read of each pod: phase, deletionTimestamp, finalizers
// and the completion-index annotation. Orders: index order, and shuffled as an informer lists
// them. Plain node on built dist:
//   npx tsc -b packages/core && node --expose-gc packages/core/bench/walk.bench.mjs
import { syncJob } from '../dist/index.js';
import { FIN, NOW, job, pods } from './fixtures.mjs';

const IX = 'batch.kubernetes.io/job-completion-index';

/** Deterministic Fisher–Yates (LCG), so every run shuffles alike. */
function shuffled(xs) {
  const a = [...xs];
  let s = 20261203;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

let sink = 0;
function bareWalk(ps) {
  let n = 0;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const phase = p.status?.phase;
    if (phase === 'Running' && p.metadata.deletionTimestamp == null && p.metadata.finalizers?.includes(FIN)) n++;
    const ix = p.metadata.annotations?.[IX];
    if (ix !== undefined) n += ix.length & 1;
  }
  sink += n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, runs) {
  for (let i = 0; i < 3; i++) fn();
  globalThis.gc?.();
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const rows = [];
for (const n of [100_000, 1_000_000]) {
  for (const indexed of [false, true]) {
    const j = job(n, { indexed });
    const base = pods(n, { indexed });
    for (const [order, ps] of [
      ['index order', base],
      ['shuffled', shuffled(base)],
    ]) {
      const runs = n >= 1_000_000 ? 5 : 15;
      // Measured side by side, alternating, so machine load hits both alike.
      const walk = time(() => bareWalk(ps), runs);
      const pass = time(() => {
        const r = syncJob(j, ps, NOW);
        if (r.actions.length !== 0) throw new Error(`steady pass did ${r.actions.length} actions`);
      }, runs);
      rows.push({
        pods: n,
        mode: indexed ? 'Indexed' : 'NonIndexed',
        order,
        'bare walk ms': walk.toFixed(2),
        'steady pass ms': pass.toFixed(2),
        ratio: (pass / walk).toFixed(1),
      });
    }
  }
}
console.table(rows);
if (sink < 0) console.log(sink);
