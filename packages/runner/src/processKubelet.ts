// A kubelet whose containers are local processes: init containers one after another, then the
// app containers concurrently; stdout and stderr of each container go to
// <logsDir>/<pod>/<container>.log (<container>.<n>.log for its n-th restart, see logLayout.ts);
// OnFailure restarts a failed container in place after the crash-loop back-off; a deleted pod gets SIGTERM, then SIGKILL after its grace period. Images are
// not pulled: there is no container runtime. As a container's processes die with it, everything
// left in its process group (and cgroup, where there is one) is killed when its main process
// exits. At most `maxPods` pods run at once; the others stay Pending, as pods waiting for a node.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { constants as osConstants } from 'node:os';
import type { Container, Pod } from '@jobkit/api';
import { crashLoopDelayMs, isTerminalPhase, phaseOf, withRunStatus, type ContainerRun, type PodRun, type Terminated } from '@jobkit/sim';
import { type Cancel, type JobLoop, type PodRuntime, type Scheduler } from '@jobkit/loop';
import { cgroupPids, execError, inCgroup, killCgroup, newCgroup, tryRmdir } from './cgroup.js';
import { castDraft, produce } from './internal/immer.js';
import { logFileName, PodRecordFile } from './logLayout.js';
import { containerArgv, containerEnv } from './podEnv.js';
import type { Watchdog } from './watchdog.js';

export interface ProcessKubeletOptions {
  readonly scheduler: Scheduler;
  readonly loop: JobLoop;
  /** The run's log folder: a folder per pod in it (see logLayout.ts). */
  readonly logsDir: string;
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  /** Delay before restart n (1-based) of an OnFailure container (kubelet: immediate, then 10 s doubling to 5 min). */
  readonly restartDelayMs?: (restartCount: number) => number;
  readonly onWarning?: (message: string) => void;
  /** At most this many pods have processes at once (a pod's containers share its slot); default: no cap. */
  readonly maxPods?: number;
  /** A cgroup v2 directory to put each container process in (see cgroup.ts). */
  readonly cgroup?: string;
  /** Told about every container process, to stop them if the runner dies. */
  readonly watchdog?: Watchdog;
}

/** How many pods hold a process slot and how many wait for one. */
export interface SlotUsage {
  readonly running: number;
  readonly waiting: number;
  readonly max: number;
}

/** One container's process: its group, its cgroup if any, its name for the watchdog. */
interface Proc {
  readonly child: ChildProcess;
  readonly id: string;
  readonly cgroup?: string;
}

/** The kubelet's delay before restart number `restart` (immediate, then 10 s doubling to 5 min). */
export const kubeletRestartDelayMs = crashLoopDelayMs;

interface PodProcesses {
  readonly pod: Pod;
  readonly dir: string;
  run: PodRun;
  readonly children: Map<string, Proc>;
  timers: Cancel[];
  deleting: boolean;
  killTimer?: Cancel;
  /** The phase the app containers ended in, while sidecars are being stopped. */
  appDone?: PodRun['phase'];
  /** Set when the pod must end Failed whatever its containers exit with (pod deadline). */
  failOnEnd?: boolean;
  deadlineTimer?: Cancel;
  /** Holds one of the maxPods slots: from admission until terminal with no process left. */
  slot: boolean;
}

export class ProcessKubelet implements PodRuntime {
  private readonly pods = new Map<string, PodProcesses>();
  /** Pods waiting for a slot, oldest first. */
  private readonly waiting: PodProcesses[] = [];
  private running = 0;
  private spawned = 0;
  private stopped = false;

  constructor(private readonly options: ProcessKubeletOptions) {}

  /** Paths of every log file written, per pod name (a restarted container's runs in order). */
  readonly logFiles = new Map<string, string[]>();

  get slots(): SlotUsage {
    return { running: this.running, waiting: this.waiting.length, max: this.options.maxPods ?? Infinity };
  }

  idle(): boolean {
    if (this.waiting.length > 0) return false;
    for (const p of this.pods.values()) {
      if (p.children.size > 0 || p.timers.length > 0) return false;
    }
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.waiting.length = 0;
    for (const p of this.pods.values()) {
      for (const t of p.timers) t();
      p.timers = [];
      p.killTimer?.();
      p.deadlineTimer?.();
      for (const proc of p.children.values()) signalProc(proc, 'SIGKILL');
    }
  }

  podCreated(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const name = pod.metadata.name ?? uid;
    const dir = join(this.options.logsDir, name);
    const state: PodProcesses = {
      pod,
      dir,
      run: {
        phase: 'Pending',
        init: (pod.spec?.initContainers ?? []).map(
          (c, i) => [c.name ?? `init-${i}`, { state: 'waiting', reason: 'PodInitializing', restartCount: 0 }] as const,
        ),
        app: (pod.spec?.containers ?? []).map(
          (c, i) => [c.name ?? `container-${i}`, { state: 'waiting', reason: 'ContainerCreating', restartCount: 0 }] as const,
        ),
      },
      children: new Map(),
      timers: [],
      deleting: false,
      slot: false,
    };
    this.pods.set(uid, state);
    try {
      mkdirSync(dir, { recursive: true });
      writePodRecord(dir, pod);
    } catch (error) {
      this.options.onWarning?.(`cannot create log folder ${dir}: ${(error as Error).message}`);
    }
    if (this.running < (this.options.maxPods ?? Infinity)) this.admit(state);
    else this.waiting.push(state);
  }

  /** The pod gets a slot: its containers start, its activeDeadlineSeconds clock runs. */
  private admit(state: PodProcesses): void {
    const pod = state.pod;
    state.slot = true;
    this.running += 1;
    this.later(state, 0, () => this.startInit(state, 0));
    const deadline = pod.spec?.activeDeadlineSeconds;
    if (typeof deadline === 'number' && deadline >= 0) {
      // The kubelet's pod deadline (pkg/kubelet/active_deadline.go): the pod fails with reason
      // DeadlineExceeded and its containers are killed.
      const cancel = this.options.scheduler.at(this.options.scheduler.now() + deadline * 1000, () => {
        if (isTerminalPhase(state.run.phase) || state.deleting) return;
        state.run = { ...state.run, reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
        state.failOnEnd = true;
        this.terminate(state, (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000, 'pod activeDeadlineSeconds exceeded');
      });
      state.deadlineTimer = cancel;
    }
  }

  /** A terminal pod with no process left gives its slot to the oldest waiting pod. */
  private release(state: PodProcesses): void {
    if (!state.slot || !isTerminalPhase(state.run.phase) || state.children.size > 0) return;
    state.slot = false;
    this.running -= 1;
    while (!this.stopped && this.running < (this.options.maxPods ?? Infinity) && this.waiting.length > 0) {
      this.admit(this.waiting.shift()!);
    }
  }

  /** Each pod's record in its log folder, brought up to date (the run's end: its last state). */
  recordPods(pods: readonly Pod[]): void {
    for (const pod of pods) {
      const state = this.pods.get(pod.metadata.uid ?? '');
      if (state === undefined) continue;
      try {
        writePodRecord(state.dir, pod);
      } catch {
        // The folder could not be made: podCreated said so already.
      }
    }
  }

  podDeleting(pod: Pod): void {
    const state = this.pods.get(pod.metadata.uid ?? '');
    if (state === undefined || state.deleting) return;
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    this.terminate(state, grace, 'deleted');
  }

  /** Stops every container: SIGTERM, SIGKILL after `graceMs`; the pod then ends (Failed unless all exited 0). */
  private terminate(state: PodProcesses, graceMs: number, why: string): void {
    state.deleting = true;
    for (const t of state.timers) t();
    state.timers = [];
    const queued = this.waiting.indexOf(state);
    if (queued !== -1) this.waiting.splice(queued, 1);
    if (isTerminalPhase(state.run.phase)) return;
    if (state.children.size === 0) {
      // Nothing is running (not started yet, or waiting to restart): the pod ends at once.
      this.finish(state, 137, `${why} while no container was running`);
      return;
    }
    const grace = graceMs;
    for (const proc of state.children.values()) signalProc(proc, 'SIGTERM');
    this.report(state, `${why}: SIGTERM sent, SIGKILL after ${grace / 1000}s`);
    state.killTimer = this.options.scheduler.at(this.options.scheduler.now() + grace, () => {
      for (const proc of state.children.values()) signalProc(proc, 'SIGKILL');
    });
  }

  private startInit(state: PodProcesses, i: number): void {
    const init = state.pod.spec?.initContainers ?? [];
    if (i >= init.length) {
      this.startApp(state);
      return;
    }
    const container = init[i]!;
    if (container.restartPolicy === 'Always') {
      // A sidecar: it keeps running (restarted whenever it exits) next to the app containers
      // and is stopped once they are done. Upstream waits for it to be started; a spawned
      // process counts as started here (no probes).
      const onSidecarExit = (): void => {
        if (state.appDone !== undefined) this.finishAfterSidecars(state);
        else if (!state.deleting) this.restartLater(state, 'init', i, container, onSidecarExit);
      };
      this.startContainer(state, 'init', i, container, onSidecarExit);
      this.startInit(state, i + 1);
      return;
    }
    this.startContainer(state, 'init', i, container, (exitCode) => {
      if (exitCode === 0) this.startInit(state, i + 1);
      else if (state.pod.spec?.restartPolicy === 'OnFailure' && !state.deleting)
        this.restartLater(state, 'init', i, init[i]!, () => this.startInit(state, i + 1));
      else this.setPhase(state, 'Failed', `init container ${state.run.init[i]![0]} failed (exit code ${exitCode})`);
    });
  }

  private startApp(state: PodProcesses): void {
    const containers = state.pod.spec?.containers ?? [];
    if (containers.length === 0) {
      this.setPhase(state, 'Failed', 'pod has no containers');
      return;
    }
    containers.forEach((container, i) => {
      const onExit = (exitCode: number): void => {
        if (exitCode !== 0 && state.pod.spec?.restartPolicy === 'OnFailure' && !state.deleting) {
          this.restartLater(state, 'app', i, container, onExit);
          return;
        }
        const phase = state.deleting && state.children.size === 0 ? deletedPhase(state.run) : phaseOf(state.pod.spec?.restartPolicy, state.run.app);
        const sidecars = [...state.children.keys()].filter((k) => k.startsWith('init/'));
        if (isTerminalPhase(phase) && sidecars.length > 0) {
          // The app containers are done: stop the sidecars, then the pod ends.
          state.appDone = phase;
          for (const key of sidecars) signalProc(state.children.get(key)!, 'SIGTERM');
          const grace = (state.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
          state.killTimer = this.options.scheduler.at(this.options.scheduler.now() + grace, () => {
            for (const proc of state.children.values()) signalProc(proc, 'SIGKILL');
          });
          this.report(state, `${state.run.app[i]![0]} exited with ${exitCode}; stopping sidecars`);
        } else if (phase !== state.run.phase) this.setPhase(state, phase, `${state.run.app[i]![0]} exited with ${exitCode}`);
        else this.report(state, `container ${state.run.app[i]![0]} exited with ${exitCode}`);
      };
      this.startContainer(state, 'app', i, container, onExit);
    });
  }

  private finishAfterSidecars(state: PodProcesses): void {
    if (state.appDone === undefined || state.children.size > 0 || isTerminalPhase(state.run.phase)) return;
    state.killTimer?.();
    this.setPhase(state, state.appDone, 'sidecars stopped');
  }

  private restartLater(state: PodProcesses, kind: 'init' | 'app', i: number, container: Container, onExit: (code: number) => void): void {
    const list = kind === 'init' ? state.run.init : state.run.app;
    const [name, last] = list[i]!;
    // restartCount counts restarts done: it grows when the new container starts.
    const restart = last.restartCount + 1;
    const delay = (this.options.restartDelayMs ?? kubeletRestartDelayMs)(restart);
    const lastState = last.state === 'terminated' ? { last: asTerminated(last) } : {};
    this.setContainer(state, kind, i, { state: 'waiting', reason: 'CrashLoopBackOff', restartCount: last.restartCount, ...lastState });
    this.report(state, `container ${name} failed; restart ${restart} in ${(delay / 1000).toFixed(1)}s${delay > 0 ? ' (CrashLoopBackOff)' : ''}`);
    this.later(state, delay, () => {
      this.setContainer(state, kind, i, { state: 'waiting', reason: 'ContainerCreating', restartCount: restart, ...lastState });
      this.startContainer(state, kind, i, container, onExit);
    });
  }

  private startContainer(state: PodProcesses, kind: 'init' | 'app', i: number, container: Container, onExit: (code: number) => void): void {
    if (this.stopped || state.deleting) return;
    const list = kind === 'init' ? state.run.init : state.run.app;
    const [name, previous] = list[i]!;
    const { env, warnings } = containerEnv(state.pod, container, this.options.hostEnv ?? process.env);
    for (const w of warnings) this.options.onWarning?.(`pod ${state.pod.metadata.name} container ${name}: ${w}`);
    const argv = containerArgv(container, env);
    const startedAt = Date.now();
    const keep = { restartCount: previous.restartCount, ...(previous.last ? { last: previous.last } : {}) };
    // Each run of the container has a log of its own, as the kubelet's (for `jobkit logs --previous`).
    const logPath = join(state.dir, logFileName(name, keep.restartCount));
    let fd: number | undefined;
    try {
      fd = openSync(logPath, 'a');
      const files = this.logFiles.get(state.pod.metadata.name ?? '') ?? [];
      if (!files.includes(logPath)) this.logFiles.set(state.pod.metadata.name ?? '', [...files, logPath]);
    } catch (error) {
      this.options.onWarning?.(`cannot write ${logPath}: ${(error as Error).message}`);
    }
    if (argv === undefined) {
      const message = `container ${name} has no command: images are not pulled (no container runtime), so the image's entrypoint is unknown; set command`;
      // The log says why there is no output.
      if (fd !== undefined) {
        writeSync(fd, `jobkit: ${message}\n`);
        closeSync(fd);
      }
      this.containerEnded(state, kind, i, { exitCode: 128, reason: 'StartError', message, startedAt, finishedAt: Date.now() }, keep, onExit);
      return;
    }
    const cwd = typeof container.workingDir === 'string' && container.workingDir !== '' ? container.workingDir : undefined;
    this.spawned += 1;
    const id = `c${this.spawned}`;
    const cgroup = this.options.cgroup !== undefined ? newCgroup(this.options.cgroup, id) : undefined;
    let child: ChildProcess;
    try {
      // In a cgroup the wrapper shell does the exec, so its failure is found beforehand.
      const cannotExec = cgroup !== undefined ? execError(argv[0]!, env.PATH, cwd) : undefined;
      if (cannotExec !== undefined) throw Object.assign(new Error(`spawn ${argv[0]} ${cannotExec}`), { code: cannotExec });
      const command = cgroup !== undefined ? inCgroup(cgroup, argv) : argv;
      child = spawn(command[0]!, command.slice(1), {
        env,
        cwd,
        detached: true,
        stdio: ['ignore', fd ?? 'ignore', fd ?? 'ignore'],
      });
    } catch (error) {
      const message = startErrorMessage(argv[0]!, error);
      if (fd !== undefined) {
        writeSync(fd, `jobkit: ${message}\n`);
        closeSync(fd);
      }
      if (cgroup !== undefined) tryRmdir(cgroup);
      this.containerEnded(state, kind, i, { exitCode: 128, reason: 'StartError', message, startedAt, finishedAt: Date.now() }, keep, onExit);
      return;
    }
    const proc = this.track(state, child, id, cgroup);
    let ended = false;
    const end = (t: Terminated): void => {
      if (ended) return;
      ended = true;
      if (fd !== undefined) {
        if (t.reason === 'StartError') writeSync(fd, `jobkit: ${t.message}\n`);
        closeSync(fd);
      }
      this.untrack(proc);
      state.children.delete(`${kind}/${i}`);
      if (state.children.size === 0) state.killTimer?.();
      this.containerEnded(state, kind, i, t, keep, onExit);
      this.release(state);
    };
    child.on('error', (error) => end({ exitCode: 128, reason: 'StartError', message: startErrorMessage(argv[0]!, error), startedAt, finishedAt: Date.now() }));
    child.on('exit', (code, signal) => {
      const signum = signal ? osConstants.signals[signal] : undefined;
      const exitCode = code ?? 128 + (signum ?? 9);
      end({ exitCode, ...(signum !== undefined ? { signal: signum } : {}), reason: exitCode === 0 ? 'Completed' : 'Error', startedAt, finishedAt: Date.now() });
    });
    state.children.set(`${kind}/${i}`, proc);
    this.setContainer(state, kind, i, { state: 'running', startedAt, ready: kind === 'app', ...keep });
    if (kind === 'app' && state.run.phase === 'Pending') {
      state.run = { ...state.run, phase: 'Running', startTime: state.run.startTime ?? startedAt };
    } else if (state.run.startTime === undefined) {
      state.run = { ...state.run, startTime: startedAt };
    }
    this.report(
      state,
      `${kind === 'init' ? 'init ' : ''}container ${name} started${keep.restartCount > 0 ? ` (restart ${keep.restartCount})` : ''}: ${commandLine(argv)}`,
    );
  }

  private containerEnded(
    state: PodProcesses,
    kind: 'init' | 'app',
    i: number,
    t: Terminated,
    keep: { restartCount: number; last?: Terminated },
    onExit: (code: number) => void,
  ): void {
    this.setContainer(state, kind, i, { state: 'terminated', ...t, ...keep });
    if (t.reason === 'StartError') this.options.onWarning?.(`pod ${state.pod.metadata.name}: ${t.message}`);
    if (state.deleting && state.children.size === 0 && !isTerminalPhase(state.run.phase)) {
      this.setPhase(state, deletedPhase(state.run), `containers stopped after deletion (exit code ${t.exitCode})`);
      return;
    }
    if (!state.deleting) onExit(t.exitCode);
  }

  private finish(state: PodProcesses, exitCode: number, change: string): void {
    const now = Date.now();
    const end = (c: ContainerRun): ContainerRun =>
      c.state === 'terminated'
        ? c
        : {
            state: 'terminated',
            exitCode,
            reason: 'ContainerStatusUnknown',
            startedAt: now,
            finishedAt: now,
            restartCount: c.restartCount,
            ...(c.last ? { last: c.last } : {}),
          };
    state.run = { ...state.run, init: state.run.init.map(([n, c]) => [n, end(c)] as const), app: state.run.app.map(([n, c]) => [n, end(c)] as const) };
    this.setPhase(state, 'Failed', change);
  }

  private setContainer(state: PodProcesses, kind: 'init' | 'app', i: number, run: ContainerRun): void {
    state.run = produce(state.run, (r) => {
      const entry = (kind === 'init' ? r.init : r.app)[i];
      if (entry !== undefined) entry[1] = castDraft(run);
    });
  }

  private setPhase(state: PodProcesses, phase: PodRun['phase'], why: string): void {
    if (isTerminalPhase(phase)) state.deadlineTimer?.();
    if (state.failOnEnd && phase === 'Succeeded') phase = 'Failed';
    state.run = { ...state.run, phase };
    this.report(state, `${phase} (${why})`);
    this.release(state);
  }

  private report(state: PodProcesses, change: string): void {
    const now = Date.now();
    this.options.loop.updatePod(state.pod.metadata.uid ?? '', change, (pod) => withRunStatus(pod, state.run, now));
  }

  /** A new container process goes onto the watchdog's list. */
  private track(state: PodProcesses, child: ChildProcess, id: string, cgroup: string | undefined): Proc {
    if (child.pid !== undefined) this.options.watchdog?.watch(id, child.pid, (state.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000, cgroup);
    return { child, id, ...(cgroup !== undefined ? { cgroup } : {}) };
  }

  /** The main process exited: what it left in its group or cgroup dies with it, as in a container. */
  private untrack(proc: Proc): void {
    if (proc.child.pid !== undefined) {
      try {
        process.kill(-proc.child.pid, 'SIGKILL');
      } catch {
        // the group is empty
      }
    }
    if (proc.cgroup !== undefined) {
      killCgroup(proc.cgroup);
      removeWhenEmpty(proc.cgroup, 20);
    }
    this.options.watchdog?.forget(proc.id);
  }

  private later(state: PodProcesses, delayMs: number, task: () => void): void {
    const cancel = this.options.scheduler.at(this.options.scheduler.now() + delayMs, () => {
      state.timers = state.timers.filter((t) => t !== cancel);
      task();
    });
    state.timers.push(cancel);
  }
}

/** The pod as `kubectl get pod -o json` would show it: what `jobkit logs` reads (containers, phase, creation). */
function writePodRecord(dir: string, pod: Pod): void {
  writeFileSync(join(dir, PodRecordFile), `${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', ...pod }, null, 2)}\n`);
}

/** A deleted pod ends Failed unless every app container exited 0. */
function deletedPhase(run: PodRun): PodRun['phase'] {
  return run.app.length > 0 && run.app.every(([, c]) => c.state === 'terminated' && c.exitCode === 0) ? 'Succeeded' : 'Failed';
}

function asTerminated(c: ContainerRun & { state: 'terminated' }): Terminated {
  return {
    exitCode: c.exitCode,
    reason: c.reason,
    startedAt: c.startedAt,
    finishedAt: c.finishedAt,
    ...(c.signal !== undefined ? { signal: c.signal } : {}),
    ...(c.message !== undefined ? { message: c.message } : {}),
  };
}

function startErrorMessage(command: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `failed to start container: exec: "${command}": executable file not found in $PATH`;
  if (code === 'EACCES') return `failed to start container: exec: "${command}": permission denied`;
  return `failed to start container: ${(error as Error).message}`;
}

/** Signals a running container: its process group, and whatever left the group for a new session but stayed in its cgroup. */
function signalProc(proc: Proc, signal: NodeJS.Signals): void {
  const { child, cgroup } = proc;
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
  if (cgroup === undefined) return;
  if (signal === 'SIGKILL') killCgroup(cgroup);
  else {
    for (const pid of cgroupPids(cgroup)) {
      try {
        process.kill(pid, signal);
      } catch {
        // gone meanwhile
      }
    }
  }
}

/** rmdir as soon as the killed processes have left; the watchdog sweeps what remains at the end. */
function removeWhenEmpty(dir: string, tries: number): void {
  if (tryRmdir(dir) || tries <= 0) return;
  setTimeout(() => removeWhenEmpty(dir, tries - 1), 50).unref();
}

/** The command line for a progress message: one line, at most 100 characters. */
export function commandLine(argv: readonly string[]): string {
  const text = argv.map((a) => (/[\s'"]/.test(a) ? JSON.stringify(a) : a)).join(' ');
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
