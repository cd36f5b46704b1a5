// jobkit's syncJob next to upstream's own sync pass (tools/oracle `bench`, k8s.io/kubernetes as a
// Go module) on the same steady-state input: a NonIndexed Job with N Running, Ready pods that all
// carry the tracking finalizer and a status that already says so; upstream both as it runs and
// with listing excluded (pods pre-listed in input order, like for like). Needs the built dist; the
// upstream column needs Go (the oracle is built on first use) and is skipped without it.
//   node --expose-gc packages/core/bench/vsUpstream.bench.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { ensureOracle } from '../../../tools/oracle/build.mjs';
import { syncJob } from '../dist/index.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const START = '2025-12-31T23:00:00Z'; // genNow - 1h, as the oracle's steadyJob
const UID = 'bench-job-uid';

// Mirrors steadyJob in tools/oracle/bench.go field for field.
function steadyJob(n) {
  const labels = { 'batch.kubernetes.io/controller-uid': UID, 'batch.kubernetes.io/job-name': 'bench' };
  const job = {
    metadata: { name: 'bench', namespace: 'default', uid: UID },
    spec: {
      parallelism: n,
      completions: n,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
      template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
      podReplacementPolicy: 'TerminatingOrFailed',
    },
    status: { active: n, ready: n, terminating: 0, startTime: START, uncountedTerminatedPods: {} },
  };
  const pods = Array.from({ length: n }, (_, i) => ({
    metadata: {
      name: `bench-${i}`,
      namespace: 'default',
      uid: `bench-pod-${i}`,
      labels,
      finalizers: ['batch.kubernetes.io/job-tracking'],
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'bench', uid: UID, controller: true, blockOwnerDeletion: true }],
      creationTimestamp: START,
    },
    spec: { nodeName: 'node-a', containers: [{ name: 'main', image: 'busybox' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: START }] },
  }));
  return [job, pods];
}

function jobkitMedianMs(n) {
  const [job, pods] = steadyJob(n);
  syncJob(job, pods, NOW); // warm-up
  const runs = n > 10_000 ? 7 : 15; // as the oracle
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = syncJob(job, pods, NOW);
    times.push(performance.now() - t0);
    if (r.actions.length !== 0) throw new Error(`bench job is not steady for jobkit: ${r.actions.length} actions`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** The oracle binary, built on first use, or why the upstream column is skipped. */
function upstreamOracle() {
  if (spawnSync('go', ['version']).status !== 0) return { skip: 'no Go on this machine' };
  try {
    return { bin: ensureOracle() };
  } catch (e) {
    return { skip: `oracle did not build: ${String(e.message ?? e).split('\n')[0]}` };
  }
}

const oracle = upstreamOracle();
const rows = [];
for (const n of [10_000, 100_000]) {
  const ours = jobkitMedianMs(n);
  // Upstream twice: as it runs (listing from its informer index, map order) and like for like
  // (handed the pods pre-listed in input order, as jobkit is).
  const upstream = (prelisted) =>
    oracle.bin
      ? JSON.parse(execFileSync(oracle.bin, ['bench', '--pods', String(n), `--prelisted=${prelisted}`], { maxBuffer: 1 << 26 }).toString()).medianMs
      : undefined;
  const theirs = upstream(false);
  const prelisted = upstream(true);
  const ratio = (t) => (t === undefined ? '-' : (t / ours).toFixed(1));
  rows.push({
    pods: n,
    'jobkit median ms': ours.toFixed(2),
    'upstream median ms': theirs === undefined ? '-' : theirs.toFixed(2),
    'upstream / jobkit': ratio(theirs),
    'upstream pre-listed ms': prelisted === undefined ? '-' : prelisted.toFixed(2),
    'pre-listed / jobkit': ratio(prelisted),
  });
}
console.table(rows);
if (oracle.skip) console.log(`upstream column skipped: ${oracle.skip}`);
