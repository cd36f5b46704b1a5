// The cluster a test run talks to (KUBECONFIG from `pnpm kube:up`), and a namespace per test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connect, expectStatus, type Kube } from './client.js';

/** The cluster of $KUBECONFIG, or undefined when none is set (the cluster tests then skip). */
export function clusterFromEnv(userAgent?: string): Kube | undefined {
  const file = process.env['KUBECONFIG'];
  if (file === undefined || file === '') return undefined;
  return connect(file, userAgent);
}

/** Creates a namespace with a fresh generated name for one test; `deleteNamespace` removes it. */
export async function createNamespace(kube: Kube, prefix: string): Promise<string> {
  const base =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'test';
  const ns = expectStatus(
    await kube.post<{ metadata: { name: string } }>('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { generateName: `${base}-`, labels: { 'jobkit.io/test': 'true' } },
    }),
    `create namespace ${base}-`,
  );
  return ns.metadata.name;
}

export async function deleteNamespace(kube: Kube, ns: string): Promise<void> {
  // Background: the test does not wait for the namespace controller (not running here anyway).
  await kube.delete(`/api/v1/namespaces/${ns}`, { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' });
}

/** Whether the cluster runs kube-controller-manager (tools/kube writes it into its state; or $KUBE_CONTROLLER_MANAGER=1). */
export function hasControllerManager(): boolean {
  if (process.env['KUBE_CONTROLLER_MANAGER'] === '1') return true;
  if (process.env['KUBE_CONTROLLER_MANAGER'] === '0') return false;
  const file = process.env['KUBECONFIG'];
  if (file === undefined) return false;
  try {
    // tools/kube keeps state.json beside the kubeconfig.
    const state = JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'state.json'), 'utf8')) as { controllerManager?: { pid?: number } };
    const pid = state.controllerManager?.pid;
    if (pid === undefined) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `fn` until it returns a value other than undefined, or throws after `ms`. */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached within ${ms / 1000} s${last !== undefined ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
