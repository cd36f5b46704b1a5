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
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requestsByNamespace, root, runMain, setUp, sleep, startJobkit, total } from './cluster.mjs';

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

/** Scenario i's own seed: murmur3's finalizer over (seed, i) — neighbouring mulberry32 seeds give correlated draws. */
function mix(seed, i) {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Scenario i of a seed: a Job spec and the outcome of each pod key (index or ordinal). */
function scenario(seed, i) {
  const r = rng(mix(seed, i));
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
  // Drawn after the older draws, so a seed's earlier scenarios keep their specs and outcomes.
  let restartPolicy = 'Never';
  let holdAfter;
  const more = r();
  if (more < 0.2 && spec.podFailurePolicy === undefined && spec.backoffLimitPerIndex === undefined) {
    // OnFailure: failures restart the container in place; restarts count toward backoffLimit.
    restartPolicy = 'OnFailure';
  } else if (more < 0.35) {
    // activeDeadlineSeconds: outcomes stop after the first two steps, so the deadline ends the Job
    // while nothing else happens (a release racing the deadline would make the copies differ).
    spec.activeDeadlineSeconds = 12;
    holdAfter = 1;
  } else if (more < 0.75 && indexed && actions.length === 0) {
    // Elastic Indexed Job: completions and parallelism changed together mid-run.
    spec.parallelism = spec.completions;
    const to = Math.max(1, spec.completions + pick([-2, -1, 1, 2]));
    actions.push({ step: Math.floor(r() * 2), kind: 'scale', to });
  }
  return { name: `s${seed}-${i}`, spec, restartPolicy, holdAfter, outcomes, actions };
}


// --- one scenario -----------------------------------------------------------------------
const jobManifest = (name, spec, restartPolicy, managedBy) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: {
    ...spec,
    ...(managedBy ? { managedBy } : {}),
    template: { spec: { restartPolicy, containers: [{ name: 'main', image: 'busybox' }] } },
  },
});

const restartsOf = (p) => p.status?.containerStatuses?.[0]?.restartCount ?? 0;

const indexOf = (p) => {
  const raw = p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
};

/** A condition message with the copy's Job and pod names masked (`x-up-7`, `x-jk-abcde` → `<pod>`). */
const masked = (message, jobName) => (message ?? '').split(jobName).join('<job>').replace(/<job>(-[a-z0-9]+)+/g, '<pod>');

/** What is compared between the copies at a settled step; `seen` holds the pod UIDs of earlier steps. */
function observe(job, pods, seen) {
  const s = job.status ?? {};
  const conditions = (s.conditions ?? [])
    .filter((c) => c.status === 'True')
    .map((c) => `${c.type}/${c.reason ?? ''}/${masked(c.message, job.metadata.name)}`)
    .sort();
  const now = new Set(pods.map((p) => p.metadata.uid));
  const created = [...now].filter((u) => !seen.has(u)).length;
  const deleted = [...seen].filter((u) => !now.has(u)).length;
  seen.clear();
  for (const u of now) seen.add(u);
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
    created,
    deleted,
    restarts: pods.reduce((n, p) => n + restartsOf(p), 0),
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
      const o = released.get(`${podKey.pod.metadata.name}#${podKey.attempt}`);
      if (o === undefined) return { result: 'Running' };
      return o === 'ok' ? { result: 'Succeeded' } : { result: 'Failed', exitCode: o === 'exit42' ? 42 : 1 };
    },
  });
  // How many pods of each key (completion index, or '' for NonIndexed) were released.
  const releases = new Map();
  const steps = [];
  const seen = { up: new Set(), jk: new Set() };
  const problems = [];
  let acted = 0;
  let endState = 'unfinished';
  try {
    for (const [copy, name] of Object.entries(copies)) {
      tc.expectStatus(await k.post(tc.jobsPath(ns), jobManifest(name, sc.spec, sc.restartPolicy, copy === 'jk' ? ManagedBy : undefined)), `create ${name}`);
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
      const a = observe(s.up.job, s.up.pods, seen.up);
      const b = observe(s.jk.job, s.jk.pods, seen.jk);
      steps.push({ up: a, jk: b });
      const diff = Object.keys(a).filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
      if (diff.length > 0) {
        problems.push(`step ${step}: ${diff.map((f) => `${f}: upstream ${JSON.stringify(a[f])}, jobkit ${JSON.stringify(b[f])}`).join('; ')}`);
        break;
      }
      if (finished(s.up.job) && finished(s.jk.job)) break;
      const act = sc.actions.find((x) => x.step === step);
      if (act !== undefined && act.kind !== 'deletePod') {
        const patch = act.kind === 'scale' ? { spec: { completions: act.to, parallelism: act.to } } : { spec: { suspend: act.kind === 'suspend' } };
        for (const name of Object.values(copies)) {
          tc.expectStatus(await k.patch(tc.jobsPath(ns, name), patch, 'merge'), `${act.kind} ${name}`);
        }
        acted++;
        continue;
      }
      if (sc.holdAfter !== undefined && step > sc.holdAfter) {
        // No more outcomes: the deadline ends the Job.
        await sleep(QuietMs);
        continue;
      }
      // Release one pod in each copy, the same key in both (one pod outcome per step): Indexed,
      // the lowest index running in both; NonIndexed, the oldest running pod. The n-th release
      // of a key gets the scenario's n-th outcome for it.
      const runningPods = (copy) =>
        s[copy].pods
          .filter((p) => p.status?.phase === 'Running' && p.metadata.deletionTimestamp == null && !released.has(`${p.metadata.name}#${restartsOf(p)}`))
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
      for (const list of [up, jk]) {
        const pod = list.find((p) => keyOf(p) === key);
        released.set(`${pod.metadata.name}#${restartsOf(pod)}`, outcome);
      }
    }
    const end = await read();
    const last = (end.up.job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    if (last !== undefined) endState = last.type === 'Complete' ? 'Complete' : `Failed/${last.reason}`;
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
  return { sc, ns, steps: steps.length, acted, problems, end: endState };
}

// --- main -------------------------------------------------------------------------------
await runMain('e2e:diff', async () => {
  const { kubeconfig } = setUp('e2e');
  const k = tc.connect(kubeconfig, 'jobkit-e2e-diff');
  await startJobkit(kubeconfig, ManagedBy).ready;
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
  // API requests per Job by each controller, summed over the scenarios, by verb and resource.
  await sleep(1000); // the audit backend writes asynchronously
  const requests = requestsByNamespace(kubeconfig, results.map((r) => r.ns));
  if (requests === undefined) console.log('\nAPI requests per Job: no audit log beside the kubeconfig (tools/kube writes one)');
  else {
    const sum = { up: {}, jk: {} };
    for (const by of requests.values()) for (const who of ['up', 'jk']) for (const [w, n] of Object.entries(by[who])) sum[who][w] = (sum[who][w] ?? 0) + n;
    const kinds = [...new Set([...Object.keys(sum.up), ...Object.keys(sum.jk)])].sort();
    const per = (n) => (n / results.length).toFixed(1);
    console.log(`\nAPI requests per Job (mean of ${results.length}; audit log)`);
    console.log(`  ${'request'.padEnd(34)} ${'kube-controller-manager'.padStart(24)} ${'jobkit'.padStart(8)}`);
    for (const w of kinds) console.log(`  ${w.padEnd(34)} ${per(sum.up[w] ?? 0).padStart(24)} ${per(sum.jk[w] ?? 0).padStart(8)}`);
    const [tu, tj] = [total(sum.up), total(sum.jk)];
    console.log(`  ${'total'.padEnd(34)} ${per(tu).padStart(24)} ${per(tj).padStart(8)}   jobkit/upstream ${(tj / Math.max(tu, 1)).toFixed(2)}`);
    // Per Job, by verb and resource. Pod requests follow from the compared steps, so a difference
    // there is a divergence. How many status PUTs and event writes a run takes also depends on
    // how a controller's passes fall between informer events (upstream batches them for 1 s):
    // one more or fewer is timing, reported but not a divergence. So is one repeated patch of a
    // pod already patched (upstream's orphan worker racing the pass that finished the Job); the
    // pods patched are still compared.
    const timing = [];
    for (const r of results) {
      const by = requests.get(r.ns);
      const ws = [...new Set([...Object.keys(by.up), ...Object.keys(by.jk)])].sort().filter((w) => (by.up[w] ?? 0) !== (by.jk[w] ?? 0));
      const text = (xs) => xs.map((w) => `${w}: upstream ${by.up[w] ?? 0}, jobkit ${by.jk[w] ?? 0}`).join('; ');
      const strict = ws.filter((w) => w.endsWith(' pods') || Math.abs((by.up[w] ?? 0) - (by.jk[w] ?? 0)) > 1);
      // (a repeated pod patch ends in "(same pod again)", so only a difference of more than one is strict)
      if (strict.length > 0) r.problems.push(`API requests: ${text(strict)}`);
      const loose = ws.filter((w) => !strict.includes(w));
      if (loose.length > 0) timing.push(`${r.sc.name}: ${text(loose)}`);
    }
    console.log(`  Jobs whose status or event writes, or repeated pod patches, differ by one (pass timing): ${timing.length}/${results.length}${timing.map((t) => `\n    ${t}`).join('')}`);
  }
  const bad = results.filter((r) => r.problems.length > 0).sort((a, b) => a.steps - b.steps);
  for (const r of bad) {
    console.log(`\n=== ${r.sc.name}: ${JSON.stringify(r.sc.spec)} restartPolicy ${r.sc.restartPolicy} outcomes ${r.sc.outcomes.slice(0, 8).join(',')} actions ${JSON.stringify(r.sc.actions)}`);
    for (const p of r.problems) console.log(`    ${p}`);
  }
  const steps = results.reduce((n, r) => n + r.steps, 0);
  const acted = results.reduce((n, r) => n + r.acted, 0);
  const count = (f) => results.filter((r) => f(r.sc)).length;
  const ends = {};
  for (const r of results) ends[r.end] = (ends[r.end] ?? 0) + 1;
  console.log(`\nend states (upstream's copy): ${Object.entries(ends).sort().map(([e, n]) => `${e} ${n}`).join(', ')}`);
  console.log(
    `\n${results.length} scenarios (${count((s) => s.spec.completionMode === 'Indexed')} Indexed, ${count((s) => s.restartPolicy === 'OnFailure')} OnFailure, ` +
      `${count((s) => s.spec.activeDeadlineSeconds !== undefined)} with a deadline, ${count((s) => s.actions.some((a) => a.kind === 'scale'))} scaled), ` +
      `${steps} lockstep steps, ${acted} user actions (suspend, resume, pod deletion, scaling)`,
  );
  console.log(`summary: ${bad.length}/${results.length} scenarios diverge (seed ${args.seed})`);
  return bad.length > 0 ? 1 : 0;
});
