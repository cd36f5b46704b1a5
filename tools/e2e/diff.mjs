#!/usr/bin/env node
// Side by side with kube-controller-manager: for each generated scenario, two copies of one Job
// on one real API server — one without managedBy (upstream's job-controller runs it), one with
// jobkit's managedBy (`jobkit controller` runs it) — and one test kubelet giving both copies'
// pods the same outcomes, keyed by completion index (Indexed) or creation order (NonIndexed).
// Lockstep: a pod outcome is released only once both controllers have settled (no pod pending
// or being deleted, statuses unchanged for a quiet period), so trajectories are deterministic;
// the two copies are compared at every settled step and at the end.
//
//   pnpm e2e:diff [--seed S] [--count N] [--parallel P] [--keep]
//
// Starts its own cluster (tools/kube, with kube-controller-manager) and a jobkit controller
// unless KUBECONFIG names a running one; stops what it started. Prints each divergence (fewest
// steps first) and ends with `summary: D/N scenarios diverge (seed S)`; exit 1 when D > 0.
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tc = await import(pathToFileURL(path.join(root, 'packages/testcluster/dist/index.js')).href);

const args = { seed: 1, count: 8, parallel: 4, keep: false };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--seed') args.seed = Number(process.argv[++i]);
  else if (a === '--count') args.count = Number(process.argv[++i]);
  else if (a === '--parallel') args.parallel = Number(process.argv[++i]);
  else if (a === '--keep') args.keep = true;
  else {
    process.stderr.write('usage: pnpm e2e:diff [--seed S] [--count N] [--parallel P] [--keep]\n');
    process.exit(2);
  }
}

const ManagedBy = 'jobkit.io/e2e-diff';
const QuietMs = 2500;
const StepTimeoutMs = 90_000;
const MaxSteps = 40;

/** mulberry32: a small seeded generator, so a seed names its scenarios. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scenario i of a seed: a Job spec and the outcome of each pod key (index or ordinal). */
function scenario(seed, i) {
  const r = rng(seed * 1_000_003 + i);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const indexed = r() < 0.5;
  const completions = 1 + Math.floor(r() * 4);
  const parallelism = 1 + Math.floor(r() * 3);
  const spec = { completions, parallelism, completionMode: indexed ? 'Indexed' : 'NonIndexed', backoffLimit: pick([0, 1, 2, 3]) };
  if (indexed && r() < 0.3) {
    spec.backoffLimitPerIndex = pick([0, 1]);
    delete spec.backoffLimit;
  }
  if (r() < 0.3) spec.podFailurePolicy = { rules: [{ action: pick(['FailJob', 'Ignore', 'Count']), onExitCodes: { operator: 'In', values: [42] } }] };
  if (indexed && r() < 0.2) spec.successPolicy = { rules: [{ succeededIndexes: '0', succeededCount: 1 }] };
  // Per key and attempt: ok, exit 1 or exit 42; at most two failures a scenario (backoff is 10 s, 20 s, …).
  const outcomes = [];
  let failures = 0;
  for (let k = 0; k < 24; k++) {
    let o = 'ok';
    if (failures < 2 && r() < 0.25) {
      o = pick(['exit1', 'exit42']);
      failures++;
    }
    outcomes.push(o);
  }
  // User actions between lockstep steps: suspend then resume, or delete a running pod.
  const actions = [];
  if (r() < 0.25) {
    const at = 1 + Math.floor(r() * 3);
    actions.push({ step: at, kind: 'suspend' }, { step: at + 2, kind: 'resume' });
  } else if (r() < 0.3) actions.push({ step: 1 + Math.floor(r() * 3), kind: 'deletePod' });
  return { name: `s${seed}-${i}`, spec, outcomes, actions };
}

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

// --- cluster and controller ---------------------------------------------------------------
let started = [];
async function setUp() {
  if (process.env.KUBECONFIG && !process.env.JOBKIT_E2E_OWN_CLUSTER) return { kubeconfig: process.env.KUBECONFIG, own: false };
  const name = `e2e-${process.pid}`;
  const out = execFileSync('node', [path.join(root, 'tools/kube/kube.mjs'), 'up', '--name', name, '--with-controller-manager'], { encoding: 'utf8' });
  const line = out.trim().split('\n').at(-1);
  started.push(() => execFileSync('node', [path.join(root, 'tools/kube/kube.mjs'), 'down', '--name', name], { stdio: 'ignore' }));
  return { kubeconfig: line.slice('KUBECONFIG='.length), own: true };
}
function startJobkit(kubeconfig) {
  const p = spawn(process.execPath, [path.join(root, 'packages/cli/dist/main.js'), 'controller', '--kubeconfig', kubeconfig, '--managed-by', ManagedBy], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs = [];
  p.stderr.on('data', (b) => logs.push(...b.toString().split('\n').filter(Boolean)));
  started.unshift(() => p.kill('SIGTERM'));
  return { proc: p, logs, ready: new Promise((res) => p.stderr.on('data', (b) => b.toString().includes('controller started') && res())) };
}
function tearDown() {
  for (const f of started) {
    try {
      f();
    } catch {
      /* best effort */
    }
  }
  started = [];
}

// --- one scenario -----------------------------------------------------------------------
const jobManifest = (name, spec, managedBy) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: {
    ...spec,
    ...(managedBy ? { managedBy } : {}),
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
  },
});

const indexOf = (p) => {
  const raw = p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
};

/** What is compared between the copies at a settled step. */
function observe(job, pods) {
  const s = job.status ?? {};
  const conditions = (s.conditions ?? [])
    .filter((c) => c.status === 'True')
    .map((c) => `${c.type}/${c.reason ?? ''}`)
    .sort();
  return {
    active: s.active ?? 0,
    ready: s.ready ?? 0,
    terminating: s.terminating ?? 0,
    succeeded: s.succeeded ?? 0,
    failed: s.failed ?? 0,
    completedIndexes: s.completedIndexes ?? '',
    failedIndexes: s.failedIndexes ?? '',
    conditions,
    startTime: s.startTime ? 'set' : 'unset',
    completionTime: s.completionTime ? 'set' : 'unset',
    uncounted: (s.uncountedTerminatedPods?.succeeded?.length ?? 0) + (s.uncountedTerminatedPods?.failed?.length ?? 0),
    pods: pods.length,
    podsWithFinalizer: pods.filter((p) => (p.metadata.finalizers ?? []).some((f) => f.endsWith('/job-tracking'))).length,
  };
}

const finished = (job) => (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');

async function runScenario(k, sc) {
  const ns = await tc.createNamespace(k, sc.name);
  const copies = { up: `${sc.name}-up`, jk: `${sc.name}-jk` };
  // Released pods, by name: the outcome the kubelet gives them. A pod not released keeps running.
  const released = new Map();
  const kubelet = tc.startTestKubelet(k, {
    namespace: ns,
    pollMs: 100,
    outcome: (podKey) => {
      const o = released.get(podKey.pod.metadata.name);
      if (o === undefined) return { result: 'Running' };
      return o === 'ok' ? { result: 'Succeeded' } : { result: 'Failed', exitCode: o === 'exit42' ? 42 : 1 };
    },
  });
  // How many pods of each key (completion index, or '' for NonIndexed) were released.
  const releases = new Map();
  const steps = [];
  const problems = [];
  let acted = 0;
  try {
    for (const [copy, name] of Object.entries(copies)) {
      tc.expectStatus(await k.post(tc.jobsPath(ns), jobManifest(name, sc.spec, copy === 'jk' ? ManagedBy : undefined)), `create ${name}`);
    }
    const read = async () => {
      const out = {};
      for (const [copy, name] of Object.entries(copies)) {
        const job = tc.expectStatus(await k.get(tc.jobsPath(ns, name)), `get ${name}`);
        const pods = tc.expectStatus(await k.get(`${tc.podsPath(ns)}?labelSelector=batch.kubernetes.io/job-name%3D${name}`), 'list pods').items;
        out[copy] = { job, pods };
      }
      return out;
    };
    const settled = async () => {
      let last = '';
      let since = Date.now();
      const t0 = Date.now();
      for (;;) {
        const s = await read();
        const busy = Object.values(s).some(({ pods }) =>
          pods.some((p) => p.metadata.deletionTimestamp != null || !p.spec?.nodeName || (p.status?.phase ?? 'Pending') === 'Pending'),
        );
        const sig = JSON.stringify(Object.values(s).map(({ job, pods }) => [job.status, pods.map((p) => [p.metadata.name, p.status?.phase, p.metadata.finalizers])]));
        if (sig !== last || busy) {
          last = sig;
          since = Date.now();
        } else if (Date.now() - since >= QuietMs) return s;
        if (Date.now() - t0 > StepTimeoutMs) return s;
        await sleep(200);
      }
    };
    for (let step = 0; step < MaxSteps; step++) {
      const s = await settled();
      const a = observe(s.up.job, s.up.pods);
      const b = observe(s.jk.job, s.jk.pods);
      steps.push({ up: a, jk: b });
      const diff = Object.keys(a).filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
      if (diff.length > 0) {
        problems.push(`step ${step}: ${diff.map((f) => `${f}: upstream ${JSON.stringify(a[f])}, jobkit ${JSON.stringify(b[f])}`).join('; ')}`);
        break;
      }
      if (finished(s.up.job) && finished(s.jk.job)) break;
      const act = sc.actions.find((x) => x.step === step);
      if (act !== undefined && act.kind !== 'deletePod') {
        for (const name of Object.values(copies)) {
          tc.expectStatus(await k.patch(tc.jobsPath(ns, name), { spec: { suspend: act.kind === 'suspend' } }, 'merge'), `${act.kind} ${name}`);
        }
        acted++;
        continue;
      }
      // Release one pod in each copy, the same key in both (one pod outcome per step): Indexed,
      // the lowest index running in both; NonIndexed, the oldest running pod. The n-th release
      // of a key gets the scenario's n-th outcome for it.
      const runningPods = (copy) =>
        s[copy].pods
          .filter((p) => p.status?.phase === 'Running' && p.metadata.deletionTimestamp == null && !released.has(p.metadata.name))
          .sort((x, y) => (x.metadata.creationTimestamp ?? '').localeCompare(y.metadata.creationTimestamp ?? '') || x.metadata.name.localeCompare(y.metadata.name));
      const keyOf = (p) => (sc.spec.completionMode === 'Indexed' ? String(indexOf(p)) : '');
      const up = runningPods('up');
      const jk = runningPods('jk');
      const keys = [...new Set(up.map(keyOf))].filter((x) => jk.some((p) => keyOf(p) === x)).sort((x, y) => Number(x) - Number(y));
      if (keys.length === 0) {
        // Nothing to release (pods waiting out a backoff): let the controllers move on.
        await sleep(QuietMs);
        continue;
      }
      const key = keys[0];
      if (act?.kind === 'deletePod') {
        // A user deletes the same pod of both copies (the kubelet kills it: exit 137).
        for (const [copy, list] of [['up', up], ['jk', jk]]) {
          const pod = list.find((p) => keyOf(p) === key);
          tc.expectStatus(await k.delete(tc.podsPath(ns, pod.metadata.name)), `delete pod of ${copy}`, [200, 202]);
        }
        acted++;
        continue;
      }
      const n = releases.get(key) ?? 0;
      releases.set(key, n + 1);
      const outcome = sc.outcomes[(Number(key || 0) * 7 + n) % sc.outcomes.length];
      released.set(up.find((p) => keyOf(p) === key).metadata.name, outcome);
      released.set(jk.find((p) => keyOf(p) === key).metadata.name, outcome);
    }
    const end = await read();
    if (problems.length === 0 && !(finished(end.up.job) && finished(end.jk.job))) problems.push(`not finished after ${steps.length} steps`);
    // Event reasons with counts, at the end.
    const reasons = async (name) => {
      const ev = tc.expectStatus(await k.get(`/api/v1/namespaces/${ns}/events?fieldSelector=involvedObject.name%3D${name}`), 'events').items;
      const m = {};
      for (const e of ev) if (e.involvedObject.kind === 'Job') m[e.reason] = (m[e.reason] ?? 0) + (e.count ?? 1);
      return m;
    };
    if (problems.length === 0) {
      const [ra, rb] = [await reasons(copies.up), await reasons(copies.jk)];
      if (JSON.stringify(Object.entries(ra).sort()) !== JSON.stringify(Object.entries(rb).sort())) problems.push(`events: upstream ${JSON.stringify(ra)}, jobkit ${JSON.stringify(rb)}`);
    }
  } finally {
    await kubelet.stop();
    if (!args.keep) await tc.deleteNamespace(k, ns);
  }
  return { sc, steps: steps.length, acted, problems };
}

// --- main -------------------------------------------------------------------------------
process.on('SIGINT', () => {
  tearDown();
  process.exit(130);
});
let exit = 1;
try {
  const { kubeconfig } = await setUp();
  const k = tc.connect(kubeconfig, 'jobkit-e2e-diff');
  const jk = startJobkit(kubeconfig);
  await Promise.race([jk.ready, sleep(30_000).then(() => Promise.reject(new Error(`jobkit controller did not start:\n${jk.logs.join('\n')}`)))]);
  const scenarios = Array.from({ length: args.count }, (_, i) => scenario(args.seed, i));
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(args.parallel, scenarios.length) }, async () => {
      while (next < scenarios.length) {
        const sc = scenarios[next++];
        results.push(await runScenario(k, sc));
      }
    }),
  );
  const bad = results.filter((r) => r.problems.length > 0).sort((a, b) => a.steps - b.steps);
  for (const r of bad) {
    console.log(`\n=== ${r.sc.name}: ${JSON.stringify(r.sc.spec)} outcomes ${r.sc.outcomes.slice(0, 8).join(',')} actions ${JSON.stringify(r.sc.actions)}`);
    for (const p of r.problems) console.log(`    ${p}`);
  }
  const steps = results.reduce((n, r) => n + r.steps, 0);
  const acted = results.reduce((n, r) => n + r.acted, 0);
  console.log(`\n${results.length} scenarios, ${steps} lockstep steps, ${acted} user actions (suspend, resume, pod deletion)`);
  console.log(`summary: ${bad.length}/${results.length} scenarios diverge (seed ${args.seed})`);
  exit = bad.length > 0 ? 1 : 0;
} catch (e) {
  console.error(`e2e:diff: ${e?.stack ?? e}`);
  exit = 2;
} finally {
  tearDown();
}
process.exit(exit);
