#!/usr/bin/env node
// `pnpm test:cluster`: the jest tests that talk to a real kube-apiserver v1.37.2. They read
// KUBECONFIG (`pnpm kube:up` prints it). Without one they are skipped with one line; in CI
// (CI=true) a missing cluster is a failure, so they cannot be skipped silently there.
// Closes, like `pnpm test`, with "jest: N passed, N failed[, N skipped]". Extra args go to jest.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

let kubeconfig = process.env.KUBECONFIG;
if (!kubeconfig) {
  // `pnpm kube:up` with no --name writes .kube/default/kubeconfig; use it when it is there.
  const fallback = path.join(root, '.kube', 'default', 'kubeconfig');
  if (fs.existsSync(fallback)) kubeconfig = fallback;
}
if (!kubeconfig || !fs.existsSync(kubeconfig)) {
  const why = kubeconfig ? `KUBECONFIG=${kubeconfig} does not exist` : 'KUBECONFIG is not set';
  if (process.env.CI === 'true') {
    console.error(`cluster tests: ${why}; CI must start a cluster first (pnpm kube:up)`);
    process.exit(1);
  }
  console.log(`cluster tests skipped: ${why} (start a cluster with \`pnpm kube:up\`, then KUBECONFIG=... pnpm test:cluster)`);
  process.exit(0);
}

const pkgs = fs.readdirSync(path.join(root, 'packages')).map((p) => `packages/${p}/tsconfig.json`);
const build = spawnSync(bin('tsc'), ['-b', ...pkgs], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jobkit-jest-cluster-')), 'results.json');
const jest = spawnSync(bin('jest'), ['-c', 'jest.cluster.config.cjs', '--json', `--outputFile=${out}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KUBECONFIG: path.resolve(kubeconfig) },
});
let summary = 'jest: no results';
try {
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  summary = `jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
  if (r.numTotalTests === 0) {
    console.log('cluster tests: jest found no test');
    process.exitCode = 1;
  }
} catch {
  /* jest crashed before writing results; its own output says why */
}
console.log(summary);
process.exit(jest.status || process.exitCode || 0);
