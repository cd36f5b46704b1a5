// Hostile manifests: alias bombs, deep nesting and prototype keys are bad input (exit 2 with a
// message naming the file or the field), never an internal error (exit 3).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJobkit, type JobkitRun } from './__tests__/runJobkit.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobkit-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const jobkit = (...args: string[]): Promise<JobkitRun> => runJobkit(dir, ...args);

// "Billion laughs": 10^8 strings from a few hundred bytes.
const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
  .concat('bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`))
  .join('\n');

const job = (labels: string): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: hello
  labels: ${labels}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox}]
`;

describe('hostile manifests', () => {
  const cases: readonly [string, () => string[]][] = [
    ['validate', () => ['validate', file('bomb.yaml', aliasBomb)]],
    ['run', () => ['run', file('bomb.yaml', aliasBomb)]],
    ['simulate', () => ['simulate', file('bomb.yaml', aliasBomb)]],
    ['simulate --script', () => ['simulate', file('job.yaml', job('{}')), '--script', file('bomb.yaml', aliasBomb)]],
  ];
  test.each(cases)('an alias bomb for %s: "too many aliases", exit 2', async (_name, args) => {
    const r = await jobkit(...args());
    expect(r.stderr).toMatch(/bomb\.yaml: invalid YAML: too many aliases/);
    expect(r.code).toBe(2);
  });

  test('nesting deep enough to overflow the stack: exit 2', async () => {
    const r = await jobkit('validate', file('deep.yaml', `${'['.repeat(200_000)}${']'.repeat(200_000)}\n`));
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(2);
  });

  test.each([
    ['a __proto__ label key', '{__proto__: x}', /metadata\.labels/],
    ['a __proto__ annotation key', '{}\n  annotations: {__proto__: x}', /metadata\.annotations/],
  ])('%s is invalid, as the API server says', async (_name, labels, field) => {
    const r = await jobkit('validate', file('proto.yaml', job(labels)));
    expect(r.stderr).toMatch(field); // The Job "hello" is invalid: ... on stderr, as kubectl prints it
    expect(r.code).toBe(2);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
