// applyActions with immer (as shipped) against the same function with its pod edits written as
// nested spreads (spreadBaseline.mjs, the code before immer), side by side on 10^3..10^5 pods:
// median ms per call and the ratio. Runs alternate between the two so that load on the machine
// hits both alike. Plain node on built dist:
//   npx tsc -b packages/core && node --expose-gc packages/core/bench/applyActions.bench.mjs
import { isDeepStrictEqual } from 'node:util';
import { applyActions } from '../dist/index.js';
import { applyActionsBySpreads } from './spreadBaseline.mjs';
import { FIN, NOW, job, pods } from './fixtures.mjs';

// 500 is the pass's cap on pod creates/deletes and on uncounted pods (upstream's defaults).
const K = 500;
const ref = (i) => ({ name: `bench-${i}`, uid: `uid-${i}` });
const event = (reason, message) => ({ type: 'RecordEvent', eventType: 'Normal', reason, message });
const template = (n) => job(n).spec.template;
const scenarios = [
  ['status write only', () => [{ type: 'UpdateJobStatus', status: { active: 1 } }]],
  [
    `${K} finished: finalizers off, status`,
    () => [...Array.from({ length: K }, (_, i) => ({ type: 'RemovePodFinalizer', ...ref(i) })), { type: 'UpdateJobStatus', status: { succeeded: K } }],
  ],
  [
    `scale-down: ${K} deletes`,
    (n) => Array.from({ length: K }, (_, i) => [{ type: 'DeletePod', ...ref(n - 1 - i) }, event('SuccessfulDelete', `Deleted pod: bench-${n - 1 - i}`)]).flat(),
  ],
  [
    `${K} creates`,
    (n) =>
      Array.from({ length: K }, () => [
        { type: 'CreatePod', pod: { metadata: { generateName: 'bench-', labels: template(n).metadata.labels, finalizers: [FIN] }, spec: template(n).spec } },
        event('SuccessfulCreate', 'Created pod: bench-'),
      ]).flat(),
  ],
  [`${K} adoptions`, () => Array.from({ length: K }, (_, i) => ({ type: 'AdoptPod', ...ref(i) }))],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let created = 0;
const opts = () => ({ now: NOW, generateName: (p) => `${p}${(created++).toString(36)}` });
const rows = [];
for (const n of [1_000, 10_000, 100_000]) {
  const ps = pods(n);
  const j = job(n);
  for (const [name, make] of scenarios) {
    const actions = make(n);
    const state = { job: j, pods: ps };
    created = 0;
    const a = applyActions(state, actions, opts());
    created = 0;
    const b = applyActionsBySpreads(state, actions, opts());
    if (a.error !== undefined || b.error !== undefined) throw new Error(`${name}: refused: ${a.error ?? b.error}`);
    // Both give the same state (a deep compare of 10^5 pods takes long: the smaller sizes only).
    if (n <= 10_000 && !isDeepStrictEqual(a, b)) throw new Error(`${name} at ${n}: immer and spreads disagree`);
    if (a.pods.length !== b.pods.length) throw new Error(`${name} at ${n}: pod counts differ`);
    const runs = n >= 100_000 ? 15 : 41;
    const t = { immer: [], spreads: [] };
    for (let i = 0; i < 5; i++) {
      applyActions(state, actions, opts());
      applyActionsBySpreads(state, actions, opts());
    }
    globalThis.gc?.();
    for (let i = 0; i < runs; i++) {
      const pair = i % 2 === 0 ? ['immer', 'spreads'] : ['spreads', 'immer'];
      for (const which of pair) {
        const f = which === 'immer' ? applyActions : applyActionsBySpreads;
        const t0 = performance.now();
        f(state, actions, opts());
        t[which].push(performance.now() - t0);
      }
    }
    const mi = median(t.immer);
    const ms = median(t.spreads);
    rows.push({
      pods: n,
      scenario: name,
      actions: actions.length,
      'spreads ms': ms.toFixed(3),
      'immer ms': mi.toFixed(3),
      'immer/spreads': (mi / ms).toFixed(2),
      '+ms': (mi - ms).toFixed(3),
    });
  }
}
console.table(rows);
