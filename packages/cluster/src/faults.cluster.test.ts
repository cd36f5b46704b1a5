// `jobkit controller` under faults on a real API server: SIGKILLed at random points and restarted,
// killed right after a counted failure (the pod-recreation backoff must survive: upstream loses
// it, kubernetes#114650), the API server restarted mid-run, two replicas under leader election,
// and a ServiceAccount bound to manifests/clusterrole.yaml (the permissions it needs suffice).
import type { Job, Pod } from '@jobkit/api';
import {
  clusterFromEnv,
  createNamespace,
  deleteNamespace,
  eventually,
  expectStatus,
  jobsPath,
  podsPath,
  startTestKubelet,
  type Kube,
  type OutcomeScript,
  type TestKubelet,
} from '@jobkit/testcluster';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { killAll, startControllerProcess, type ControllerProcess } from './__tests__/controllerProcess.js';

const kube = clusterFromEnv('jobkit-faults-test');
const kubeconfig = process.env['KUBECONFIG'] ?? '';
const run = kube !== undefined ? describe : describe.skip;
const root = path.resolve(__dirname, '..', '..', '..');
// A cluster of tools/kube (.kube/NAME/kubeconfig) can have its API server restarted.
const kubeName = path.resolve(path.dirname(kubeconfig), '..') === path.join(root, '.kube') ? path.basename(path.dirname(kubeconfig)) : undefined;

const manifest = (name: string, managedBy: string, spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { managedBy, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } }, ...spec },
});
const isTrue = (j: Job, type: string): boolean => (j.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
const counts = (j: Job): { succeeded: number; failed: number } => ({ succeeded: j.status?.succeeded ?? 0, failed: j.status?.failed ?? 0 });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Env {
  readonly k: Kube;
  readonly ns: string;
  readonly kubelet: TestKubelet;
}
async function withNamespace(prefix: string, outcome: OutcomeScript, body: (env: Env) => Promise<void>): Promise<void> {
  const k = kube as Kube;
  const ns = await createNamespace(k, prefix);
  const kubelet = startTestKubelet(k, { namespace: ns, outcome });
  try {
    await body({ k, ns, kubelet });
  } finally {
    await kubelet.stop();
    await deleteNamespace(k, ns);
  }
}
const getJob = async (env: Env, name: string): Promise<Job> => expectStatus(await env.k.get<Job>(jobsPath(env.ns, name)), `get Job ${name}`);
const finished = (env: Env, name: string, ms = 120_000): Promise<Job> =>
  eventually(
    `${name} finished`,
    async () => {
      const j = await getJob(env, name);
      return isTrue(j, 'Complete') || isTrue(j, 'Failed') ? j : undefined;
    },
    ms,
  );
const podsOf = async (env: Env, name: string): Promise<Pod[]> =>
  expectStatus(await env.k.get<{ items: Pod[] }>(`${podsPath(env.ns)}?labelSelector=batch.kubernetes.io/job-name%3D${name}`), 'list pods').items;
const started = async (c: ControllerProcess): Promise<void> => {
  await Promise.race([c.started, c.exited.then(() => Promise.reject(new Error(`controller exited:\n${c.text()}`)))]);
};
const refusedWrites = (cs: readonly ControllerProcess[]): unknown[] =>
  cs.flatMap((c) => c.logs.filter((l) => l.msg === 'status write refused' && l['code'] !== 409));

/** A small deterministic generator (mulberry32), so a failing kill schedule can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

run('jobkit controller under faults', () => {
  const seed = Number(process.env['JOBKIT_CLUSTER_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  afterAll(killAll);

  test(`SIGKILLed at random points and restarted: the end state of an uninterrupted run (seed ${seed})`, async () => {
    const managedBy = 'jobkit.io/kill-test';
    const random = rng(seed);
    const all: ControllerProcess[] = [];
    await withNamespace(
      'kill',
      () => ({ result: 'Succeeded', runMs: 500 }),
      async (env) => {
        const ns = ['--namespace', env.ns];
        let c = startControllerProcess(kubeconfig, managedBy, ns);
        all.push(c);
        await started(c);
        expectStatus(await env.k.post(jobsPath(env.ns), manifest('kill', managedBy, { completions: 8, parallelism: 2 })), 'create Job');
        for (let i = 0; i < 4; i++) {
          await sleep(200 + Math.floor(random() * 1500));
          await c.kill();
          c = startControllerProcess(kubeconfig, managedBy, ns);
          all.push(c);
          await started(c);
        }
        const j = await finished(env, 'kill');
        expect(isTrue(j, 'Complete')).toBe(true);
        expect(counts(j)).toEqual({ succeeded: 8, failed: 0 });
        const pods = await podsOf(env, 'kill');
        expect(pods.map((p) => `${p.metadata.name} ${p.status?.phase} ${p.metadata.deletionTimestamp ?? ''}`)).toHaveLength(8);
        expect(pods.flatMap((p) => p.metadata.finalizers ?? [])).toEqual([]);
        expect(await c.stop()).toBe(0);
      },
    );
    expect(refusedWrites(all)).toEqual([]);
  });

  test('killed after a counted failure: the restarted controller keeps the pod-recreation backoff', async () => {
    const managedBy = 'jobkit.io/backoff-test';
    await withNamespace(
      'backoff',
      () => ({ result: 'Failed', exitCode: 1, runMs: 100 }),
      async (env) => {
        const ns = ['--namespace', env.ns];
        const first = startControllerProcess(kubeconfig, managedBy, ns);
        await started(first);
        expectStatus(await env.k.post(jobsPath(env.ns), manifest('backoff', managedBy, { backoffLimit: 1 })), 'create Job');
        await eventually('first failure counted', async () => (counts(await getJob(env, 'backoff')).failed === 1 ? true : undefined));
        await first.kill();
        const second = startControllerProcess(kubeconfig, managedBy, ns);
        await started(second);
        const j = await finished(env, 'backoff');
        expect(counts(j)).toEqual({ succeeded: 0, failed: 2 });
        const pods = (await podsOf(env, 'backoff')).sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
        expect(pods).toHaveLength(2);
        const failedAt = Date.parse(pods[0]!.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt ?? '');
        // 10 s after the failure (1 s timestamp precision), though the controller restarted in between.
        expect(Date.parse(pods[1]!.metadata.creationTimestamp!) - failedAt).toBeGreaterThanOrEqual(9_000);
        expect(await second.stop()).toBe(0);
        expect(refusedWrites([first, second])).toEqual([]);
      },
    );
  });

  (kubeName !== undefined ? test : test.skip)('the API server restarts mid-run: the controller reconnects and finishes', async () => {
    const managedBy = 'jobkit.io/restart-test';
    await withNamespace(
      'restart',
      () => ({ result: 'Succeeded', runMs: 1500 }),
      async (env) => {
        const c = startControllerProcess(kubeconfig, managedBy, ['--namespace', env.ns]);
        await started(c);
        expectStatus(await env.k.post(jobsPath(env.ns), manifest('restart', managedBy, { completions: 4, parallelism: 2 })), 'create Job');
        await eventually('first pods', async () => ((await podsOf(env, 'restart')).length > 0 ? true : undefined));
        execFileSync(process.execPath, [path.join(root, 'tools', 'kube', 'kube.mjs'), 'restart-apiserver', '--name', kubeName!], { stdio: 'inherit' });
        const j = await finished(env, 'restart');
        expect(isTrue(j, 'Complete')).toBe(true);
        expect(counts(j)).toEqual({ succeeded: 4, failed: 0 });
        expect(c.logs.some((l) => l.msg.startsWith('informer stopped'))).toBe(true);
        expect(await c.stop()).toBe(0);
        expect(refusedWrites([c])).toEqual([]);
      },
    );
  });

  test('two replicas with --leader-elect: one acts, the other takes over when it dies', async () => {
    const managedBy = 'jobkit.io/lease-test';
    await withNamespace(
      'lease',
      () => ({ result: 'Succeeded', runMs: 300 }),
      async (env) => {
        const args = ['--namespace', env.ns, '--leader-elect', '--lease-namespace', env.ns];
        const a = startControllerProcess(kubeconfig, managedBy, args);
        await started(a);
        const b = startControllerProcess(kubeconfig, managedBy, args);
        await sleep(3000);
        expect(b.logs.some((l) => l.msg === 'became leader')).toBe(false);
        expectStatus(await env.k.post(jobsPath(env.ns), manifest('one', managedBy, {})), 'create Job');
        expect(isTrue(await finished(env, 'one'), 'Complete')).toBe(true);
        expect(b.logs.filter((l) => l.msg === 'job finished')).toEqual([]);
        const lease = expectStatus(
          await env.k.get<{ spec: { holderIdentity: string } }>(`/apis/coordination.k8s.io/v1/namespaces/${env.ns}/leases/jobkit-jobkit.io-lease-test`),
          'lease',
        );
        expect(lease.spec.holderIdentity).toMatch(new RegExp(`_${a.proc.pid}$`));
        await a.kill();
        expectStatus(await env.k.post(jobsPath(env.ns), manifest('two', managedBy, {})), 'create Job');
        expect(isTrue(await finished(env, 'two', 60_000), 'Complete')).toBe(true);
        expect(b.logs.some((l) => l.msg === 'became leader')).toBe(true);
        // A clean stop releases the lease at once.
        expect(await b.stop()).toBe(0);
        const released = expectStatus(
          await env.k.get<{ spec: { holderIdentity?: string } }>(`/apis/coordination.k8s.io/v1/namespaces/${env.ns}/leases/jobkit-jobkit.io-lease-test`),
          'lease',
        );
        expect(released.spec.holderIdentity ?? '').toBe('');
        expect(refusedWrites([a, b])).toEqual([]);
      },
    );
  });

  test('a ServiceAccount with exactly manifests/clusterrole.yaml runs a Job to Complete', async () => {
    const managedBy = 'jobkit.io/rbac-test';
    const k = kube as Kube;
    const role = parseYaml(fs.readFileSync(path.join(root, 'packages', 'cluster', 'manifests', 'clusterrole.yaml'), 'utf8')) as { metadata: { name: string } };
    const roleName = `jobkit-controller-test-${process.pid}`;
    await withNamespace(
      'rbac',
      () => ({ result: 'Succeeded', runMs: 200 }),
      async (env) => {
        expectStatus(await k.post('/apis/rbac.authorization.k8s.io/v1/clusterroles', { ...role, metadata: { name: roleName } }), 'ClusterRole');
        try {
          expectStatus(await k.post(`/api/v1/namespaces/${env.ns}/serviceaccounts`, { metadata: { name: 'jobkit' } }), 'ServiceAccount');
          // Bound in the namespace only, as for --namespace NS.
          expectStatus(
            await k.post(`/apis/rbac.authorization.k8s.io/v1/namespaces/${env.ns}/rolebindings`, {
              metadata: { name: 'jobkit' },
              roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
              subjects: [{ kind: 'ServiceAccount', name: 'jobkit', namespace: env.ns }],
            }),
            'RoleBinding',
          );
          const token = expectStatus(
            await k.post<{ status: { token: string } }>(`/api/v1/namespaces/${env.ns}/serviceaccounts/jobkit/token`, { spec: { expirationSeconds: 3600 } }),
            'token',
          ).status.token;
          const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jobkit-rbac-')), 'kubeconfig');
          fs.writeFileSync(
            file,
            JSON.stringify({
              apiVersion: 'v1',
              kind: 'Config',
              clusters: [{ name: 'c', cluster: { server: k.config.server, 'certificate-authority-data': k.config.ca.toString('base64') } }],
              users: [{ name: 'sa', user: { token } }],
              contexts: [{ name: 'c', context: { cluster: 'c', user: 'sa' } }],
              'current-context': 'c',
            }),
            { mode: 0o600 },
          );
          const c = startControllerProcess(file, managedBy, ['--namespace', env.ns, '--leader-elect', '--lease-namespace', env.ns]);
          await started(c);
          expectStatus(await k.post(jobsPath(env.ns), manifest('rbac', managedBy, { completions: 2, parallelism: 2 })), 'create Job');
          const j = await finished(env, 'rbac');
          expect(isTrue(j, 'Complete')).toBe(true);
          expect(await c.stop()).toBe(0);
          // Nothing it tried was forbidden (events included).
          expect(c.logs.filter((l) => /forbidden/i.test(JSON.stringify(l)))).toEqual([]);
        } finally {
          await k.delete(`/apis/rbac.authorization.k8s.io/v1/clusterroles/${roleName}`);
        }
      },
    );
  });
});
