// kubectl habits: -f FILE|-|DIR, per-command --help with examples, --version, paths from the
// caller's folder.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version } from './cli.js';
import { runJobkit } from './__tests__/runJobkit.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobkit-habits-'));
  mkdirSync(join(dir, 'jobs'));
  writeFileSync(join(dir, 'jobs', 'a.yaml'), job('a'));
  writeFileSync(
    join(dir, 'jobs', 'b.json'),
    JSON.stringify({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'b' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } },
    }),
  );
  writeFileSync(join(dir, 'jobs', 'a.outcomes.yaml'), 'pods:\n  - exitCode: 0\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function job(name: string): string {
  return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: c, image: busybox, command: ["true"] }]\n`;
}

const jobkit = runJobkit;

describe('kubectl habits', () => {
  test.each(['run', 'simulate', 'validate', 'explain'])('%s --help: that command, with examples', async (command) => {
    const r = await jobkit(dir, command, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^jobkit ${command} `));
    expect(r.stdout).toMatch(/\nExamples:\n {2}jobkit |\nExamples:\n {2}kubectl /);
    expect(r.stdout).not.toMatch(/Usage:/);
  });
  test('help COMMAND is COMMAND --help', async () => {
    expect((await jobkit(dir, 'help', 'validate')).stdout).toBe((await jobkit(dir, 'validate', '--help')).stdout);
  });
  test.each([['--version'], ['version']])('%s', async (arg) => {
    const r = await jobkit(dir, arg);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`jobkit ${version} (the Job controller of Kubernetes v1.37.2)\n`);
  });
  test('the version is the cli package version', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(version).toBe(pkg.version);
  });
  test("-f FILE, relative to the caller's folder", async () => {
    const r = await jobkit(join(dir, 'jobs'), 'validate', '-f', 'a.yaml');
    expect(r.stdout).toBe('job a: valid\n');
    expect(r.code).toBe(0);
  });
  test('-f DIR validates every Job manifest of the folder, skipping files without a Job', async () => {
    const r = await jobkit(dir, 'validate', '-f', 'jobs');
    expect(r.stdout).toBe('job a: valid\njob b: valid\n');
    expect(r.stderr).toMatch(/a\.outcomes\.yaml: no Job in it, skipped/);
    expect(r.code).toBe(0);
  });
  test('run and simulate take one file, not a folder', async () => {
    const r = await jobkit(dir, 'simulate', '-f', 'jobs');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/simulate takes one manifest file, not a folder/);
  });
  test('a usage error is one line and a pointer to help, not the whole usage', async () => {
    const r = await jobkit(dir, 'validate', '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("jobkit: unknown flag --bogus\n\nRun 'jobkit help' for usage.\n");
  });
});
