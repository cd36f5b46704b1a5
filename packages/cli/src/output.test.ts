// -o json|yaml|name|wide on simulate, run and explain, spelled as kubectl takes it; --json as
// -o json; kubectl's message for a format no printer serves.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseArgs } from './args.js';
import { runJobkit, type JobkitRun } from './__tests__/runJobkit.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobkit-output-'));
  writeFileSync(join(dir, 'job.yaml'), job('hello', 'echo hello'));
  writeFileSync(join(dir, 'fails.yaml'), job('fails', 'exit 3'));
  writeFileSync(join(dir, 'fails.outcomes.yaml'), 'default: { exitCode: 3 }\n');
  writeFileSync(join(dir, 'pi.json'), JSON.stringify(clusterJob));
  writeFileSync(join(dir, 'pods.json'), JSON.stringify(clusterPods));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function job(name: string, script: string): string {
  return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: main, image: busybox, command: ["sh", "-c", "${script}"] }]\n`;
}

// A Job and its failed pod as `kubectl get -o json` gives them: the pass fails the Job.
const clusterJob = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default', uid: 'job-uid', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: {
    parallelism: 1,
    completions: 1,
    backoffLimit: 0,
    completionMode: 'NonIndexed',
    podReplacementPolicy: 'TerminatingOrFailed',
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-uid' } },
    template: {
      metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'job-uid' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] },
    },
  },
  status: { startTime: '2026-01-01T00:00:00Z', active: 1 },
};
const clusterPods = {
  kind: 'PodList',
  items: [
    {
      metadata: {
        name: 'pi-abcde',
        uid: 'pod-1',
        finalizers: ['batch.kubernetes.io/job-tracking'],
        labels: { 'batch.kubernetes.io/controller-uid': 'job-uid' },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'job-uid', controller: true }],
      },
      status: { phase: 'Failed', containerStatuses: [{ name: 'pi', state: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:00:05Z' } } }] },
    },
  ],
};

const jobkit = (...args: string[]): Promise<JobkitRun> => runJobkit(dir, ...args);
const explain = (...args: string[]) => jobkit('explain', '--job', 'pi.json', '--pods', 'pods.json', '--now', '2026-01-01T00:00:10Z', ...args);

describe('-o spellings (pflag)', () => {
  const values = new Set(['output', 'filename']);
  test.each([
    ['-o FORMAT', ['simulate', '-o', 'yaml']],
    ['-o=FORMAT', ['simulate', '-o=yaml']],
    ['-oFORMAT', ['simulate', '-oyaml']],
    ['--output FORMAT', ['simulate', '--output', 'yaml']],
    ['--output=FORMAT', ['simulate', '--output=yaml']],
  ])('%s', (_name, argv) => expect(parseArgs(argv, values, new Set()).flags.get('output')).toBe('yaml'));
  test('-f=FILE and -fFILE too', () => {
    expect(parseArgs(['validate', '-f=a.yaml'], values, new Set()).flags.get('filename')).toBe('a.yaml');
    expect(parseArgs(['validate', '-fa.yaml'], values, new Set()).flags.get('filename')).toBe('a.yaml');
  });
});

describe('an -o no printer serves', () => {
  const message = 'error: unable to match a printer suitable for the output format "xml", allowed formats are: json,name,wide,yaml\n';
  test.each([
    ['simulate', ['simulate', 'job.yaml', '-o', 'xml']],
    ['run (nothing runs)', ['run', 'job.yaml', '--output=xml']],
    ['explain', ['explain', '--job', 'pi.json', '-oxml']],
  ])("%s: kubectl's message, exit 2", async (_name, argv) => {
    const r = await jobkit(...argv);
    expect(r).toEqual({ code: 2, stdout: '', stderr: message });
  });
  test('--json with another -o', async () => {
    const r = await jobkit('simulate', 'job.yaml', '--json', '-o', 'yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--json is -o json; it cannot go with -o yaml/);
  });
  test('a command that prints no object', async () => {
    const r = await jobkit('validate', 'job.yaml', '-o', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/validate does not take --output/);
  });
});

describe('simulate -o', () => {
  test('--json is -o json', async () => {
    const [a, b] = await Promise.all([jobkit('simulate', 'job.yaml', '--json'), jobkit('simulate', 'job.yaml', '-o', 'json')]);
    expect(a).toEqual(b);
    expect(JSON.parse(a.stdout)).toMatchObject({ outcome: { kind: 'Complete' }, exitCode: 0, job: { apiVersion: 'batch/v1', kind: 'Job' } });
  });
  test('yaml is the same document', async () => {
    const [json, yaml] = await Promise.all([jobkit('simulate', 'job.yaml', '-o', 'json'), jobkit('simulate', 'job.yaml', '-o', 'yaml')]);
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });
  test('name: job.batch/NAME alone', async () => {
    expect(await jobkit('simulate', 'job.yaml', '-o', 'name')).toEqual({ code: 0, stdout: 'job.batch/hello\n', stderr: '' });
  });
  test('wide: the kubectl get jobs -o wide row', async () => {
    const r = await jobkit('simulate', 'job.yaml', '-o', 'wide');
    const [header, row, end] = r.stdout.split('\n');
    expect(header).toMatch(/^NAME +STATUS +COMPLETIONS +DURATION +AGE +CONTAINERS +IMAGES +SELECTOR$/);
    expect(row).toMatch(/^hello +Complete +1\/1 +\d+s +\d+s +main +busybox +batch\.kubernetes\.io\/controller-uid=[0-9a-f-]+$/);
    expect(end).toBe('');
  });
  test('a failed Job: the output on stdout, why on stderr, exit 1', async () => {
    const r = await jobkit('simulate', 'fails.yaml', '--script', 'fails.outcomes.yaml', '-o', 'name');
    expect(r).toEqual({ code: 1, stdout: 'job.batch/fails\n', stderr: expect.stringMatching(/^Job fails failed: BackoffLimitExceeded/) });
  });
});

describe('explain -o', () => {
  test('json: the pass as data', async () => {
    const r = await explain('-o', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.job).toEqual({ namespace: 'default', name: 'pi', uid: 'job-uid' });
    expect(doc.now).toBe('2026-01-01T00:00:10.000Z');
    expect(doc.explanation.pods).toEqual([expect.objectContaining({ name: 'pi-abcde', class: 'failed', tracking: 'new' })]);
    expect(doc.actions.map((a: { type: string }) => a.type)).toContain('UpdateJobStatus');
    expect(doc.status.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'FailureTarget', reason: 'BackoffLimitExceeded' })]));
    expect(doc.statusChanges).toEqual(expect.arrayContaining([expect.stringMatching(/^condition FailureTarget=True/)]));
  });
  test('yaml is the same document', async () => {
    const [json, yaml] = await Promise.all([explain('-o', 'json'), explain('-o', 'yaml')]);
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });
  test('name', async () => expect((await explain('-o', 'name')).stdout).toBe('job.batch/pi\n'));
  test('wide: the Job with the status the pass writes, at --now', async () => {
    const [, row] = (await explain('-o', 'wide')).stdout.split('\n');
    expect(row).toMatch(/^pi +Failed +0\/1 +10s +10s +pi +perl +batch\.kubernetes\.io\/controller-uid=job-uid$/);
  });
});

describe('run -o', () => {
  test('yaml: the report, no progress on stdout', async () => {
    const r = await jobkit('run', 'job.yaml', '--logs-dir', 'logs', '-o', 'yaml');
    expect(r.code).toBe(0);
    const doc = parseYaml(r.stdout);
    expect(doc).toMatchObject({ outcome: { kind: 'Complete' }, exitCode: 0, job: { kind: 'Job', status: { succeeded: 1 } } });
    expect(Object.keys(doc.logs)).toHaveLength(1);
  });
  test('name', async () => {
    const r = await jobkit('run', 'job.yaml', '--logs-dir', 'logs', '-o', 'name');
    expect(r.stdout).toBe('job.batch/hello\n');
    expect(r.code).toBe(0);
  });
});

test.each(['run', 'simulate', 'explain'])('%s --help shows -o', async (command) => {
  const r = await jobkit(command, '--help');
  expect(r.stdout).toMatch(/\[-o json\|yaml\|name\|wide\]/);
  expect(r.stdout).toMatch(/^ {2}jobkit .* -o (json|wide|yaml)/m);
});
