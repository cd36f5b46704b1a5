// `jobkit multikueue`: a MultiKueue-style manager in the foreground — the manager cluster's Jobs
// whose spec.managedBy is NAME run as copies on the workers, their status mirrored back so that
// the manager's API server accepts every write (docs/multikueue.md). Logs JSON lines to stderr;
// SIGINT/SIGTERM stop it after the current round: exit 0.
import { existsSync } from 'node:fs';
import { managedByFlag, UsageError } from '../args.js';
import { ExitCode, type Io } from '../io.js';

export interface MultiKueueFlags {
  readonly manager?: string;
  /** NAME=KUBECONFIG, each. */
  readonly workers: readonly string[];
  readonly managedBy?: string;
  readonly namespace?: string;
  readonly origin?: string;
  readonly lostAfterSeconds?: number;
}

const WorkerName = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export async function multikueueCommand(flags: MultiKueueFlags, io: Io, fromCwd: (p: string) => string): Promise<number> {
  const managedBy = managedByFlag(flags.managedBy, 'multikueue', 'manager Jobs');
  if (flags.manager === undefined) throw new UsageError('multikueue needs --manager KUBECONFIG (the manager cluster)');
  const manager = fromCwd(flags.manager);
  if (!existsSync(manager)) throw new UsageError(`--manager: ${flags.manager}: no such file`);
  if (flags.workers.length === 0) throw new UsageError('multikueue needs at least one --worker NAME=KUBECONFIG');
  const workers = flags.workers.map((w) => {
    const eq = w.indexOf('=');
    const name = eq === -1 ? '' : w.slice(0, eq);
    const file = eq === -1 ? '' : w.slice(eq + 1);
    if (!WorkerName.test(name) || file === '')
      throw new UsageError(`--worker: Invalid value: ${JSON.stringify(w)}: must be NAME=KUBECONFIG (NAME a DNS label)`);
    if (!existsSync(fromCwd(file))) throw new UsageError(`--worker ${name}: ${file}: no such file`);
    return { name, kubeconfig: fromCwd(file) };
  });
  const seen = new Set<string>();
  for (const w of workers) {
    if (seen.has(w.name)) throw new UsageError(`--worker: ${w.name} given twice`);
    seen.add(w.name);
  }
  // Loaded here only: the other commands never load the Kubernetes client.
  const { startMultiKueue, jsonLogger } = await import('@jobkit/cluster');
  const log = jsonLogger((line) => io.stderr.write(line));
  let handle;
  try {
    handle = await startMultiKueue({
      manager,
      workers,
      managedBy,
      ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
      ...(flags.origin !== undefined ? { origin: flags.origin } : {}),
      ...(flags.lostAfterSeconds !== undefined ? { lostAfterMs: flags.lostAfterSeconds * 1000 } : {}),
      log,
    });
  } catch (e) {
    io.stderr.write(`jobkit: multikueue: ${e instanceof Error ? e.message : String(e)}\n`);
    return ExitCode.BadInput;
  }
  const interrupted = io.interrupt ?? new Promise<string>(() => undefined);
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const signal = await interrupted;
  log('info', 'stopping', { signal });
  await handle.stop();
  clearInterval(keepAlive);
  return ExitCode.Ok;
}
