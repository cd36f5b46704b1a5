// `jobkit run` end to end (in process, real processes and clock) for the limits that the
// examples do not reach quickly: activeDeadlineSeconds, OnFailure restarts against backoffLimit,
// deletion of lingering pods; the progress line; and, spawning the built dist/main.js, that no
// pod process outlives the runner however it ends, and the --max-processes cap.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from '@jobkit/api';
import { main } from './cli.js';
import { backoffText, Progress, progressLine } from './progress.js';
import { cgroupsAvailable } from '@jobkit/runner';

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
    // Three creations in one pass, then the counters: the progress lines are in time order.
    const stamps = [...r.stdout.matchAll(/^\[ *([0-9.]+)(ms|s)\] /gm)].map((m) => Number(m[1]) * (m[2] === 's' ? 1000 : 1));
    expect(stamps.length).toBeGreaterThan(4);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(r.stdout).toMatch(/Pods Statuses: +0 Active \(0 Ready\) \/ 3 Succeeded \/ 0 Failed/);
    expect(r.stdout.match(/^ {2}t-[a-z0-9]{5} +- +Succeeded +0 +0/gm)).toHaveLength(3);
  });
});

describe('jobkit run: a failed run says why', () => {
  // Each pod prints twelve numbered lines, then fails.
  const noisy = '["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line $i; done; echo \\"error: $HOSTNAME gave up\\" >&2; exit 3"]';

  test('the last lines of the failed pods, at most three of them, and how many there were', async () => {
    // Four pods fail together: failed 4 > backoffLimit 3, so the Job fails without a backoff wait.
    const r = await run(job('  completions: 4\n  parallelism: 4\n  backoffLimit: 3', noisy));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Failed pods: the last 10 lines of each failed container's log; 3 of 4 failed pods shown, jobkit logs t POD for the others\n");
    const tails = r.stdout.split(/^==> /m).slice(1);
    expect(tails).toHaveLength(3);
    for (const tail of tails) {
      expect(tail).toMatch(/^\S+\/t\/\d{8}T\d{6}Z(-\d+)?\/t-[a-z0-9]{5}\/main\.log <==\n\[… 3 lines before these …\]\nline 4\n/);
      expect(tail).toMatch(/line 12\nerror: t-[a-z0-9]{5} gave up\n/);
    }
  });

  test('while the pass waits out the backoff, one line says so', async () => {
    // backoffLimit 1: the first failure waits 10 s, the second fails the Job.
    const r = await run(job('  backoffLimit: 1', noisy));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Job t failed: BackoffLimitExceeded/);
    expect(r.stdout.match(/^\[ *[0-9.]+m?s\] next pod in (9|10)s \(backoff after 1 failure\)$/gm)).toHaveLength(1);
    expect(r.stdout).not.toMatch(/failed pods shown/);
    expect(r.stdout.split(/^==> /m).slice(1)).toHaveLength(2);
  }, 30_000);
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
    job: {
      metadata: { name: 'pi' },
      spec: { template: {}, ...(completions !== undefined ? { completions } : {}) },
      status: { active: 1, ready: 1, succeeded, failed: 2 },
    } as Job,
    elapsedMs: 1500,
  });
  test('terminal: a completions bar', () => {
    expect(progressLine(state(1, 2), true, 100)).toMatch(/^pi \[#+-+\] 1\/2 {2}active 1 \(ready 1\) {2}succeeded 1 {2}failed 2 {2}1\.5s$/);
  });
  test('pods over the process cap: the line says they wait for a slot', () => {
    expect(progressLine({ ...state(0, 50), waitingForSlot: 12, maxProcesses: 8 }, false, 80)).toBe(
      '0/50 completions  active 1 (ready 1)  succeeded 0  failed 2  12 pods pending: waiting for a process slot (--max-processes 8)',
    );
    expect(progressLine({ ...state(0, 50), waitingForSlot: 0, maxProcesses: 8 }, false, 80)).not.toMatch(/pending/);
  });
  test('pods over the process cap on a terminal: the sentence once above, a short count in the line', () => {
    let out = '';
    const p = new Progress({ write: (t: string) => (out += t), isTTY: true, columns: 100 }, false);
    p.update({ ...state(0, 50), waitingForSlot: 12, maxProcesses: 8 });
    p.finish({ ...state(1, 50), waitingForSlot: 11, maxProcesses: 8 });
    expect(out.match(/pods pending: waiting for a process slot \(--max-processes 8\)/g)).toHaveLength(1);
    expect(out).toMatch(/ 11 waiting for a slot /);
  });
  test('plain output: the counters follow every entry of a pass, so the stamps stay in order', () => {
    let out = '';
    const p = new Progress({ write: (t: string) => (out += t), isTTY: false }, false);
    const created = (pod: string) => ({ at: 1, kind: 'event', eventType: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod}` }) as const;
    // One pass at 1 ms creates two pods; the loop reports the change when the pass is done (12 ms).
    p.entry(created('pi-a'), { ...state(0, 2), elapsedMs: 5 });
    p.entry(created('pi-b'), { ...state(0, 2), elapsedMs: 8 });
    p.update({ ...state(0, 2), elapsedMs: 12 });
    expect(out.split('\n').filter((l) => l !== '')).toEqual([
      '[   1ms] event Normal SuccessfulCreate: Created pod: pi-a',
      '[   1ms] event Normal SuccessfulCreate: Created pod: pi-b',
      '[  12ms] 0/2 completions  active 1 (ready 1)  succeeded 0  failed 2',
    ]);
  });
  test('a backoff wait: one line when it starts, not one per pass during it; a further failure, another', () => {
    let out = '';
    const p = new Progress({ write: (t: string) => (out += t), isTTY: false }, false);
    const requeue = (at: number, afterMs: number, failures: number) =>
      ({ at, kind: 'requeue', afterMs, why: 'requested by the pass', backoff: { afterMs, cause: 'podBackoff', failures, failedPods: failures } }) as const;
    p.entry(requeue(100, 9900, 1), state(0, 1));
    p.entry(requeue(3000, 7000, 1), state(0, 1));
    p.entry(requeue(10100, 19900, 2), state(0, 1));
    expect(out).toBe('[ 100ms] next pod in 10s (backoff after 1 failure)\n[ 10.1s] next pod in 20s (backoff after 2 failures)\n');
  });
  test.each([
    ['one failure', { afterMs: 9_900, cause: 'podBackoff', failures: 1, failedPods: 1 }, 'next pod in 10s (backoff after 1 failure)'],
    ['minutes', { afterMs: 79_600, cause: 'podBackoff', failures: 4, failedPods: 4 }, 'next pod in 1m20s (backoff after 4 failures)'],
    [
      'under a second: the pass asks again after 1 s',
      { afterMs: 300, cause: 'podBackoff', failures: 2, failedPods: 2 },
      'next pod in 1s (backoff after 2 failures)',
    ],
    ['backoffLimitPerIndex', { afterMs: 9_000, cause: 'indexBackoff', failedPods: 1 }, 'next pod for a failed index in 9s (backoffLimitPerIndex)'],
  ] as const)('backoff line: %s', (_name, wait, text) => {
    expect(backoffText(wait)).toBe(text);
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

describe('--max-processes', () => {
  test.each([
    ['zero', '0'],
    ['negative', '-3'],
    ['fraction', '1.5'],
    ['not a number', 'many'],
  ])('%s: a usage error, exit 2', async (_name, value) => {
    const r = await run(job('', '["true"]'), '--max-processes', value);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`jobkit: --max-processes ${value}: expected a positive integer such as 8`);
  });
});

// The built command, as a user runs it, in a process of its own.
const root = join(__dirname, '..', '..', '..');
const mainJs = join(root, 'packages', 'cli', 'dist', 'main.js');
const hasSetsid = spawnSync('sh', ['-c', 'command -v setsid'], { encoding: 'utf8' }).stdout.trim() !== '';
// Without a writable cgroup v2, a process that leaves its group with setsid is out of reach (README).
const cgroups = cgroupsAvailable();

/** Alive and not a zombie (a zombie is dead, only not yet reaped). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
}

const readPids = (file: string): { pid: number; escaped: boolean }[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => ({ pid: Number(l.split(' ')[1]), escaped: l.startsWith('setsid ') }))
    : [];

describe('no pod process outlives jobkit run (built dist/main.js)', () => {
  const started: ChildProcess[] = [];
  const pidFiles: string[] = [];
  afterEach(() => {
    // Only what these tests started, by PID.
    for (const file of pidFiles.splice(0)) for (const { pid } of readPids(file)) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  /**
   * Three pods that ignore SIGTERM (so only SIGKILL after the 1 s grace period ends them), each
   * writing its PID, its `sleep` child's and a setsid'd grandchild's into a file.
   */
  function sleepers(): { manifest: string; pids: string } {
    const pids = join(dir, `pids-${Math.random().toString(36).slice(2)}`);
    pidFiles.push(pids);
    const escape = hasSetsid ? `setsid sleep 60 & echo setsid $! >> ${pids}; ` : '';
    const script = `trap '' TERM; echo main $$$$ >> ${pids}; ${escape}sleep 60 & echo child $! >> ${pids}; wait`;
    const manifest = join(dir, `sleepers-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(manifest, job('  completions: 3\n  parallelism: 3', JSON.stringify(['sh', '-c', script])));
    return { manifest, pids };
  }

  const perPod = hasSetsid ? 3 : 2;

  async function expectAllGone(pids: string): Promise<void> {
    const watched = readPids(pids).filter((p) => cgroups || !p.escaped);
    const ms = await until('every pod process to end', () => watched.every((p) => !alive(p.pid)), 1000 + 4000);
    expect(ms).toBeLessThan(5000);
  }

  test.each([
    ['SIGHUP to the runner (terminal closed)', 'SIGHUP'],
    ['SIGKILL of the runner', 'SIGKILL'],
  ] as const)('%s', async (_name, signal) => {
    const { manifest, pids } = sleepers();
    const runner = spawn(process.execPath, [mainJs, 'run', manifest, '--logs-dir', join(dir, 'logs')], { cwd: dir, stdio: 'ignore' });
    started.push(runner);
    await until('3 pods to write their PIDs', () => readPids(pids).length === 3 * perPod, 8000);
    runner.kill(signal);
    await expectAllGone(pids);
    await until('the runner to exit', () => runner.exitCode !== null || runner.signalCode !== null, 3000);
  });

  test('SIGTERM to the parent shell (as pnpm leaves the runner orphaned)', async () => {
    const { manifest, pids } = sleepers();
    // `; echo` keeps sh from exec'ing node: sh stays the parent, as pnpm's shell does.
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${mainJs}" run "${manifest}" --logs-dir "${join(dir, 'logs')}"; echo ended`], {
      cwd: dir,
      stdio: 'ignore',
    });
    started.push(shell);
    await until('3 pods to write their PIDs', () => readPids(pids).length === 3 * perPod, 8000);
    shell.kill('SIGTERM');
    await expectAllGone(pids);
  });

  test('parallelism 50 with --max-processes 3: never more than 3 pods alive, and the Job completes', () => {
    const live = join(dir, `live-${Math.random().toString(36).slice(2)}`);
    const counts = `${live}.counts`;
    // Each pod marks itself alive, counts the marks, and clears its mark before exiting.
    const script = `mkdir -p ${live}; touch ${live}/$$$$; ls ${live} | wc -l >> ${counts}; sleep 0.05; rm ${live}/$$$$`;
    const manifest = join(dir, 'capped.yaml');
    writeFileSync(manifest, job('  completions: 50\n  parallelism: 50', JSON.stringify(['sh', '-c', script])));
    const r = spawnSync(process.execPath, [mainJs, 'run', manifest, '--max-processes', '3', '--logs-dir', join(dir, 'logs')], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Job t completed/);
    expect(r.stdout).toMatch(/47 pods pending: waiting for a process slot \(--max-processes 3\)/);
    const seen = readFileSync(counts, 'utf8').trim().split('\n').map(Number);
    expect(seen).toHaveLength(50);
    expect(Math.max(...seen)).toBeLessThanOrEqual(3);
    expect(readdirSync(live)).toEqual([]);
  });
});
