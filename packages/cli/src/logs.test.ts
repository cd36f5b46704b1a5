// `jobkit logs` over the folders a real `jobkit run` wrote: kubectl's default container and its
// notice, -c, --previous after an OnFailure restart, --run, and each refusal (exit 2) naming
// what is missing.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJobkit, type JobkitRun } from './__tests__/runJobkit.js';

let dir = '';
let firstRun = '';
let pod = '';
const jobkit = (...args: string[]): Promise<JobkitRun> => runJobkit(dir, ...args);

// An init container, two app containers; `main` fails its first run and is restarted in place.
const manifest = (marker: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: multi
spec:
  backoffLimit: 3
  template:
    spec:
      restartPolicy: OnFailure
      initContainers:
      - name: setup
        image: busybox
        command: ["sh", "-c", "echo init"]
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "m=${marker}-$HOSTNAME; if [ -e $m ]; then echo attempt 2; else touch $m; echo attempt 1; exit 1; fi"]
      - name: side
        image: busybox
        command: ["sh", "-c", "echo side"]
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobkit-logs-'));
  writeFileSync(join(dir, 'multi.yaml'), manifest(join(dir, 'marker')));
  for (let i = 0; i < 2; i++) {
    const r = await jobkit('run', 'multi.yaml', '--restart-delay', '100ms');
    if (r.code !== 0) throw new Error(`jobkit run failed: ${r.stdout}${r.stderr}`);
  }
  const runs = readdirSync(join(dir, 'jobkit-logs', 'multi'))
    .filter((f) => f !== 'latest')
    .sort();
  expect(runs).toHaveLength(2);
  firstRun = runs[0]!;
  pod = readdirSync(join(dir, 'jobkit-logs', 'multi', runs[1]!))[0]!;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jobkit logs', () => {
  test.each([
    ["the default container, with kubectl's notice", ['multi'], 'attempt 2\n', 'Defaulted container "main" out of: main, side, setup (init)\n'],
    ['-c another app container', ['multi', '-c', 'side'], 'side\n', ''],
    ['--container an init container', ['multi', '--container', 'setup'], 'init\n', ''],
    ['-p: the run before the restart', ['multi', '-p'], 'attempt 1\n', 'Defaulted container "main" out of: main, side, setup (init)\n'],
    ['job/NAME, as kubectl takes it', ['job/multi', '-c', 'main'], 'attempt 2\n', ''],
  ])('%s', async (_name, args, stdout, stderr) => {
    const r = await jobkit('logs', ...args);
    expect(r).toEqual({ code: 0, stdout, stderr });
  });

  test('the pod by name, pod/NAME too', async () => {
    expect((await jobkit('logs', 'multi', pod, '-c', 'side')).stdout).toBe('side\n');
    expect((await jobkit('logs', 'multi', `pod/${pod}`, '-c', 'side')).stdout).toBe('side\n');
  });

  test('--run: an older run; latest: the newest', async () => {
    const older = await jobkit('logs', 'multi', '--run', firstRun, '-c', 'side');
    expect(older.code).toBe(0);
    const newest = await jobkit('logs', 'multi', '--run', 'latest', '-c', 'main', pod);
    expect(newest.stdout).toBe('attempt 2\n');
    // The older run's pod is not in the newest run.
    expect((await jobkit('logs', 'multi', pod, '--run', firstRun)).stderr).toMatch(
      /^error: pod "multi-[a-z0-9]{5}" not found in run \d{8}T\d{6}Z of job "multi" \(pods: /,
    );
  });

  test('--logs-dir: another folder', async () => {
    const r = await runJobkit(tmpdir(), 'logs', 'multi', '-c', 'side', '--logs-dir', join(dir, 'jobkit-logs'));
    expect(r.stdout).toBe('side\n');
  });

  test.each([
    ['a Job without runs', ['nope'], /^error: no runs of job "nope" in jobkit-logs \(jobs there: (hand, )?multi(, two)?\)\n$/],
    [
      'a pod not in the run',
      ['multi', 'multi-zzzzz'],
      /^error: pod "multi-zzzzz" not found in run \d{8}T\d{6}Z(-2)? of job "multi" \(pods: multi-[a-z0-9]{5}\)\n$/,
    ],
    [
      'a container not in the pod',
      ['multi', '-c', 'nope'],
      /^error: container "nope" is not valid for pod "multi-[a-z0-9]{5}" out of: main, side, setup \(init\)\n$/,
    ],
    [
      '--previous of a container that never restarted',
      ['multi', '-c', 'side', '--previous'],
      /^error: previous terminated container "side" in pod "multi-[a-z0-9]{5}" not found\n$/,
    ],
    [
      'a run that is not there',
      ['multi', '--run', '20200101T000000Z'],
      /^error: run "20200101T000000Z" of job "multi" not found in jobkit-logs\/multi \(newest first: \d{8}T\d{6}Z(-2)?, \d{8}T\d{6}Z\)\n$/,
    ],
    [
      'no logs folder at all',
      ['multi', '--logs-dir', 'nowhere'],
      /^error: no runs of job "multi" in nowhere \(jobkit run writes them there; --logs-dir DIR\)\n$/,
    ],
  ])('%s: exit 2, the error names what is missing', async (_name, args, message) => {
    const r = await jobkit('logs', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test.each([
    ['not JSON', 'cut sh'],
    ['metadata not an object', '{"metadata": 5}'],
    ['containers not a list', '{"metadata": {}, "spec": {"containers": "main"}}'],
  ])('a pod.json that is %s: the logs alone tell the containers', async (_name, record) => {
    const podDir = join(dir, 'jobkit-logs', 'hand', '20260101T000000Z', 'hand-abcde');
    mkdirSync(podDir, { recursive: true });
    writeFileSync(join(podDir, 'main.log'), 'by hand\n');
    writeFileSync(join(podDir, 'pod.json'), record);
    expect(await jobkit('logs', 'hand')).toEqual({ code: 0, stdout: 'by hand\n', stderr: '' });
  });

  test('a refusal after a choice: the notice comes first, so the error is about the pod it names', async () => {
    for (const pod of ['two-aaaaa', 'two-bbbbb']) {
      mkdirSync(join(dir, 'jobkit-logs', 'two', '20260101T000000Z', pod), { recursive: true });
      writeFileSync(join(dir, 'jobkit-logs', 'two', '20260101T000000Z', pod, 'main.log'), `${pod}\n`);
    }
    expect(await jobkit('logs', 'two', '-p')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Found 2 pods, using pod/two-aaaaa\nerror: previous terminated container "main" in pod "two-aaaaa" not found\n',
    });
  });

  test.each([
    ['no JOB', [], /^jobkit: logs needs a JOB name \(jobkit logs JOB \[POD\]\)/],
    ['too many arguments', ['multi', 'a', 'b'], /^jobkit: logs takes JOB and at most one POD, got also b/],
    ['a flag of another command', ['multi', '--json'], /^jobkit: logs does not take --json/],
    ['-c without a value', ['multi', '-c'], /^jobkit: -c needs a value/],
  ])('usage: %s', async (_name, args, message) => {
    const r = await jobkit('logs', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
