#!/usr/bin/env node
// The project's test command: builds every package (tsc -b), checks the formatting (prettier)
// and lints (eslint: typescript-eslint's recommended rules and the core packages' purity rule), runs jest over the whole workspace, and
// closes with one plain line "jest: N passed, N failed[, N skipped]". A lint failure fails the
// command after jest has run.
// Extra arguments go to jest (e.g. `pnpm test packages/indexes`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const pkgs = fs.readdirSync(path.join(root, 'packages')).map((p) => `packages/${p}/tsconfig.json`);
const build = spawnSync(bin('tsc'), ['-b', ...pkgs], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('build failed');
  process.exit(build.status ?? 1);
}

// Formatter (prettier --check; `pnpm format` fixes) and linter (eslint), both before jest.
const format = spawnSync(bin('prettier'), ['--check', '--log-level', 'warn', '.'], { cwd: root, stdio: 'inherit' });
const eslint = spawnSync(bin('eslint'), ['.'], { cwd: root, stdio: 'inherit' });
const lint = { status: format.status === 0 && eslint.status === 0 ? 0 : 1 };
console.log(
  lint.status === 0 ? 'lint: clean (prettier, eslint)' : `lint: problems (above)${format.status !== 0 ? '; `pnpm format` fixes the formatting' : ''}`,
);

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jobkit-jest-')), 'results.json');
const jest = spawnSync(bin('jest'), ['--json', `--outputFile=${out}`, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
let summary = 'jest: no results';
try {
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  summary = `jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
} catch {
  /* jest crashed before writing results; its own output says why */
}
console.log(summary);
process.exit((jest.status ?? 1) || (lint.status === 0 ? 0 : 1));
