// `jobkit multikueue`: flag errors name the flag and exit 2 before anything connects (the runs on
// real clusters are in packages/cluster/src/multikueue.cluster.test.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runJobkit } from './__tests__/runJobkit.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobkit-mk-'));
fs.writeFileSync(path.join(dir, 'm.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
fs.writeFileSync(path.join(dir, 'w.kubeconfig'), 'apiVersion: v1\nkind: Config\n');

const cases: { name: string; args: string[]; want: RegExp }[] = [
  { name: 'no --managed-by', args: ['--manager', 'm.kubeconfig', '--worker', 'w1=w.kubeconfig'], want: /multikueue needs --managed-by NAME/ },
  {
    name: 'an invalid --managed-by',
    args: ['--managed-by', 'no slash', '--manager', 'm.kubeconfig', '--worker', 'w1=w.kubeconfig'],
    want: /--managed-by: Invalid value/,
  },
  { name: 'no --manager', args: ['--managed-by', 'example.com/mk', '--worker', 'w1=w.kubeconfig'], want: /needs --manager KUBECONFIG/ },
  {
    name: 'a missing manager kubeconfig',
    args: ['--managed-by', 'example.com/mk', '--manager', 'nope', '--worker', 'w1=w.kubeconfig'],
    want: /--manager: nope: no such file/,
  },
  { name: 'no --worker', args: ['--managed-by', 'example.com/mk', '--manager', 'm.kubeconfig'], want: /at least one --worker NAME=KUBECONFIG/ },
  {
    name: 'a worker without a name',
    args: ['--managed-by', 'example.com/mk', '--manager', 'm.kubeconfig', '--worker', 'w.kubeconfig'],
    want: /--worker: Invalid value: "w.kubeconfig": must be NAME=KUBECONFIG/,
  },
  {
    name: 'a worker name that is not a DNS label',
    args: ['--managed-by', 'example.com/mk', '--manager', 'm.kubeconfig', '--worker', 'W_1=w.kubeconfig'],
    want: /--worker: Invalid value: "W_1=w.kubeconfig"/,
  },
  {
    name: 'a missing worker kubeconfig',
    args: ['--managed-by', 'example.com/mk', '--manager', 'm.kubeconfig', '--worker', 'w1=gone'],
    want: /--worker w1: gone: no such file/,
  },
  {
    name: 'a worker given twice',
    args: ['--managed-by', 'example.com/mk', '--manager', 'm.kubeconfig', '--worker', 'w1=w.kubeconfig', '--worker', 'w1=w.kubeconfig'],
    want: /--worker: w1 given twice/,
  },
  {
    name: '--lost-after not a positive integer',
    args: ['--managed-by', 'example.com/mk', '--manager', 'm.kubeconfig', '--worker', 'w1=w.kubeconfig', '--lost-after', '0'],
    want: /--lost-after/,
  },
  { name: 'an argument', args: ['extra', '--managed-by', 'example.com/mk'], want: /multikueue takes no arguments/ },
];

describe('jobkit multikueue: flag errors', () => {
  test.each(cases)('$name', async ({ args, want }) => {
    const r = await runJobkit(dir, 'multikueue', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(want);
  });
  test('--help prints the synopsis', async () => {
    const r = await runJobkit(dir, 'multikueue', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('jobkit multikueue --manager KUBECONFIG --worker NAME=KUBECONFIG');
  });
});
