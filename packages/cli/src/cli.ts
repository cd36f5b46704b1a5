// The `jobkit` command: parses arguments, runs one command, maps every failure to a message and
// an exit status (0 ok, 1 Job failed, 2 bad input, 3 jobkit bug).
import { defaultMaxProcesses } from '@jobkit/runner';
import { parseDuration } from '@jobkit/sim';
import { defaultController, type Controller } from '@jobkit/loop';
import { OutputFormatError, outputFlag, parseArgs, positiveIntegerFlag, stringFlag, UsageError, validationFlag } from './args.js';
import { controllerCommand } from './commands/controller.js';
import { multikueueCommand } from './commands/multikueue.js';
import { explainCommand } from './commands/explain.js';
import { logsCommand } from './commands/logs.js';
import { runCommand } from './commands/run.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ExitCode, type Io } from './io.js';
import { InputError } from './manifest.js';

/** The release of the `jobkit` command (packages/cli/package.json; a test keeps them equal). */
export const version = '0.1.0';

/** Per command: its synopsis, what it does, and examples (`jobkit COMMAND --help`). */
const commandHelp: Record<string, { readonly synopsis: string; readonly about: string; readonly output?: string; readonly examples: readonly string[] }> = {
  run: {
    synopsis:
      'jobkit run -f JOB.yaml [-o json|yaml|name|wide] [--logs] [--logs-dir DIR] [--verbose] [--name NAME] [--restart-delay D] [--max-processes N] [--validate=strict|warn|ignore]',
    about: `Run the Job here: pods are local processes (images are not pulled), the controller is
the real reconcile pass with the wall clock. Logs go to a folder per run,
./jobkit-logs/<job>/<run-id>/<pod>/<container>.log (--logs-dir DIR; the run id is its start in
UTC, <job>/latest links the newest run, a container's n-th restart writes <container>.<n>.log);
a completed Job shows one succeeded pod's output, --logs prints every pod's.
At most N pods run at once (default ${defaultMaxProcesses()} here: 4 per CPU, 4 to 32); the others stay
Pending until a slot frees. No pod process outlives the run (Ctrl-C, SIGTERM, SIGHUP, the
parent exiting, even SIGKILL: a watchdog process stops them).`,
    output: outputHelp(`the run as one document: outcome, exitCode, elapsedMs, job (the final Job
  object, what kubectl get job -o json would show), pods, events, timeline, logs (files by pod)`),
    examples: [
      'jobkit run examples/pi.yaml',
      'jobkit run -f examples/primes-completions.yaml --max-processes 2 --logs',
      'cat job.yaml | jobkit run -f -',
      "jobkit run examples/pi.yaml -o json | jq '.job.status'",
    ],
  },
  logs: {
    synopsis: 'jobkit logs JOB [POD] [-c CONTAINER] [-p|--previous] [--run ID] [--logs-dir DIR]',
    about: `Print a container's log from a jobkit run of the Job, as kubectl logs does: the latest
run unless --run ID (a folder name under ./jobkit-logs/<job>/); POD, or the pod kubectl would
pick (it says which); the pod's first container unless -c (or its
kubectl.kubernetes.io/default-container annotation); --previous: that container's run before
its last restart (restartPolicy OnFailure). --logs-dir DIR: where jobkit run wrote the logs.`,
    examples: ['jobkit logs pi', 'jobkit logs flaky flaky-x7k2p --previous', 'jobkit logs pi --run 20261204T183905Z'],
  },
  simulate: {
    synopsis: 'jobkit simulate -f JOB.yaml [--script OUTCOMES.yaml] [-o json|yaml|name|wide] [--name NAME] [--validate=strict|warn|ignore]',
    about: `Run the Job in virtual time with scripted pod outcomes; prints the controller's timeline
and the Job as kubectl describe job shows it.`,
    output: outputHelp(`the simulation as one document: outcome, exitCode, elapsedMs, syncs (passes),
  job (the final Job object, what kubectl get job -o json would show), pods, events, timeline`),
    examples: [
      'jobkit simulate examples/primes-completions.yaml --script examples/primes-completions.outcomes.yaml',
      'jobkit simulate -f examples/pi.yaml -o wide',
      'jobkit simulate -f examples/pi.yaml -o yaml',
    ],
  },
  validate: {
    synopsis: 'jobkit validate -f JOB.yaml|-|DIR [--validate=strict|warn|ignore]',
    about: `Check every Job in the file (or in every .yaml/.yml/.json file of DIR) as the API server would
on create, and report each as kubectl reports the answer: "job NAME: valid", or on stderr
The Job "NAME" is invalid: <field>: <Invalid value|Required value|...>: ... (exit 2).
Documents of other kinds (a ConfigMap next to the Job) are skipped with a note.
Unknown fields (a typo such as spec.completionz, at any depth) are rejected as kubectl's strict
decoding rejects them; --validate=warn only warns ("Warning: unknown field ..."), --validate=ignore
says nothing. run, simulate and explain take --validate too.
A Job read back from a cluster (kubectl get job -o yaml) is rejected as the API server rejects
it on create: its selector and labels hold the old uid.`,
    examples: [
      'jobkit validate examples/pi.yaml',
      'jobkit validate -f examples/',
      'cat job.yaml | jobkit validate -f -',
      'jobkit validate -f job.yaml --validate=warn',
    ],
  },
  explain: {
    synopsis: 'jobkit explain --job JOB.json [--pods PODS.json] [--now TIME] [--fresh-controller] [-o json|yaml|name|wide] [--validate=strict|warn|ignore]',
    about: `One reconcile pass over objects from a cluster (kubectl get job X -o json,
kubectl get pods -o json): the actions it would take and why, as the pass itself explains them.
The pod-recreation back-off is rebuilt from the counted pods (--fresh-controller: none, as after
a restart).`,
    output: `-o json|yaml: the pass as data: job (namespace, name, uid), now, controllerMemory (the
  back-off record assumed), explanation (the pass's own account: pods and how it classified
  them, counts, limits, finishing, requeues), actions, statusChanges, status (after the pass),
  requeueAfterMs, error.
-o name: job.batch/NAME. -o wide: the Job with the status the pass writes, as kubectl get jobs
  -o wide would list it at --now.`,
    examples: [
      'kubectl get job pi -o json > job.json; kubectl get pods -l batch.kubernetes.io/job-name=pi -o json > pods.json',
      'jobkit explain --job job.json --pods pods.json --now 2026-01-01T00:10:00Z',
      "jobkit explain --job job.json --pods pods.json -o json | jq '.actions[].type'",
    ],
  },
  controller: {
    synopsis:
      'jobkit controller --managed-by NAME [--kubeconfig FILE] [--context CTX] [--namespace NS] [--workers 5] [--leader-elect] [--lease-namespace NS] [--metrics-addr HOST:PORT] [--ttl-after-finished]',
    about: `Run jobkit as the Job controller of a cluster, for the Jobs whose spec.managedBy is NAME
(kube-controller-manager leaves those alone). Runs in the foreground and logs JSON lines to
stderr; Ctrl-C or SIGTERM stops it cleanly. Pods get the tracking finalizer jobkit.io/job-tracking.
--leader-elect: act only while holding a Lease (15 s / 10 s / 2 s), so replicas can stand by.
--metrics-addr: serve /metrics (Prometheus), /healthz and /readyz.
--ttl-after-finished: delete finished Jobs whose ttlSecondsAfterFinished has run out (off:
kube-controller-manager's TTL controller does it where it runs). RBAC: docs/controller.md.`,
    examples: [
      'jobkit controller --managed-by example.com/jobkit --kubeconfig ~/.kube/config',
      'jobkit controller --managed-by example.com/jobkit --namespace batch --leader-elect --metrics-addr 127.0.0.1:8080',
    ],
  },
  multikueue: {
    synopsis:
      'jobkit multikueue --manager KUBECONFIG --worker NAME=KUBECONFIG [--worker ...] --managed-by NAME [--namespace NS] [--origin LABEL] [--lost-after 30]',
    about: `Run a MultiKueue-style manager: the manager cluster's Jobs whose spec.managedBy is NAME run
as copies on the workers (the least loaded reachable one), with their status mirrored back so
that the manager's API server accepts every write; suspend and resume are copied; a finished or
deleted Job's copy is deleted; a worker unreachable for --lost-after seconds has its Jobs
dispatched again. Logs JSON lines to stderr; Ctrl-C or SIGTERM stops it. docs/multikueue.md.`,
    examples: ['jobkit multikueue --manager manager.kubeconfig --worker w1=w1.kubeconfig --worker w2=w2.kubeconfig --managed-by example.com/multikueue'],
  },
  version: {
    synopsis: 'jobkit version | jobkit --version',
    about: 'Print the jobkit release and the Kubernetes release it follows.',
    examples: ['jobkit version'],
  },
};

/** The -o paragraph of run's and simulate's help: what each format prints. */
function outputHelp(document: string): string {
  return `-o json|yaml: ${document}.
  --json is -o json (the same document). -o name: job.batch/NAME. -o wide: the Job as kubectl
  get jobs -o wide lists it. With -o, stdout holds only that; a Job that did not complete also
  says why on stderr.`;
}

const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');

export const usage = `jobkit: the Kubernetes Job controller's decisions, locally

Usage:
${Object.entries(commandHelp)
  .filter(([c]) => c !== 'version')
  .map(([, h]) => `  ${h.synopsis}\n${indent(h.about, '      ')}`)
  .join('\n')}
  jobkit version | --version
  jobkit help [COMMAND] | COMMAND --help

-o json|yaml|name|wide (run, simulate, explain) prints as kubectl's printers do; COMMAND --help
says what each gives.

Manifests may be YAML (several documents) or JSON, given as -f FILE or as the first argument;
"-" reads standard input. Relative paths are read from the folder you ran the command in (also
under \`pnpm --silent jobkit\`, which runs at the repository root).
Exit status: 0 Job completed (or valid, or suspended), 1 Job failed, 2 bad input, 3 jobkit bug.
`;

const optional = <K extends string>(key: K, value: string | undefined): { [k in K]?: string } =>
  value !== undefined ? ({ [key]: value } as { [k in K]: string }) : {};

/** `jobkit COMMAND --help`: that command's synopsis, description and examples. */
export function commandUsage(command: string): string {
  const h = commandHelp[command];
  if (h === undefined) return usage;
  return `${h.synopsis}\n\n${h.about}\n${h.output !== undefined ? `${h.output}\n` : ''}\nExamples:\n${h.examples.map((e) => `  ${e}`).join('\n')}\n`;
}

const valueFlags = new Set([
  'script',
  'container',
  'run',
  'logs-dir',
  'name',
  'job',
  'pods',
  'now',
  'restart-delay',
  'max-processes',
  'filename',
  'kubeconfig',
  'context',
  'managed-by',
  'namespace',
  'workers',
  'metrics-addr',
  'lease-namespace',
  'manager',
  'worker',
  'origin',
  'lost-after',
  'output',
]);
const switches = new Set(['json', 'logs', 'previous', 'help', 'verbose', 'fresh-controller', 'version', 'leader-elect', 'ttl-after-finished']);
/** Flags that take a value only as --flag=VALUE and are true when bare (kubectl's --validate). */
const optionalValueFlags = new Set(['validate']);

const allowed: Record<string, ReadonlySet<string>> = {
  run: new Set(['logs', 'logs-dir', 'verbose', 'name', 'restart-delay', 'max-processes', 'json', 'output', 'help', 'filename', 'validate']),
  logs: new Set(['container', 'previous', 'run', 'logs-dir', 'help']),
  simulate: new Set(['script', 'json', 'output', 'name', 'help', 'filename', 'validate']),
  validate: new Set(['help', 'filename', 'validate']),
  explain: new Set(['job', 'pods', 'now', 'fresh-controller', 'output', 'help', 'validate']),
  controller: new Set([
    'kubeconfig',
    'context',
    'managed-by',
    'namespace',
    'workers',
    'leader-elect',
    'lease-namespace',
    'metrics-addr',
    'ttl-after-finished',
    'help',
  ]),
  multikueue: new Set(['manager', 'worker', 'managed-by', 'namespace', 'origin', 'lost-after', 'help']),
  version: new Set(['help']),
};

export async function main(argv: readonly string[], io: Io, controller: Controller = defaultController): Promise<number> {
  try {
    const args = parseArgs(argv, valueFlags, switches, optionalValueFlags);
    if (args.flags.has('version') || args.command === 'version') {
      io.stdout.write(`jobkit ${version} (the Job controller of Kubernetes v1.37.2)\n`);
      return ExitCode.Ok;
    }
    if (args.command === 'help' && args.positionals.length > 0) {
      io.stdout.write(commandUsage(args.positionals[0]!));
      return ExitCode.Ok;
    }
    if (args.command === undefined || args.command === 'help') {
      (args.command === undefined && !args.flags.has('help') ? io.stderr : io.stdout).write(usage);
      return args.command === undefined && !args.flags.has('help') ? ExitCode.BadInput : ExitCode.Ok;
    }
    const permitted = allowed[args.command];
    if (permitted === undefined) throw new UsageError(`unknown command "${args.command}"`);
    if (args.flags.has('help')) {
      io.stdout.write(commandUsage(args.command));
      return ExitCode.Ok;
    }
    for (const flag of args.flags.keys()) {
      if (!permitted.has(flag)) throw new UsageError(`${args.command} does not take --${flag}`);
    }
    // Paths are the caller's: relative ones resolve against io.cwd (see main.ts for pnpm).
    const fromCwd = (p: string): string => (p === '-' ? p : resolve(io.cwd, p));
    const files = (): string[] => {
      const given = [...(typeof args.flags.get('filename') === 'string' ? [args.flags.get('filename') as string] : []), ...args.positionals];
      if (given.length !== 1) throw new UsageError(`${args.command} takes one manifest (-f FILE), got ${given.length}`);
      const p = fromCwd(given[0]!);
      if (p !== '-' && existsSync(p) && statSync(p).isDirectory()) {
        if (args.command !== 'validate') throw new UsageError(`${args.command} takes one manifest file, not a folder (${given[0]})`);
        // As kubectl -f DIR: every manifest file of the folder; files holding no Job (outcome
        // scripts, other kinds) are skipped with a note.
        const inDir = readdirSync(p)
          .filter((f) => /\.(ya?ml|json)$/.test(f))
          .sort()
          .map((f) => join(p, f));
        const withJobs = inDir.filter((f) => {
          const has = /^\s*kind:\s*["']?Job["']?\s*$|"kind"\s*:\s*"Job"/m.test(readFileSync(f, 'utf8'));
          if (!has) io.stderr.write(`note: ${relative(io.cwd, f) || f}: no Job in it, skipped\n`);
          return has;
        });
        if (withJobs.length === 0) throw new UsageError(`${given[0]}: no Job manifest (.yaml, .yml or .json) in the folder`);
        return withJobs;
      }
      return [p];
    };
    const file = (): string => files()[0]!;
    switch (args.command) {
      case 'validate': {
        const fieldValidation = validationFlag(args);
        let code: number = ExitCode.Ok;
        for (const f of files()) code = Math.max(code, validateCommand(f, io, fieldValidation));
        return code;
      }
      case 'simulate':
        return simulateCommand(
          file(),
          {
            script: ((s) => (s === undefined ? undefined : fromCwd(s)))(stringFlag(args, 'script')),
            output: outputFlag(args),
            name: stringFlag(args, 'name'),
            fieldValidation: validationFlag(args),
          },
          controller,
          io,
        );
      case 'run': {
        const delay = stringFlag(args, 'restart-delay');
        const restartDelayMs = delay === undefined ? undefined : parseDuration(delay);
        if (delay !== undefined && restartDelayMs === undefined) throw new UsageError(`--restart-delay ${delay}: expected a duration such as 1s`);
        const maxProcesses = positiveIntegerFlag(args, 'max-processes');
        return await runCommand(
          file(),
          {
            logsDir: stringFlag(args, 'logs-dir'),
            printLogs: args.flags.has('logs'),
            verbose: args.flags.has('verbose'),
            name: stringFlag(args, 'name'),
            restartDelayMs,
            ...(maxProcesses !== undefined ? { maxProcesses } : {}),
            output: outputFlag(args),
            fieldValidation: validationFlag(args),
          },
          controller,
          io,
        );
      }
      case 'logs': {
        const [job, pod, ...extra] = args.positionals;
        if (job === undefined) throw new UsageError('logs needs a JOB name (jobkit logs JOB [POD])');
        if (extra.length > 0) throw new UsageError(`logs takes JOB and at most one POD, got also ${extra.join(' ')}`);
        return logsCommand(
          {
            job,
            ...optional('pod', pod),
            ...optional('container', stringFlag(args, 'container')),
            previous: args.flags.has('previous'),
            ...optional('run', stringFlag(args, 'run')),
            logsDir: resolve(io.cwd, stringFlag(args, 'logs-dir') ?? 'jobkit-logs'),
          },
          io,
        );
      }
      case 'controller': {
        if (args.positionals.length > 0) throw new UsageError(`controller takes no arguments, got ${args.positionals.join(' ')}`);
        const workers = positiveIntegerFlag(args, 'workers');
        const kubeconfig = stringFlag(args, 'kubeconfig');
        return await controllerCommand(
          {
            ...(kubeconfig !== undefined ? { kubeconfig: fromCwd(kubeconfig) } : {}),
            ...optional('context', stringFlag(args, 'context')),
            ...optional('managedBy', stringFlag(args, 'managed-by')),
            ...optional('namespace', stringFlag(args, 'namespace')),
            ...(workers !== undefined ? { workers } : {}),
            leaderElect: args.flags.has('leader-elect'),
            ...optional('leaseNamespace', stringFlag(args, 'lease-namespace')),
            ...optional('metricsAddr', stringFlag(args, 'metrics-addr')),
            ttlAfterFinished: args.flags.has('ttl-after-finished'),
          },
          io,
        );
      }
      case 'multikueue': {
        if (args.positionals.length > 0) throw new UsageError(`multikueue takes no arguments, got ${args.positionals.join(' ')}`);
        const lostAfter = positiveIntegerFlag(args, 'lost-after');
        return await multikueueCommand(
          {
            ...optional('manager', stringFlag(args, 'manager')),
            workers: args.lists.get('worker') ?? [],
            ...optional('managedBy', stringFlag(args, 'managed-by')),
            ...optional('namespace', stringFlag(args, 'namespace')),
            ...optional('origin', stringFlag(args, 'origin')),
            ...(lostAfter !== undefined ? { lostAfterSeconds: lostAfter } : {}),
          },
          io,
          fromCwd,
        );
      }
      case 'explain': {
        const job = stringFlag(args, 'job') ?? args.positionals[0];
        if (job === undefined) throw new UsageError('explain needs --job JOB.json');
        const pods = stringFlag(args, 'pods');
        return explainCommand(
          {
            job: fromCwd(job),
            pods: pods === undefined ? undefined : fromCwd(pods),
            now: stringFlag(args, 'now'),
            freshController: args.flags.has('fresh-controller'),
            output: outputFlag(args),
            fieldValidation: validationFlag(args),
          },
          controller,
          io,
        );
      }
    }
    throw new UsageError(`unknown command "${args.command}"`);
  } catch (error) {
    // kubectl's own line for an -o it cannot print.
    if (error instanceof OutputFormatError) {
      io.stderr.write(`error: ${error.message}\n`);
      return ExitCode.BadInput;
    }
    if (error instanceof UsageError) {
      // An unknown command gets the whole usage; any other slip, one line and a pointer.
      io.stderr.write(`jobkit: ${error.message}\n\n${error.message.startsWith('unknown command') ? usage : "Run 'jobkit help' for usage.\n"}`);
      return ExitCode.BadInput;
    }
    if (error instanceof InputError) {
      io.stderr.write(`jobkit: ${error.message}\n${error.details.map((d) => `  ${d}\n`).join('')}`);
      return ExitCode.BadInput;
    }
    io.stderr.write(`jobkit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCode.Bug;
  }
}
