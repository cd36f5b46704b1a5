#!/usr/bin/env node
// Benchmark side by side with kube-controller-manager, in one run on one real API server: the
// same workloads under upstream's job-controller (Jobs without managedBy) and under `jobkit
// controller` (Jobs with its managedBy), one after the other, each in a namespace of its own with
// a test kubelet that runs every pod to success at once. Per workload and controller: time from
// the first create to the last Complete, mean time per Job, API requests per Job (audit log),
// the controller's CPU seconds and peak RSS over the phase; ratios jobkit / upstream.
//
//   pnpm bench:e2e [--jobs 200] [--pods 20] [--parallelism 5] [--large 5000] [--large-parallelism 500] [--only small|large]
//
// Starts its own cluster (tools/kube, with kube-controller-manager) unless KUBECONFIG names one.
// kube-controller-manager also runs its garbage collector here; its CPU and RSS include it.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { controllerManagerPid, processUsage, requestsByNamespace, root, runMain, setUp, sleep, startJobkit, total } from './cluster.mjs';

const tc = await import(pathToFileURL(path.join(root, 'packages/testcluster/dist/index.js')).href);

const args = { jobs: 200, pods: 20, parallelism: 5, large: 5000, largeParallelism: 500, only: undefined };
const flags = { '--jobs': 'jobs', '--pods': 'pods', '--parallelism': 'parallelism', '--large': 'large', '--large-parallelism': 'largeParallelism' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const v = process.argv[i + 1];
  if (flags[a] !== undefined && /^[1-9]\d*$/.test(v ?? '')) {
    args[flags[a]] = Number(v);
    i++;
  } else if (a === '--only' && (v === 'small' || v === 'large')) {
    args.only = v;
    i++;
  } else {
    process.stderr.write('usage: pnpm bench:e2e [--jobs N] [--pods N] [--parallelism N] [--large N] [--large-parallelism N] [--only small|large]\n');
    process.exit(2);
  }
}

const ManagedBy = 'jobkit.io/e2e-bench';
const PhaseTimeoutMs = 20 * 60_000;

const job = (name, spec, managedBy) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: {
    ...spec,
    ...(managedBy ? { managedBy } : {}),
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
  },
});
const completeOf = (j) => (j.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');
const failedOf = (j) => (j.status?.conditions ?? []).some((c) => c.type === 'Failed' && c.status === 'True');

/** One workload under one controller: create the Jobs, run their pods, wait for every Complete. */
async function phase(k, kubeconfig, who, pid, workload) {
  const ns = await tc.createNamespace(k, `bench-${workload.name}-${who}`);
  const kubelet = tc.startTestKubelet(k, { namespace: ns, pollMs: 200, outcome: () => ({ result: 'Succeeded' }) });
  const before = processUsage(pid);
  let peakRss = before?.rssBytes ?? 0;
  const sampler = setInterval(() => {
    const u = processUsage(pid);
    if (u !== undefined) peakRss = Math.max(peakRss, u.rssBytes);
  }, 250);
  const t0 = Date.now();
  const createdAt = new Map();
  const doneAt = new Map();
  try {
    const names = Array.from({ length: workload.count }, (_, i) => `${workload.name}-${i}`);
    // Creates 20 at a time, as a user's script might.
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(
        names.slice(i, i + 20).map(async (n) => {
          tc.expectStatus(await k.post(tc.jobsPath(ns), job(n, workload.spec, who === 'jk' ? ManagedBy : undefined)), `create ${n}`);
          createdAt.set(n, Date.now());
        }),
      );
    }
    while (doneAt.size < names.length) {
      if (Date.now() - t0 > PhaseTimeoutMs) throw new Error(`${workload.name} under ${who}: ${doneAt.size}/${names.length} Complete after ${PhaseTimeoutMs / 1000} s`);
      const list = tc.expectStatus(await k.get(tc.jobsPath(ns)), 'list jobs').items;
      for (const j of list) {
        if (failedOf(j)) throw new Error(`${j.metadata.name} under ${who} failed: ${JSON.stringify(j.status.conditions)}`);
        if (completeOf(j) && !doneAt.has(j.metadata.name)) doneAt.set(j.metadata.name, Date.now());
      }
      await sleep(250);
    }
  } finally {
    clearInterval(sampler);
    await kubelet.stop();
  }
  const after = processUsage(pid);
  const makespan = (Math.max(...doneAt.values()) - t0) / 1000;
  const perJob = [...doneAt].reduce((s, [n, t]) => s + (t - createdAt.get(n)), 0) / doneAt.size / 1000;
  // Clean up so the next phase starts with informers as small as this one's did: the Jobs
  // orphaning their pods, then the pods at once (no kubelet would confirm a graceful delete).
  await k.request('DELETE', `${tc.jobsPath(ns)}?propagationPolicy=Orphan`);
  await k.request('DELETE', `${tc.podsPath(ns)}?gracePeriodSeconds=0`);
  await tc.deleteNamespace(k, ns);
  return {
    ns,
    makespan,
    perJob,
    cpuSeconds: before !== undefined && after !== undefined ? after.cpuSeconds - before.cpuSeconds : NaN,
    peakRssMiB: peakRss / 2 ** 20,
  };
}

await runMain('bench:e2e', async () => {
  const { kubeconfig } = setUp('bench');
  const k = tc.connect(kubeconfig, 'jobkit-bench-e2e');
  const jk = startJobkit(kubeconfig, ManagedBy);
  await jk.ready;
  const pids = { up: controllerManagerPid(kubeconfig), jk: jk.proc.pid };
  const workloads = [
    { name: 'small', label: `${args.jobs} × ${args.pods} pods`, count: args.jobs, spec: { completions: args.pods, parallelism: args.parallelism } },
    {
      name: 'large',
      label: `1 × ${args.large} Indexed`,
      count: 1,
      spec: { completions: args.large, parallelism: args.largeParallelism, completionMode: 'Indexed' },
    },
  ].filter((w) => args.only === undefined || w.name === args.only);
  const rows = [];
  for (const [i, w] of workloads.entries()) {
    // Alternate which controller goes first, so neither always meets the fresher etcd.
    const order = i % 2 === 0 ? ['up', 'jk'] : ['jk', 'up'];
    const res = {};
    for (const who of order) {
      process.stderr.write(`bench:e2e: ${w.label} under ${who === 'up' ? 'kube-controller-manager' : 'jobkit'} …\n`);
      res[who] = await phase(k, kubeconfig, who, pids[who], w);
    }
    rows.push({ w, res });
  }
  await sleep(1000); // the audit backend writes asynchronously
  const requests = requestsByNamespace(kubeconfig, rows.flatMap((r) => [r.res.up.ns, r.res.jk.ns]));
  for (const r of rows)
    for (const who of ['up', 'jk']) r.res[who].requests = requests === undefined ? NaN : total(requests.get(r.res[who].ns)[who]) / r.w.count;

  const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const head = ['workload', 'controller', 'create→last Complete s', 'mean per Job s', 'API requests/Job', 'CPU s', 'peak RSS MiB'];
  const table = [head];
  for (const { w, res } of rows) {
    const line = (name, x) => [w.label, name, fmt(x.makespan), fmt(x.perJob), fmt(x.requests), fmt(x.cpuSeconds), fmt(x.peakRssMiB, 0)];
    table.push(line('kube-controller-manager', res.up), line('jobkit', res.jk));
    const ratio = (f) => fmt(res.jk[f] / res.up[f], 2);
    table.push(['', 'jobkit / upstream', ratio('makespan'), ratio('perJob'), ratio('requests'), ratio('cpuSeconds'), ratio('peakRssMiB')]);
  }
  const widths = head.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  console.log('');
  for (const r of table) console.log(r.map((x, c) => (c < 2 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  '));
  console.log('\nkube-controller-manager runs its job and garbage-collector controllers here: its CPU and RSS include both.');
  return 0;
});
