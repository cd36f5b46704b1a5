// Errors like the API server's (issue 15): every validation error in kubectl's format with the
// bad value, unknown fields rejected as strict decoding rejects them (--validate=warn|ignore to
// relax), user-written selectors kept and rejected as upstream's generateSelector leaves them,
// and multi-document files reported per Job. Outputs below were checked against upstream
// (k8s.io/kubernetes v1.37.2: strict decoding, PrepareForCreate, Strategy.Validate).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJobkit } from './__tests__/runJobkit.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobkit-errors-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = (name: string, spec: string, podSpec = '', container = ''): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}  template:
    spec:
      restartPolicy: Never
${podSpec}      containers:
      - name: main
        image: busybox
        command: ["true"]
${container}`;

const uid = '00000000-0000-4000-8000-000000000000';

interface Case {
  readonly name: string;
  readonly manifest: string;
  readonly args?: readonly string[];
  readonly code: number;
  readonly stdout: string;
  /** `FILE` stands for the manifest's path. */
  readonly stderr: string;
}

const cases: readonly Case[] = [
  {
    name: 'the issue: completions -1 and restartPolicy Always, both reported',
    manifest: job('bad', '  completions: -1\n').replace('restartPolicy: Never', 'restartPolicy: Always'),
    code: 2,
    stdout: '',
    stderr:
      'The Job "bad" is invalid: \n' +
      '* spec.completions: Invalid value: -1: must be greater than or equal to 0\n' +
      '* spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
  },
  {
    name: 'one error: on the line',
    manifest: job('bad', '  completions: -1\n'),
    code: 2,
    stdout: '',
    stderr: 'The Job "bad" is invalid: spec.completions: Invalid value: -1: must be greater than or equal to 0\n',
  },
  {
    name: 'an unsupported value shows the value and the supported ones',
    manifest: job('bad', '  completionMode: Sometimes\n'),
    code: 2,
    stdout: '',
    stderr: 'The Job "bad" is invalid: spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"\n',
  },
  {
    name: 'unknown fields at any depth: rejected (kubectl --validate=strict, its default)',
    manifest: job('typo', '  completionz: 3\n', '', '        imagePullPolcy: Always\n'),
    code: 2,
    stdout: '',
    stderr:
      'jobkit: FILE: Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.completionz", unknown field "spec.template.spec.containers[0].imagePullPolcy"\n' +
      '  (with --validate=warn unknown fields are only warned about)\n',
  },
  {
    name: '--validate=warn: a warning each, then validated',
    manifest: job('typo', '  completionz: 3\n'),
    args: ['--validate=warn'],
    code: 0,
    stdout: 'job typo: valid\n',
    stderr: 'Warning: unknown field "spec.completionz"\n',
  },
  {
    name: '--validate=ignore: nothing said',
    manifest: job('typo', '  completionz: 3\n'),
    args: ['--validate=ignore'],
    code: 0,
    stdout: 'job typo: valid\n',
    stderr: '',
  },
  {
    name: '--validate=false is ignore (kubectl)',
    manifest: job('typo', '  completionz: 3\n'),
    args: ['--validate=false'],
    code: 0,
    stdout: 'job typo: valid\n',
    stderr: '',
  },
  {
    name: 'maps take any key (labels, resources, nodeSelector)',
    manifest: job('maps', '', '      nodeSelector: {disk: ssd}\n', '        resources: {limits: {cpu: "1", example.com/gpu: 1}}\n').replace(
      'metadata:\n  name: maps',
      'metadata:\n  name: maps\n  labels: {team: a}\n  annotations: {a.b/c: d}',
    ),
    code: 0,
    stdout: 'job maps: valid\n',
    stderr: '',
  },
  {
    name: 'a user-written selector without manualSelector is kept and rejected, not replaced',
    manifest: job('sel', '  selector:\n    matchLabels: {app: sel}\n').replace(
      '  template:\n    spec:',
      '  template:\n    metadata:\n      labels: {app: sel}\n    spec:',
    ),
    code: 2,
    stdout: '',
    stderr: `The Job "sel" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"sel","batch.kubernetes.io/controller-uid":"${uid}"}}: \`selector\` not auto-generated\n`,
  },
  {
    name: 'with manualSelector: true the same selector is fine',
    manifest: job('sel', '  manualSelector: true\n  selector:\n    matchLabels: {app: sel}\n').replace(
      '  template:\n    spec:',
      '  template:\n    metadata:\n      labels: {app: sel}\n    spec:',
    ),
    code: 0,
    stdout: 'job sel: valid\n',
    stderr: '',
  },
  {
    name: 'a re-submitted kubectl get -o json dump with the old uid is rejected as upstream rejects it',
    manifest: JSON.stringify({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', uid: 'old', resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: {
        manualSelector: false,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'old' } },
        template: {
          metadata: {
            labels: { 'batch.kubernetes.io/controller-uid': 'old', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'old', 'job-name': 'pi' },
          },
          spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] },
        },
      },
      status: { active: 1 },
    }),
    code: 2,
    stdout: '',
    stderr:
      'The Job "pi" is invalid: \n' +
      `* spec.template.metadata.labels[controller-uid]: Invalid value: {"batch.kubernetes.io/controller-uid":"old","batch.kubernetes.io/job-name":"pi","controller-uid":"old","job-name":"pi"}: must be '${uid}'\n` +
      `* spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Invalid value: {"batch.kubernetes.io/controller-uid":"old","batch.kubernetes.io/job-name":"pi","controller-uid":"old","job-name":"pi"}: must be '${uid}'\n` +
      '* spec.selector: Invalid value: {"matchLabels":{"batch.kubernetes.io/controller-uid":"old"}}: `selector` not auto-generated\n',
  },
  {
    name: 'several documents: each Job reported, a ConfigMap between them skipped with a note',
    manifest: `${job('first', '')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n---\n${job('second', '  backoffLimit: -1\n')}---\n${job('third', '  completionz: 1\n')}`,
    code: 2,
    stdout: 'job first: valid\n',
    stderr:
      'note: FILE (document 2): ConfigMap "settings" is not a Job, skipped\n' +
      'The Job "second" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0\n' +
      'jobkit: FILE (document 4): Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.completionz"\n' +
      '  (with --validate=warn unknown fields are only warned about)\n',
  },
  {
    name: 'a type error is still a decode error, naming the field',
    manifest: job('bad', '  completions: "3"\n'),
    code: 2,
    stdout: '',
    stderr: 'jobkit: FILE: Job in version "v1" cannot be handled as a Job:\n  spec.completions: expected an integer, got "3" (a string)\n',
  },
  {
    name: 'a file with no Job at all',
    manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n',
    code: 2,
    stdout: '',
    stderr: 'note: FILE: ConfigMap "settings" is not a Job, skipped\njobkit: FILE: no Job in it (1 document of other kinds skipped)\n',
  },
];

describe('jobkit validate reports errors as the API server and kubectl do', () => {
  test.each(cases.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const path = join(dir, `case-${i}.yaml`);
    writeFileSync(path, c.manifest);
    const r = await runJobkit(dir, 'validate', '-f', path, ...(c.args ?? []));
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: c.code, stdout: c.stdout, stderr: c.stderr.replaceAll('FILE', path) });
  });

  test('a bad --validate value is a usage error', async () => {
    const r = await runJobkit(dir, 'validate', '-f', 'x.yaml', '--validate=maybe');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^jobkit: --validate=maybe: must be one of: strict \(or true\), warn, ignore \(or false\)/);
  });

  test.each([
    ['run', ['--logs-dir', 'logs']],
    ['simulate', []],
  ])('%s: unknown fields are rejected the same way (exit 2), warned about with --validate=warn', async (command, extra) => {
    const path = join(dir, `typo-${command}.yaml`);
    writeFileSync(path, job('typo', '  completionz: 3\n'));
    const strict = await runJobkit(dir, command, '-f', path, ...extra);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('strict decoding error: unknown field "spec.completionz"');
    const warn = await runJobkit(dir, command, '-f', path, '--validate=warn', ...extra);
    expect(warn.stderr).toContain('Warning: unknown field "spec.completionz"\n');
    expect(warn.code).toBe(0);
  });

  test('run: a ConfigMap next to the Job is skipped with a note and the Job runs', async () => {
    const path = join(dir, 'run-with-cm.yaml');
    writeFileSync(path, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\n${job('hello', '')}`);
    const r = await runJobkit(dir, 'run', '-f', path, '--logs-dir', 'logs');
    expect(r.stderr).toContain(`note: ${path} (document 1): ConfigMap "settings" is not a Job, skipped\n`);
    expect(r.code).toBe(0);
  });
});
