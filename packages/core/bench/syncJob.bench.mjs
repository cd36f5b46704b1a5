// syncJob on 10^3..10^5 pods: median ms per pass and heap used. Plain node on built dist:
//   npx tsc -b packages/core && node --expose-gc packages/core/bench/syncJob.bench.mjs
import { syncJob } from '../dist/index.js';
import { NOW, job, pods } from './fixtures.mjs';

const scenarios = [
  ['steady, NonIndexed', (n) => [job(n), pods(n)]],
  ['steady, Indexed', (n) => [job(n, { indexed: true }), pods(n, { indexed: true })]],
  ['500 finished, NonIndexed', (n) => [job(n, { status: { active: n - 500, ready: n - 500 } }), pods(n, { succeeded: 500 })]],
  ['500 finished, Indexed', (n) => [job(n, { indexed: true, status: { active: n - 500, ready: n - 500 } }), pods(n, { indexed: true, succeeded: 500 })]],
  ['scale-down, NonIndexed', (n) => [job(n, { parallelism: Math.floor(n / 2) }), pods(n)]],
  ['scale-down, Indexed', (n) => [job(n, { indexed: true, parallelism: Math.floor(n / 2) }), pods(n, { indexed: true })]],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const n of [1_000, 10_000, 100_000]) {
  for (const [name, make] of scenarios) {
    const [j, ps] = make(n);
    const runs = n >= 100_000 ? 9 : 21;
    for (let i = 0; i < 3; i++) syncJob(j, ps, NOW); // warm-up
    globalThis.gc?.();
    const base = process.memoryUsage().heapUsed;
    const times = [];
    let actions = 0;
    let peak = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = syncJob(j, ps, NOW);
      times.push(performance.now() - t0);
      actions = r.actions.length;
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
    if (name.startsWith('steady') && actions !== 0) throw new Error(`${name} at ${n}: a steady pass should do nothing, got ${actions} actions`);
    rows.push({
      pods: n,
      scenario: name,
      'median ms': median(times).toFixed(2),
      actions,
      'heap MB (pods)': (base / 2 ** 20).toFixed(1),
      'heap +MB (pass)': (peak / 2 ** 20).toFixed(1),
    });
  }
}
console.table(rows);
