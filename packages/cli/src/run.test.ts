// `jobkit run` end to end (in process, real processes and clock) for the limits that the
// examples do not reach quickly: activeDeadlineSeconds, OnFailure restarts against backoffLimit,
// deletion of lingering pods; and the progress line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from '@jobkit/api';
import { main } from './cli.js';
import { Progress, progressLine } from './progress.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobkit-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(manifest: string, ...flags: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = join(dir, `job-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, manifest);
  let stdout = '';
  let stderr = '';
  const code = await main(['run', path, '--logs-dir', join(dir, 'logs'), ...flags], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: dir,
    env: process.env,
  });
  return { code, stdout, stderr };
}

function job(spec: string, container: string, restartPolicy = 'Never'): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: t
spec:
${spec}
  template:
    spec:
      restartPolicy: ${restartPolicy}
      terminationGracePeriodSeconds: 1
      containers:
      - name: main
        image: busybox
        command: ${container}
`;
}

describe('jobkit run', () => {
  test('activeDeadlineSeconds: the running pod is deleted and the Job fails DeadlineExceeded', async () => {
    const t0 = Date.now();
    const r = await run(job('  activeDeadlineSeconds: 1', '["sleep", "20"]'));
    expect(r.stderr).toMatch(/Job t failed: DeadlineExceeded: Job was active longer than specified deadline/);
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(r.stdout).toMatch(/SuccessfulDelete|deleted: SIGTERM sent/);
  });

  test('OnFailure: container restarts count against backoffLimit', async () => {
    const r = await run(job('  backoffLimit: 2', '["sh", "-c", "exit 1"]', 'OnFailure'), '--restart-delay', '100ms');
    expect(r.stderr).toMatch(/Job t failed: BackoffLimitExceeded/);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CrashLoopBackOff/);
  });

  test('parallel pods, the summary lists each', async () => {
    const r = await run(job('  completions: 3\n  parallelism: 3', '["sh", "-c", "echo ok"]'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Pods Statuses: +0 Active \(0 Ready\) \/ 3 Succeeded \/ 0 Failed/);
    expect(r.stdout.match(/^ {2}t-[a-z0-9]{5} +- +Succeeded +0 +0/gm)).toHaveLength(3);
  });
});

test('run --json: one JSON document with the outcome, pods and log files', async () => {
  const r = await run(job('  completions: 2\n  parallelism: 2', '["sh", "-c", "echo json"]'), '--json');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(doc.outcome.kind).toBe('Complete');
  expect(doc.exitCode).toBe(0);
  expect(doc.pods).toHaveLength(2);
  expect(Object.keys(doc.logs)).toHaveLength(2);
});

describe('progress', () => {
  const state = (succeeded: number, completions?: number) => ({
    job: { metadata: { name: 'pi' }, spec: { template: {}, ...(completions !== undefined ? { completions } : {}) }, status: { active: 1, ready: 1, succeeded, failed: 2 } } as Job,
    elapsedMs: 1500,
  });
  test('terminal: a completions bar', () => {
    expect(progressLine(state(1, 2), true, 100)).toMatch(/^pi \[#+-+\] 1\/2 {2}active 1 \(ready 1\) {2}succeeded 1 {2}failed 2 {2}1\.5s$/);
  });
  test('work queue: no bar', () => {
    expect(progressLine(state(3), false, 80)).toBe('3 succeeded (work queue)  active 1 (ready 1)  succeeded 3  failed 2');
  });
  test('plain output prints a line only when something changed', () => {
    let out = '';
    const p = new Progress({ write: (t: string) => (out += t), isTTY: false }, false);
    p.update(state(1, 2));
    p.update(state(1, 2));
    p.update(state(2, 2));
    expect(out.trim().split('\n')).toHaveLength(2);
  });
  test('terminal output redraws one line', () => {
    let out = '';
    const p = new Progress({ write: (t: string) => (out += t), isTTY: true, columns: 100 }, false);
    p.update(state(1, 2));
    p.finish(state(2, 2));
    expect(out).toContain('\r\x1b[2K');
    expect(out.endsWith('\n')).toBe(true);
  });
});
