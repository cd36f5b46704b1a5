// The command surface: arguments, manifests and bad input, each with a clear message and the
// right exit status (0 ok, 1 Job failed, 2 bad input, 3 jobkit bug).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from './args.js';
import { defaultController } from '@jobkit/loop';
import { main } from './cli.js';
import { runJobkit, type JobkitRun } from './__tests__/runJobkit.js';
import { loadJob, loadPods, parseDocuments, readJobDocuments, InputError } from './manifest.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobkit-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const jobkit = (...args: string[]): Promise<JobkitRun> => runJobkit(dir, ...args);

const goodJob = `apiVersion: batch/v1
kind: Job
metadata:
  name: hello
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "echo hello from $HOSTNAME"]
`;

describe('parseArgs', () => {
  const values = new Set(['script']);
  const switches = new Set(['json']);
  test('command, positionals, --flag value, --flag=value, switches', () => {
    const a = parseArgs(['simulate', 'job.yaml', '--script', 's.yaml', '--json'], values, switches);
    expect(a.command).toBe('simulate');
    expect(a.positionals).toEqual(['job.yaml']);
    expect(a.flags.get('script')).toBe('s.yaml');
    expect(a.flags.get('json')).toBe(true);
    expect(parseArgs(['x', '--script=a.yaml'], values, switches).flags.get('script')).toBe('a.yaml');
  });
  test('a flag with an optional value: bare is true, only --flag=value takes one', () => {
    const optional = new Set(['validate']);
    expect(parseArgs(['validate', '--validate', 'job.yaml'], values, switches, optional)).toMatchObject({
      positionals: ['job.yaml'],
      flags: new Map([['validate', true]]),
    });
    expect(parseArgs(['validate', '--validate=warn'], values, switches, optional).flags.get('validate')).toBe('warn');
  });
  const bad: [string, string[], RegExp][] = [
    ['unknown flag', ['run', '--nope'], /unknown flag --nope/],
    ['missing value', ['run', '--script'], /--script needs a value/],
    ['value on a switch', ['run', '--json=1'], /--json takes no value/],
  ];
  test.each(bad)('%s', (_n, argv, message) => {
    expect(() => parseArgs(argv, values, switches)).toThrow(UsageError);
    expect(() => parseArgs(argv, values, switches)).toThrow(message);
  });
});

describe('manifests', () => {
  test('several YAML documents, empty ones skipped', () => {
    expect(parseDocuments('a: 1\n---\n---\nb: 2\n', 'x')).toEqual([{ a: 1 }, { b: 2 }]);
  });
  test('JSON is YAML', () => {
    expect(parseDocuments('{"kind": "Job"}', 'x')).toEqual([{ kind: 'Job' }]);
  });
  test('invalid YAML names the file and the line', () => {
    expect(() => parseDocuments('a: [1, 2\nb: 3\n', 'bad.yaml')).toThrow(/bad\.yaml: invalid YAML \(line \d+, column \d+\)/);
  });
  test('several Jobs need --name', () => {
    const path = file('two.yaml', `${goodJob}---\n${goodJob.replace('name: hello', 'name: other')}`);
    expect(() => loadJob(path)).toThrow(/holds 2 Jobs \(hello, other\); pick one with --name/);
    expect(loadJob(path, 'other').metadata.name).toBe('other');
    expect(() => loadJob(path, 'missing')).toThrow(/no Job named missing/);
  });
  test('a file holding no Job', () => {
    expect(() => loadJob(file('pod.yaml', 'kind: Pod\nmetadata: {name: p}\n'))).toThrow(/pod\.yaml: no Job in it \(1 document of other kinds skipped\)/);
  });
  test('documents of other kinds are skipped with a note', () => {
    const notes: string[] = [];
    const path = file('with-cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\n${goodJob}`);
    expect(loadJob(path, undefined, { warn: (l) => notes.push(l) }).metadata.name).toBe('hello');
    expect(notes).toEqual([`note: ${path} (document 1): ConfigMap "settings" is not a Job, skipped`]);
  });
  test('the items of a List are documents too', () => {
    const path = file(
      'list.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { kind: 'Secret', metadata: { name: 's' } },
          { kind: 'Job', metadata: { name: 'j' } },
        ],
      }),
    );
    expect(readJobDocuments(path).map((d) => `${d.kind} ${d.where}`)).toEqual([`Skipped ${path} (item 1)`, `Job ${path} (item 2)`]);
  });
  test('a Job that does not decode lists field errors', () => {
    try {
      loadJob(file('neg.yaml', goodJob.replace('backoffLimit: 0', 'backoffLimit: many')));
      throw new Error('expected an InputError');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).details.join('\n')).toMatch(/spec\.backoffLimit/);
    }
  });
  test('PodList, List and single pods', () => {
    const list = file(
      'pods.json',
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Pod', metadata: { name: 'a' } }, { metadata: { name: 'b' } }] }),
    );
    expect(loadPods(list).map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });
});

describe('jobkit', () => {
  test('no command: usage on stderr, exit 2', async () => {
    const r = await jobkit();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage:/);
  });
  test.each([['--help'], ['help'], ['run', '--help']])('%s: usage on stdout, exit 0', async (...args) => {
    const r = await jobkit(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/jobkit run -f JOB\.yaml/);
  });
  test('unknown command: usage, exit 2', async () => {
    const r = await jobkit('frobnicate', 'x.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    expect(r.stderr).toMatch(/Usage:/);
  });
  test('a flag another command takes', async () => {
    const r = await jobkit('validate', 'x.yaml', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/validate does not take --json/);
  });
  test('missing file: clear message, exit 2', async () => {
    const r = await jobkit('validate', join(dir, 'nope.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: no such file/);
  });
  test('a directory: clear message, exit 2', async () => {
    mkdirSync(join(dir, 'adir'), { recursive: true });
    const r = await jobkit('run', join(dir, 'adir'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/run takes one manifest file, not a folder/);
  });
  test('invalid YAML: exit 2', async () => {
    const r = await jobkit('simulate', file('broken.yaml', 'spec: [\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml: invalid YAML/);
  });
  test('validate: a good Job, exit 0', async () => {
    const r = await jobkit('validate', file('good.yaml', goodJob));
    expect(r.stdout).toMatch(/job hello: valid/);
    expect(r.code).toBe(0);
  });
  test('validate: field errors with paths, exit 2', async () => {
    const bad = goodJob.replace('restartPolicy: Never', 'restartPolicy: Always');
    const r = await jobkit('validate', file('bad.yaml', bad));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('The Job "hello" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n');
    const indexed = await jobkit(
      'validate',
      file('bad2.yaml', goodJob.replace('backoffLimit: 0', 'backoffLimit: 0\n  completionMode: Indexed\n  parallelism: 2')),
    );
    expect(indexed.code).toBe(2);
    expect(indexed.stderr).toMatch(/spec\.completions: Required value/);
  });
  test.each(['run', 'simulate'])('%s refuses an invalid Job as kubectl prints it, exit 2, and runs nothing', async (command) => {
    const r = await jobkit(
      command,
      file(`bad-${command}.yaml`, goodJob.replace('restartPolicy: Never', 'restartPolicy: Always')),
      ...(command === 'run' ? ['--logs-dir', join(dir, 'logs')] : []),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('The Job "hello" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n');
    expect(r.stdout).toBe('');
  });
  test('simulate: a bad script names the field, exit 2', async () => {
    const r = await jobkit('simulate', file('job.yaml', goodJob), '--script', file('s.yaml', 'default: { exitCode: -4 }\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/default\.exitCode: must be an integer from 0 to 255/);
  });
  test('run: command not found fails the Job with a clear message, exit 1', async () => {
    const job = goodJob.replace('command: ["sh", "-c", "echo hello from $HOSTNAME"]', 'command: ["no-such-command-jobkit"]');
    const r = await jobkit('run', file('nocmd.yaml', job), '--logs-dir', join(dir, 'logs'));
    expect(r.stderr).toMatch(/exec: "no-such-command-jobkit": executable file not found in \$PATH/);
    expect(r.stderr).toMatch(/Job hello failed: BackoffLimitExceeded/);
    expect(r.code).toBe(1);
  });
  test('run: a container without command is a StartError naming the cause', async () => {
    const job = goodJob.replace('        command: ["sh", "-c", "echo hello from $HOSTNAME"]\n', '');
    const r = await jobkit('run', file('noentry.yaml', job), '--logs-dir', join(dir, 'logs'));
    expect(r.stderr).toMatch(/has no command: images are not pulled/);
    expect(r.code).toBe(1);
  });
  test('run: output and --logs', async () => {
    const r = await jobkit('run', file('hello.yaml', goodJob), '--logs', '--logs-dir', join(dir, 'logs'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hello from hello-[a-z0-9]{5}/);
    expect(r.stdout).toMatch(/==> logs\/hello\/\d{8}T\d{6}Z(-\d+)?\/hello-[a-z0-9]{5}\/main\.log <==/);
  });
  test('explain: one pass over cluster objects', async () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', uid: 'job-uid' },
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
    const pods = {
      apiVersion: 'v1',
      kind: 'PodList',
      items: [
        {
          metadata: {
            name: 'pi-abcde',
            namespace: 'default',
            uid: 'pod-1',
            finalizers: ['batch.kubernetes.io/job-tracking'],
            labels: { 'batch.kubernetes.io/controller-uid': 'job-uid' },
            ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'job-uid', controller: true }],
          },
          spec: { restartPolicy: 'Never', containers: [{ name: 'pi' }] },
          status: { phase: 'Failed', containerStatuses: [{ name: 'pi', state: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:00:05Z' } } }] },
        },
        { metadata: { name: 'stranger', uid: 'x', labels: { app: 'other' } }, status: { phase: 'Running' } },
      ],
    };
    const r = await jobkit(
      'explain',
      '--job',
      file('job.json', JSON.stringify(job)),
      '--pods',
      file('pods.json', JSON.stringify(pods)),
      '--now',
      '2026-01-01T00:00:10Z',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Pods: 1 of this Job, 1 ignored/);
    expect(r.stdout).toMatch(/pi-abcde +- +Failed +failed +new: not yet counted +exit 1/);
    expect(r.stdout).toMatch(/remove the tracking finalizer from pi-abcde/);
    expect(r.stdout).toMatch(/BackoffLimitExceeded/);
    expect(r.stdout).toMatch(/why FailureTarget: backoffLimit exceeded/);
  });
  test('simulate: a Job managed by another controller never starts, exit 1 with the reason', async () => {
    const r = await jobkit('simulate', file('managed.yaml', goodJob.replace('backoffLimit: 0', 'backoffLimit: 0\n  managedBy: example.com/other')));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/spec\.managedBy is example\.com\/other/);
  });
  test('simulate: a suspended Job without resumeAt stays suspended, exit 0', async () => {
    const r = await jobkit('simulate', file('susp.yaml', goodJob.replace('backoffLimit: 0', 'backoffLimit: 0\n  suspend: true')));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Job hello is suspended/);
    expect(r.stdout).toMatch(/Suspended +True +JobSuspended/);
  });
  test.each(['run', 'simulate'])('%s: a status write the API server would reject is a jobkit bug, exit 3', async (command) => {
    const controller = {
      ...defaultController,
      validateJobStatusUpdate: () => [{ type: 'FieldValueInvalid' as const, field: 'status.active', detail: 'stand-in rejection' }],
    };
    let stdout = '';
    let stderr = '';
    const code = await main(
      [command, file(`v-${command}.yaml`, goodJob), ...(command === 'run' ? ['--logs-dir', join(dir, 'logs')] : [])],
      {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t) },
        cwd: dir,
        env: process.env,
      },
      controller,
    );
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /warning: jobkit bug: the API server would reject the status written in sync #1:\n {2}status\.active: Invalid value: stand-in rejection/,
    );
    void stdout;
  });
  test('explain: back-off rebuilt from counted pods delays the replacement; --fresh-controller does not', async () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', uid: 'J' },
      spec: {
        parallelism: 1,
        completions: 1,
        backoffLimit: 4,
        completionMode: 'NonIndexed',
        podReplacementPolicy: 'TerminatingOrFailed',
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'J' } },
        template: {
          metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'J' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] },
        },
      },
      status: { startTime: '2026-01-01T00:00:00Z', failed: 2, active: 0 },
    };
    const pod = (name: string, finishedAt: string) => ({
      metadata: {
        name,
        uid: name,
        labels: { 'batch.kubernetes.io/controller-uid': 'J' },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'J', controller: true }],
      },
      status: { phase: 'Failed', containerStatuses: [{ name: 'pi', state: { terminated: { exitCode: 255, finishedAt } } }] },
    });
    const jobFile = file('bj.json', JSON.stringify(job));
    const podsFile = file('bp.json', JSON.stringify({ kind: 'PodList', items: [pod('pi-a', '2026-01-01T00:00:05Z'), pod('pi-b', '2026-01-01T00:00:20Z')] }));
    const remembered = await jobkit('explain', '--job', jobFile, '--pods', podsFile, '--now', '2026-01-01T00:00:25Z');
    expect(remembered.stdout).toMatch(/rebuilt from 2 counted failure\(s\).*15s of pod-recreation back-off left/);
    expect(remembered.stdout).toMatch(/requeue after 15s/);
    expect(remembered.stdout).not.toMatch(/create pod/);
    const fresh = await jobkit('explain', '--job', jobFile, '--pods', podsFile, '--now', '2026-01-01T00:00:25Z', '--fresh-controller');
    expect(fresh.stdout).toMatch(/create pod pi-\*/);
  });
  test('explain without --job: exit 2', async () => {
    const r = await jobkit('explain');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/explain needs --job/);
  });
  test('explain: a bad --now, exit 2', async () => {
    const r = await jobkit('explain', '--job', file('j2.yaml', goodJob), '--now', 'yesterday');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--now yesterday: expected an RFC 3339 time/);
  });
});
