// What tools/e2e's side-by-side runs share: a cluster with kube-controller-manager (tools/kube),
// a `jobkit controller` beside it, API requests per namespace and controller from the API
// server's audit log, and a process's CPU seconds and RSS from /proc.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

let started = [];

/**
 * A cluster with kube-controller-manager: KUBECONFIG's when set (unless JOBKIT_E2E_OWN_CLUSTER),
 * otherwise one of its own, named after `prefix` and this process, stopped by tearDown().
 */
export function setUp(prefix) {
  if (process.env.KUBECONFIG && !process.env.JOBKIT_E2E_OWN_CLUSTER) return { kubeconfig: process.env.KUBECONFIG, own: false };
  const name = `${prefix}-${process.pid}`;
  const kube = path.join(root, 'tools/kube/kube.mjs');
  const out = execFileSync('node', [kube, 'up', '--name', name, '--with-controller-manager'], { encoding: 'utf8' });
  const line = out.trim().split('\n').at(-1);
  started.push(() => execFileSync('node', [kube, 'down', '--name', name], { stdio: 'ignore' }));
  return { kubeconfig: line.slice('KUBECONFIG='.length), own: true };
}

/** `jobkit controller` for `managedBy` on the cluster, stopped (SIGTERM) by tearDown(). */
export function startJobkit(kubeconfig, managedBy, extra = []) {
  const p = spawn(process.execPath, [path.join(root, 'packages/cli/dist/main.js'), 'controller', '--kubeconfig', kubeconfig, '--managed-by', managedBy, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs = [];
  p.stderr.on('data', (b) => logs.push(...b.toString().split('\n').filter(Boolean)));
  started.unshift(() => p.kill('SIGTERM'));
  const ready = new Promise((res) => p.stderr.on('data', (b) => b.toString().includes('controller started') && res()));
  return {
    proc: p,
    logs,
    ready: Promise.race([ready, sleep(30_000).then(() => Promise.reject(new Error(`jobkit controller did not start:\n${logs.join('\n')}`)))]),
  };
}

/**
 * Runs `body` (resolving with the exit status) with what both tools need around it: SIGINT and
 * any throw tear down what was started; an error prints as `label: …` with exit 2.
 */
export async function runMain(label, body) {
  process.on('SIGINT', () => {
    tearDown();
    process.exit(130);
  });
  let exit = 2;
  try {
    exit = await body();
  } catch (e) {
    console.error(`${label}: ${e?.stack ?? e}`);
  } finally {
    tearDown();
  }
  process.exit(exit);
}

export function tearDown() {
  for (const f of started) {
    try {
      f();
    } catch {
      /* best effort */
    }
  }
  started = [];
}

/** kube-controller-manager's PID from tools/kube's state beside the kubeconfig, if it runs there. */
export function controllerManagerPid(kubeconfig) {
  try {
    return JSON.parse(fs.readFileSync(path.join(path.dirname(kubeconfig), 'state.json'), 'utf8')).controllerManager?.pid;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) and resident memory (bytes) of a process, from /proc. */
export function processUsage(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
    const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuSeconds: ticks / 100, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
  } catch {
    return undefined;
  }
}

// API requests per Job, from the audit log tools/kube writes beside the kubeconfig (Metadata
// level). A namespace that holds one Job per controller gives each controller's requests for it.
export const controllerOf = (userAgent) => {
  if (userAgent.startsWith('kube-controller-manager/') && userAgent.endsWith('/job-controller')) return 'up';
  if (userAgent.startsWith('jobkit-controller/')) return 'jk';
  return undefined;
};

/** Map namespace → { up, jk } → `verb resource[/subresource]` → count; undefined without an audit log. */
export function requestsByNamespace(kubeconfig, namespaces) {
  const dir = path.dirname(kubeconfig);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^audit.*\.log$/.test(f)) : [];
  if (files.length === 0) return undefined;
  const out = new Map([...namespaces].map((ns) => [ns, { up: {}, jk: {} }]));
  const patched = new Set(); // `who pod` (pod names are unique across namespaces: generated)
  for (const f of files) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (line === '') continue;
      let e;
      try {
        e = JSON.parse(line);
      } catch {
        continue; // a line cut by rotation
      }
      const by = out.get(e.objectRef?.namespace);
      if (by === undefined || e.stage !== 'ResponseComplete') continue;
      const who = controllerOf(e.userAgent ?? '');
      if (who === undefined) continue;
      let what = `${e.verb} ${e.objectRef.resource}${e.objectRef.subresource ? `/${e.objectRef.subresource}` : ''}`;
      // A second patch of a pod the controller has already patched: kept apart, because
      // upstream's orphan worker re-sends the finalizer removal from a stale cache when a Job
      // finishes (13 ms after the pass's own patch in one CI run) — a race, not a decision.
      if (what === 'patch pods') {
        const key = `${who} ${e.objectRef.name}`;
        if (patched.has(key)) what = 'patch pods (same pod again)';
        else patched.add(key);
      }
      by[who][what] = (by[who][what] ?? 0) + 1;
    }
  }
  return out;
}

export const total = (m) => Object.values(m).reduce((n, x) => n + x, 0);
