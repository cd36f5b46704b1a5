// The simulator's world with immer (as shipped) against its hand-spread baselines, side by side:
// median wall ms, runs alternating so that load on the machine hits both alike. Plain node on
// built dist:
//   npx tsc -b packages/sim && node --expose-gc packages/sim/bench/world.bench.mjs
//
// 1. Whole simulations (every world step: syncJob, applyActions, the loop's store, the scripted
//    kubelet's reports), warm: shipped, against the same run with applyActions swapped for the
//    spread version it replaced (packages/core/bench/spreadBaseline.mjs).
// 2. One kubelet report, withRunStatus (the pod status every report writes): shipped, against
//    the spread version it replaced (./spreadBaseline.mjs).
// 3. With JOBKIT_BENCH_BASE=<another checkout, built>, e.g. bee12d3 (before immer: every world
//    edit by spreads): whole simulations against that build's simulator, warm in this process
//    and cold (one simulation per fresh process, as `jobkit simulate` runs), results compared.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const simulatorOf = async (root) => import(pathToFileURL(path.resolve(root, 'packages', 'sim', 'dist', 'index.js')).href);
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const jobOf = (n, indexed) => ({
  metadata: { name: 'world', namespace: 'ns' },
  spec: {
    parallelism: Math.min(n, 500),
    completions: n,
    backoffLimit: 100_000,
    ...(indexed ? { completionMode: 'Indexed' } : {}),
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } },
  },
});
const scriptOf = (sim, n, indexed) => {
  const attempts = {};
  if (indexed) for (let a = 7; a <= n * 2; a += 7) attempts[a] = { exitCode: 1, duration: '10s' };
  const s = sim.parseScript({ default: { exitCode: 0, duration: '30s', readyAfter: '5s' }, attempts, until: '100h' });
  if (!s.ok) throw new Error(JSON.stringify(s.errors));
  return s.script;
};
const scenarioName = (indexed) => (indexed ? 'Indexed, every 7th attempt fails' : 'NonIndexed, all succeed');

// A child of part 3: `--once <root> <pods> <indexed>` runs one simulation and prints its ms.
if (process.argv[2] === '--once') {
  const [root, n, indexed] = [process.argv[3], Number(process.argv[4]), process.argv[5] === '1'];
  const sim = await simulatorOf(root);
  const job = jobOf(n, indexed);
  const script = scriptOf(sim, n, indexed);
  const t0 = performance.now();
  sim.simulate(job, script);
  console.log(performance.now() - t0);
  process.exit(0);
}

const { defaultController } = await import('@jobkit/loop');
const { applyActionsBySpreads } = await import('../../core/bench/spreadBaseline.mjs');
const { withRunStatusBySpreads } = await import('./spreadBaseline.mjs');
const sim = await simulatorOf(here);

/** Median ms of `a` and `b` over `runs` alternating runs, after a warm-up. */
function sideBySide(runs, a, b) {
  for (let i = 0; i < 2; i++) {
    a();
    b();
  }
  globalThis.gc?.();
  const t = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const t0 = performance.now();
      (k === 0 ? a : b)();
      t[k].push(performance.now() - t0);
    }
  }
  return [median(t[0]), median(t[1])];
}

const scenarios = [];
for (const n of [100, 1_000, 3_000]) for (const indexed of [false, true]) scenarios.push([n, indexed, jobOf(n, indexed), scriptOf(sim, n, indexed)]);
const runsFor = (n) => (n >= 3_000 ? 7 : n >= 1_000 ? 11 : 31);
const spreads = { controller: { ...defaultController, applyActions: applyActionsBySpreads } };

const simRows = [];
for (const [n, indexed, job, script] of scenarios) {
  const a = sim.simulate(job, script);
  const b = sim.simulate(job, script, spreads);
  if (a.outcome.kind !== 'Complete') throw new Error(`${scenarioName(indexed)} at ${n}: ${JSON.stringify(a.outcome)}`);
  if (!isDeepStrictEqual(a, b)) throw new Error(`${scenarioName(indexed)} at ${n}: immer and spreads disagree`);
  const [mi, ms] = sideBySide(
    runsFor(n),
    () => sim.simulate(job, script),
    () => sim.simulate(job, script, spreads),
  );
  simRows.push({
    pods: a.pods.length,
    scenario: scenarioName(indexed),
    syncs: a.syncs,
    'applyActions by spreads ms': ms.toFixed(1),
    'immer ms': mi.toFixed(1),
    'immer/spreads': (mi / ms).toFixed(2),
  });
}
console.log('whole simulations, warm, applyActions swapped (the rest of the world as shipped)');
console.table(simRows);

// A pod as the pass creates it, and two runs a scripted kubelet reports for it.
const pod = {
  metadata: {
    name: 'world-0',
    namespace: 'ns',
    uid: 'u0',
    labels: { 'batch.kubernetes.io/job-name': 'world' },
    finalizers: ['batch.kubernetes.io/job-tracking'],
  },
  spec: {
    restartPolicy: 'Never',
    containers: [
      { name: 'c', image: 'x' },
      { name: 'd', image: 'y' },
    ],
  },
  status: { phase: 'Pending' },
};
const running = (c) => [c, { state: 'running', startedAt: 1000, ready: true, restartCount: 0 }];
const ended = (c, exitCode) => [
  c,
  { state: 'terminated', exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: 1000, finishedAt: 9000, restartCount: 0 },
];
const runs = [
  ['Pending → Running', { phase: 'Running', startTime: 1000, init: [], app: [running('c'), running('d')] }],
  ['Running → Failed', { phase: 'Failed', startTime: 1000, init: [ended('i', 0)], app: [ended('c', 1), ended('d', 0)] }],
];
const K = 20_000;
const reportRows = [];
for (const [name, run] of runs) {
  if (!isDeepStrictEqual(sim.withRunStatus(pod, run, 9000), withRunStatusBySpreads(pod, run, 9000))) throw new Error(`${name}: immer and spreads disagree`);
  const [mi, ms] = sideBySide(
    15,
    () => {
      for (let i = 0; i < K; i++) sim.withRunStatus(pod, run, 9000);
    },
    () => {
      for (let i = 0; i < K; i++) withRunStatusBySpreads(pod, run, 9000);
    },
  );
  reportRows.push({
    report: name,
    'spreads µs': ((ms / K) * 1000).toFixed(2),
    'immer µs': ((mi / K) * 1000).toFixed(2),
    'immer/spreads': (mi / ms).toFixed(2),
  });
}
console.log('one kubelet report (withRunStatus)');
console.table(reportRows);

const base = process.env['JOBKIT_BENCH_BASE'];
if (base !== undefined && base !== '') {
  const other = await simulatorOf(base);
  const warmRows = [];
  const coldRows = [];
  for (const [n, indexed, job, script] of scenarios) {
    const so = scriptOf(other, n, indexed);
    const a = sim.simulate(job, script);
    if (JSON.stringify(a) !== JSON.stringify(other.simulate(job, so))) throw new Error(`${scenarioName(indexed)} at ${n}: this build and ${base} disagree`);
    const [mi, mo] = sideBySide(
      runsFor(n),
      () => sim.simulate(job, script),
      () => other.simulate(job, so),
    );
    warmRows.push({
      pods: a.pods.length,
      scenario: scenarioName(indexed),
      'base ms': mo.toFixed(1),
      'this build ms': mi.toFixed(1),
      'this/base': (mi / mo).toFixed(2),
    });
    if (n > 1_000) continue;
    const t = { base: [], here: [] };
    for (let i = 0; i < 11; i++) {
      for (const [k, root] of i % 2 === 0
        ? [
            ['here', here],
            ['base', base],
          ]
        : [
            ['base', base],
            ['here', here],
          ]) {
        const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--once', root, String(n), indexed ? '1' : '0'], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`--once ${root}: ${r.stderr}`);
        t[k].push(Number(r.stdout));
      }
    }
    const [ch, cb] = [median(t.here), median(t.base)];
    coldRows.push({
      pods: a.pods.length,
      scenario: scenarioName(indexed),
      'base ms': cb.toFixed(1),
      'this build ms': ch.toFixed(1),
      'this/base': (ch / cb).toFixed(2),
    });
  }
  console.log(`whole simulations, warm, this build against ${base} (same JSON results)`);
  console.table(warmRows);
  console.log(`whole simulations, cold (one per fresh process), this build against ${base}`);
  console.table(coldRows);
}
