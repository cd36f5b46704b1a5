// `jobkit controller`: jobkit as the Job controller of a cluster for the Jobs whose
// `.spec.managedBy` names it, in the foreground. Logs (JSON lines) go to stderr; SIGINT/SIGTERM
// stop it cleanly (passes in flight finish, the lease is released): exit 0. Losing the lease
// ends it with exit 1, as kube-controller-manager does.
import { existsSync } from 'node:fs';
import { managedByFlag, UsageError } from '../args.js';
import { ExitCode, type Io } from '../io.js';

export interface ControllerFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly managedBy?: string;
  readonly namespace?: string;
  readonly workers?: number;
  readonly leaderElect: boolean;
  readonly leaseNamespace?: string;
  readonly metricsAddr?: string;
  readonly ttlAfterFinished?: boolean;
}

export async function controllerCommand(flags: ControllerFlags, io: Io): Promise<number> {
  const managedBy = managedByFlag(flags.managedBy, 'controller', 'Jobs');
  const kubeconfig = flags.kubeconfig ?? io.env['KUBECONFIG'];
  if (kubeconfig !== undefined && !kubeconfig.includes(':') && !existsSync(kubeconfig)) throw new UsageError(`--kubeconfig: ${kubeconfig}: no such file`);
  // Loaded here only: the other commands never load the Kubernetes client.
  const { startController, parseHostPort, jsonLogger } = await import('@jobkit/cluster');
  if (flags.metricsAddr !== undefined && parseHostPort(flags.metricsAddr) === undefined) {
    throw new UsageError(`--metrics-addr: Invalid value: ${JSON.stringify(flags.metricsAddr)}: must be HOST:PORT`);
  }
  const log = jsonLogger((line) => io.stderr.write(line));
  let handle;
  try {
    handle = await startController({
      managedBy,
      ...(kubeconfig !== undefined ? { kubeconfig: kubeconfig.split(':')[0]! } : {}),
      ...(flags.context !== undefined ? { context: flags.context } : {}),
      ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
      ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
      ...(flags.leaderElect ? { leaderElect: true } : {}),
      ...(flags.leaseNamespace !== undefined ? { leaseNamespace: flags.leaseNamespace } : {}),
      ...(flags.metricsAddr !== undefined ? { metricsAddr: flags.metricsAddr } : {}),
      ...(flags.ttlAfterFinished === true ? { ttlAfterFinished: true } : {}),
      log,
    });
  } catch (e) {
    io.stderr.write(`jobkit: controller: ${e instanceof Error ? e.message : String(e)}\n`);
    return ExitCode.BadInput;
  }
  if (handle.metricsAddress !== undefined) log('info', 'serving metrics', { address: handle.metricsAddress, paths: ['/metrics', '/healthz', '/readyz'] });
  const interrupted = io.interrupt ?? new Promise<string>(() => undefined);
  // The process lives until a signal (between retries nothing else may hold it up).
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const first = await Promise.race([
    interrupted.then((signal) => ({ kind: 'signal' as const, signal })),
    handle.lost.then(() => ({ kind: 'lost' as const })),
    handle.ready.then(
      () => new Promise<never>(() => undefined),
      (e: unknown) => ({ kind: 'failed' as const, error: e instanceof Error ? e.message : String(e) }),
    ),
  ]);
  if (first.kind === 'signal') log('info', 'stopping', { signal: first.signal });
  await handle.stop();
  clearInterval(keepAlive);
  if (first.kind === 'signal') return ExitCode.Ok;
  if (first.kind === 'failed') {
    io.stderr.write(`jobkit: controller: ${first.error}\n`);
    return ExitCode.BadInput;
  }
  return ExitCode.JobFailed;
}
