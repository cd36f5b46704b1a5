// `startMultiKueue` end to end on real API servers: the manager is the test cluster (its Jobs carry
// the manager's managedBy, so no controller there runs them); two workers are clusters of
// tools/kube of their own with kube-controller-manager's job-controller and a test kubelet each.
// Dispatch → Complete mirrored; suspend and resume copied; the manager restarted mid-run; the worker of an Indexed Job stopped
// mid-run → the Job dispatched to the other worker, completed indexes spanning both; over it
// all, no status write refused by the manager's API server.
import type { Job } from '@jobkit/api';
import { MirrorRecordAnnotation } from '@jobkit/multikueue';
import {
  clusterFromEnv,
  connect,
  createNamespace,
  eventually,
  expectStatus,
  jobsPath,
  startTestKubelet,
  type Kube,
  type OutcomeScript,
  type TestKubelet,
} from '@jobkit/testcluster';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { startMultiKueue, type MultiKueueHandle, type MultiKueueOptions } from './multikueue.js';

const manager = clusterFromEnv('jobkit-multikueue-e2e');
const run = manager !== undefined && process.env['KUBECONFIG'] !== undefined ? describe : describe.skip;
const root = path.resolve(__dirname, '..', '..', '..');
const kubeTool = path.join(root, 'tools', 'kube', 'kube.mjs');
const ManagedBy = 'jobkit.io/multikueue-e2e';

const manifest = (name: string, spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { managedBy: ManagedBy, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } }, ...spec },
});
const isTrue = (j: Job, type: string): boolean => (j.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
const workerOf = (j: Job): string | undefined => {
  const raw = j.metadata.annotations?.[MirrorRecordAnnotation];
  return raw === undefined ? undefined : (JSON.parse(raw) as { cluster?: string }).cluster;
};

run('jobkit multikueue: a manager and two workers on real API servers', () => {
  const names = [`mkw1-${process.pid}`, `mkw2-${process.pid}`];
  const workers: { name: string; kubeconfig: string; k: Kube }[] = [];
  let ns = '';
  let mk: MultiKueueHandle;
  const kubelets = new Map<string, TestKubelet>();
  // The pods' outcome on the workers, set per test.
  let outcome: OutcomeScript = () => ({ result: 'Running' });
  const k = manager as Kube;
  const mkOptions = (): MultiKueueOptions => ({
    manager: process.env['KUBECONFIG']!,
    workers: workers.map((w) => ({ name: w.name, kubeconfig: w.kubeconfig })),
    managedBy: ManagedBy,
    namespace: ns,
    periodMs: 300,
    lostAfterMs: 4000,
    log: () => undefined,
  });
  const getLocal = async (name: string): Promise<Job> => expectStatus(await k.get<Job>(jobsPath(ns, name)), `get ${name}`);

  beforeAll(async () => {
    for (const [i, name] of names.entries()) {
      const out = execFileSync(process.execPath, [kubeTool, 'up', '--name', name, '--with-controller-manager'], { encoding: 'utf8' });
      const kubeconfig = out.trim().split('\n').at(-1)!.slice('KUBECONFIG='.length);
      workers.push({ name: `w${i + 1}`, kubeconfig, k: connect(kubeconfig, 'jobkit-multikueue-e2e') });
    }
    ns = await createNamespace(k, 'multikueue');
    for (const w of workers) {
      // The manager creates the namespace on the worker on first dispatch; the kubelet polls it.
      kubelets.set(w.name, startTestKubelet(w.k, { namespace: ns, pollMs: 150, outcome: (key) => outcome(key) }));
    }
    mk = await startMultiKueue(mkOptions());
    await mk.ready;
  }, 120_000);

  afterAll(async () => {
    await mk?.stop();
    for (const kl of kubelets.values()) await kl.stop();
    for (const name of names) execFileSync(process.execPath, [kubeTool, 'down', '--name', name], { stdio: 'ignore' });
  }, 120_000);

  test('dispatch: the Job runs on a worker, Complete is mirrored, the copy is deleted', async () => {
    outcome = () => ({ result: 'Succeeded', runMs: 200 });
    expectStatus(await k.post(jobsPath(ns), manifest('pi', { completions: 2, parallelism: 1 })), 'create pi');
    const done = await eventually('pi Complete on the manager', async () => {
      const j = await getLocal('pi');
      return isTrue(j, 'Complete') ? j : undefined;
    });
    expect(done.status?.succeeded).toBe(2);
    expect(done.status?.startTime).toBeDefined();
    expect(done.status?.completionTime).toBeDefined();
    const w = workers.find((x) => x.name === workerOf(done))!;
    expect(w).toBeDefined();
    await eventually('the finished copy deleted', async () => ((await w.k.get(jobsPath(ns, 'pi'))).status === 404 ? true : undefined));
    expect(mk.rejected).toEqual([]);
  }, 90_000);

  test('suspend and resume are copied to the remote', async () => {
    let release = false;
    outcome = () => (release ? { result: 'Succeeded' } : { result: 'Running' });
    expectStatus(await k.post(jobsPath(ns), manifest('sus', { completions: 1, parallelism: 1 })), 'create sus');
    const running = await eventually('sus active on the manager', async () => {
      const j = await getLocal('sus');
      return (j.status?.active ?? 0) === 1 ? j : undefined;
    });
    const w = workers.find((x) => x.name === workerOf(running))!;
    expectStatus(await k.patch(jobsPath(ns, 'sus'), { spec: { suspend: true } }, 'merge'), 'suspend');
    await eventually('the copy suspended, the manager Job Suspended with nothing active', async () => {
      const [l, r] = [await getLocal('sus'), expectStatus(await w.k.get<Job>(jobsPath(ns, 'sus')), 'remote')];
      return r.spec.suspend === true && isTrue(l, 'Suspended') && (l.status?.active ?? 0) === 0 && l.status?.startTime === undefined ? true : undefined;
    });
    release = true;
    expectStatus(await k.patch(jobsPath(ns, 'sus'), { spec: { suspend: false } }, 'merge'), 'resume');
    const done = await eventually('sus Complete after resume', async () => {
      const j = await getLocal('sus');
      return isTrue(j, 'Complete') ? j : undefined;
    });
    expect(done.status?.succeeded).toBe(1);
    expect(mk.rejected).toEqual([]);
  }, 90_000);

  test('the manager restarted mid-run: the record on the Job keeps counters from being added twice', async () => {
    let n = 0;
    // One pod at a time; each finishes after the previous one was mirrored.
    outcome = () => ({ result: 'Succeeded', runMs: 300 });
    expectStatus(await k.post(jobsPath(ns), manifest('restart', { completions: 3, parallelism: 1 })), 'create restart');
    await eventually('one success mirrored', async () => ((await getLocal('restart')).status?.succeeded ?? 0) >= 1 || undefined);
    await mk.stop();
    mk = await startMultiKueue(mkOptions());
    await mk.ready;
    const done = await eventually('restart Complete', async () => {
      const j = await getLocal('restart');
      n = Math.max(n, j.status?.succeeded ?? 0);
      return isTrue(j, 'Complete') ? j : undefined;
    });
    expect(done.status?.succeeded).toBe(3);
    expect(n).toBe(3);
    expect(JSON.parse(done.metadata.annotations![MirrorRecordAnnotation]!)).toMatchObject({ dispatches: 1 });
    expect(mk.rejected).toEqual([]);
  }, 90_000);

  test('its worker stopped mid-run: the Indexed Job is dispatched again, completed indexes span both workers', async () => {
    let second = false;
    // First worker: indexes 0 and 1 succeed, 2 and 3 keep running; then every pod succeeds.
    outcome = (key) => (second || (key.index ?? 0) < 2 ? { result: 'Succeeded', runMs: 100 } : { result: 'Running' });
    expectStatus(await k.post(jobsPath(ns), manifest('idx', { completions: 4, parallelism: 4, completionMode: 'Indexed' })), 'create idx');
    const partial = await eventually('indexes 0-1 mirrored', async () => {
      const j = await getLocal('idx');
      return j.status?.completedIndexes === '0,1' || j.status?.completedIndexes === '0-1' ? j : undefined;
    });
    const first = workers.find((x) => x.name === workerOf(partial))!;
    const other = workers.find((x) => x !== first)!;
    await kubelets.get(first.name)!.stop();
    kubelets.delete(first.name);
    execFileSync(process.execPath, [kubeTool, 'down', '--name', names[workers.indexOf(first)]!], { stdio: 'ignore' });
    second = true;
    const done = await eventually(
      'idx Complete from the second worker',
      async () => {
        const j = await getLocal('idx');
        return isTrue(j, 'Complete') ? j : undefined;
      },
      90_000,
    );
    expect(workerOf(done)).toBe(other.name);
    expect(done.status?.completedIndexes).toBe('0-3');
    expect(done.status?.succeeded).toBe(4);
    expect(mk.rejected).toEqual([]);
    expect(mk.writes()).toBeGreaterThan(0);
  }, 150_000);
});
