// Every example under examples/: to its expected end under `simulate` (in process, through
// main(), which is fast and deterministic), and the quick ones under `run` through the BUILT
// command (node packages/cli/dist/main.js), checking the exit status and upstream's reason string.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './cli.js';

const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'packages', 'cli', 'dist', 'main.js');
const examples = join(root, 'examples');
let logsDir = '';

beforeAll(() => {
  // The tests exercise the built bin, as users run it.
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/cli'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const output = String((error as { stdout?: Buffer }).stdout ?? '') + String((error as { stderr?: Buffer }).stderr ?? '');
    throw new Error(`building the jobkit bin (tsc -b packages/cli) failed; the run tests need it:\n${output}`);
  }
  if (!existsSync(bin)) throw new Error(`${bin} is missing after the build`);
  logsDir = mkdtempSync(join(tmpdir(), 'jobkit-examples-'));
}, 120_000);

afterAll(() => {
  if (logsDir !== '') rmSync(logsDir, { recursive: true, force: true });
});

function jobkit(args: readonly string[], timeoutMs = 30_000): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('node', [bin, ...args], { cwd: root, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function inProcess(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: root,
    env: process.env,
  });
  return { code, stdout, stderr };
}

interface Expectation {
  /** Exit status and the text that must appear in the final message. */
  readonly simulate: readonly [number, RegExp];
  /** Same for `run` (several allowed ends: the first that matches the output decides). */
  readonly run: readonly (readonly [number, RegExp])[];
  /** A run that waits out real back-off: how long it may take; run only in CI or with JOBKIT_SLOW_TESTS=1. */
  readonly slowMs?: number;
  /** What a run that fails (exit 1) must also print: each back-off wait, the failed pods' last lines. */
  readonly failedRunShows?: readonly RegExp[];
}

const expectations: Record<string, Expectation> = {
  pi: { simulate: [0, /Job pi completed/], run: [[0, /Job pi completed/]] },
  // bpi(2000) fails inside Math::BigInt with some perls (5.36 here): then the real failure path,
  // pod-recreation back-off of 10, 20, 40 and 80 s and BackoffLimitExceeded; other perls print π.
  'pi-2000': {
    simulate: [1, /failed: BackoffLimitExceeded/],
    run: [
      [1, /Job pi-2000 failed: BackoffLimitExceeded/],
      [0, /Job pi-2000 completed/],
    ],
    slowMs: 300_000,
    failedRunShows: [1, 2, 3, 4].map((n) => new RegExp(`\\] next pod in \\S+ \\(backoff after ${n} failures?\\)\\n`)).concat([/3 of 5 failed pods shown/]),
  },
  'pi-with-timeout': { simulate: [1, /failed: DeadlineExceeded/], run: [[0, /completed/]] },
  'pi-with-ttl': { simulate: [0, /completed/], run: [[0, /completed/]] },
  primes: { simulate: [0, /completed/], run: [[0, /completed/]] },
  'primes-completions': { simulate: [0, /completed/], run: [[0, /completed/]] },
  'pi-sequential': { simulate: [0, /Job pi-sequential completed/], run: [[0, /Job pi-sequential completed/]] },
  'primes-work-queue': { simulate: [0, /completed/], run: [[0, /completed/]] },
  indexed: { simulate: [0, /completed/], run: [[0, /completed/]] },
  'pod-failure-policy': {
    simulate: [1, /failed: PodFailurePolicy: Container main for pod default\/\S+ failed with exit code 42 matching FailJob rule at index 0/],
    run: [[1, /failed: PodFailurePolicy/]],
  },
  // The retry of index 1 waits 10 s of per-index back-off.
  'backoff-limit-per-index': { simulate: [1, /failed: FailedIndexes/], run: [[1, /failed: FailedIndexes/]], slowMs: 60_000 },
  'success-policy': { simulate: [0, /completed \(SuccessPolicy: Matched rules at index 0\)/], run: [[0, /completed \(SuccessPolicy/]] },
  suspended: { simulate: [0, /completed/], run: [[0, /is suspended/]] },
  'flaky-onfailure': { simulate: [0, /completed/], run: [[0, /completed/]] },
};

const slowTests = process.env['CI'] === 'true' || process.env['JOBKIT_SLOW_TESTS'] === '1';

describe('examples', () => {
  test('every example has an expectation and a simulate script', () => {
    const names = readdirSync(examples)
      .filter((f) => f.endsWith('.yaml') && !f.endsWith('.outcomes.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    expect(names.sort()).toEqual(Object.keys(expectations).sort());
    for (const name of names) expect(existsSync(join(examples, `${name}.outcomes.yaml`))).toBe(true);
  });

  describe.each(Object.entries(expectations))('%s', (name, e) => {
    test('validate: valid', async () => {
      const r = await inProcess(['validate', `examples/${name}.yaml`]);
      expect(r.stdout).toMatch(/: valid\n$/);
      expect(r.code).toBe(0);
    });

    test(`simulate ends with exit ${e.simulate[0]}`, async () => {
      const r = await inProcess(['simulate', `examples/${name}.yaml`, '--script', `examples/${name}.outcomes.yaml`]);
      expect(r.stdout + r.stderr).toMatch(e.simulate[1]);
      expect(r.code).toBe(e.simulate[0]);
    });

    test('simulate --json is deterministic', async () => {
      const args = ['simulate', `examples/${name}.yaml`, '--script', `examples/${name}.outcomes.yaml`, '--json'];
      const a = await inProcess(args);
      const b = await inProcess(args);
      expect(a.stdout).toBe(b.stdout);
      expect(JSON.parse(a.stdout)).toHaveProperty('timeline');
    });

    const runTest = e.slowMs === undefined || slowTests ? test : test.skip;
    runTest(
      `run ends with exit ${e.run.map(([code]) => code).join(' or ')}${e.slowMs !== undefined ? ' (slow: real back-off; CI or JOBKIT_SLOW_TESTS=1)' : ''}`,
      () => {
        const r = jobkit(['run', `examples/${name}.yaml`, '--logs-dir', logsDir], e.slowMs ?? 30_000);
        const out = r.stdout + r.stderr;
        const end = e.run.find(([, re]) => re.test(out));
        expect(end).toBeDefined();
        expect(out).toMatch(end![1]);
        expect(r.code).toBe(end![0]);
        if (r.code === 1) for (const shown of e.failedRunShows ?? []) expect(out).toMatch(shown);
      },
      (e.slowMs ?? 30_000) + 10_000,
    );
  });

  test('the built bin simulates too', () => {
    const r = jobkit(['simulate', 'examples/pi-2000.yaml', '--script', 'examples/pi-2000.outcomes.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Job pi-2000 failed: BackoffLimitExceeded: Job has reached the specified backoff limit/);
    expect(r.stdout).toMatch(/requeue after 9\.000s/);
  });

  test('validate reads standard input with "-"', () => {
    const r = spawnSync('node', [bin, 'validate', '-'], { cwd: root, encoding: 'utf8', input: readFileSync(join(examples, 'pi.yaml'), 'utf8') });
    expect(r.stdout).toBe('job pi: valid\n');
    expect(r.status).toBe(0);
  });

  test('pi prints π with --logs and the images note once', () => {
    const r = jobkit(['run', 'examples/pi.yaml', '--logs', '--logs-dir', logsDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3\.14159265358979323846264338327950288419716939937510/);
    expect(r.stdout).toMatch(/Pods Statuses: +0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed/);
    expect(r.stderr.match(/images are not pulled/g)).toHaveLength(1);
  });

  test('the quick start: pi prints π and a completed summary without flags', () => {
    const r = jobkit(['run', 'examples/pi.yaml', '--logs-dir', logsDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3\.14159265358979323846264338327950288419716939937510/);
    expect(r.stdout).toMatch(/Complete +True +CompletionsReached/);
    expect(r.stdout).toMatch(/Job pi completed/);
  });

  // completions 3, parallelism 1: each pod is created only after the one before it finished.
  test.each(['simulate', 'run'])('pi-sequential runs its three pods one after another (%s)', async (how) => {
    const r =
      how === 'simulate'
        ? await inProcess(['simulate', 'examples/pi-sequential.yaml', '--script', 'examples/pi-sequential.outcomes.yaml', '--json'])
        : jobkit(['run', 'examples/pi-sequential.yaml', '--json', '--logs-dir', logsDir]);
    expect(r.code).toBe(0);
    const running = new Set<string>();
    const order: string[] = [];
    for (const e of JSON.parse(r.stdout).timeline as { kind: string; pod?: string; change?: string }[]) {
      if (e.kind === 'create') {
        order.push(`create with ${running.size} running`);
        running.add(e.pod!);
      } else if (e.kind === 'pod' && /^(Succeeded|Failed)\b/.test(e.change!)) running.delete(e.pod!);
    }
    expect(order).toEqual(['create with 0 running', 'create with 0 running', 'create with 0 running']);
  });

  // What examples/README.md says of it: the success counted in the same sync resets the back-off.
  test('primes-completions replaces its failed pod 1 s after the failure, not after 10 s of back-off', async () => {
    const r = await inProcess(['simulate', 'examples/primes-completions.yaml', '--script', 'examples/primes-completions.outcomes.yaml', '--json']);
    const timeline = JSON.parse(r.stdout).timeline as { at: number; kind: string; change?: string }[];
    expect(timeline.filter((e) => e.kind === 'pod' && /^Failed/.test(e.change!)).map((e) => e.at)).toEqual([1000]);
    expect(timeline.filter((e) => e.kind === 'create').map((e) => e.at)).toEqual([0, 0, 2000, 2000]);
  });

  test('indexed pods read JOB_COMPLETION_INDEX (static work assignment)', () => {
    const r = jobkit(['run', 'examples/indexed.yaml', '--logs', '--logs-dir', logsDir]);
    expect(r.code).toBe(0);
    for (let i = 0; i < 5; i++) expect(r.stdout).toContain(`index ${i}:`);
    expect(r.stdout).toMatch(/index 1: 101 103 107/);
  });
});
