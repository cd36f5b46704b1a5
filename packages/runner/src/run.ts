// `jobkit run`: the Job on this machine. The controller is the real syncJob, driven by JobLoop
// with the wall clock; pods are local processes (ProcessKubelet), at most maxProcesses pods at a
// time, watched by a watchdog process that stops them if the runner dies.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Job, Pod } from '@jobkit/api';
import { generatedNameBase } from '@jobkit/core';
import {
  admitJob,
  defaultController,
  JobLoop,
  type Controller,
  type LoopOutcome,
  type NameGenerator,
  type RecordedEvent,
  type TimelineEntry,
} from '@jobkit/loop';
import { join } from 'node:path';
import { createRunCgroup } from './cgroup.js';
import { createRunDir, runIdFor } from './logLayout.js';
import { ProcessKubelet, type SlotUsage } from './processKubelet.js';
import { RealScheduler } from './realScheduler.js';
import { Watchdog } from './watchdog.js';

/** The default cap on pods running at once: 4 per CPU, at least 4, at most 32. */
export function defaultMaxProcesses(cpus: number = availableParallelism()): number {
  return Math.min(32, Math.max(4, 4 * cpus));
}

export interface RunOptions {
  /** Root of the log folders: this run's go to <logsDir>/<job>/<run-id>/ (see logLayout.ts). */
  readonly logsDir: string;
  /** The pass and status check to run (default: the real ones); tests substitute a stand-in. */
  readonly controller?: Controller;
  /** Delay of syncs triggered by pod and status changes; upstream batches for 1 s, the local
   *  runner reacts faster by default (100 ms) so short jobs finish promptly. */
  readonly batchPeriodMs?: number;
  readonly restartDelayMs?: (restartCount: number) => number;
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  /** At most this many pods run at once (default: defaultMaxProcesses()); the rest stay Pending. */
  readonly maxProcesses?: number;
  readonly onEntry?: (entry: TimelineEntry, loop: JobLoop, slots: SlotUsage) => void;
  readonly onChange?: (loop: JobLoop, slots: SlotUsage) => void;
  readonly onWarning?: (message: string) => void;
  /** Resolves when the run should stop early (e.g. SIGINT). */
  readonly interrupt?: Promise<string>;
}

export interface RunResult {
  readonly job: Job;
  readonly pods: readonly Pod[];
  readonly events: readonly RecordedEvent[];
  readonly timeline: readonly TimelineEntry[];
  readonly outcome: LoopOutcome;
  readonly elapsedMs: number;
  readonly startMs: number;
  /** Log files per pod name. */
  readonly logFiles: ReadonlyMap<string, readonly string[]>;
  /** This run's log folder, <logsDir>/<job>/<run-id>. */
  readonly runDir: string;
  readonly runId: string;
}

/** Random names like the API server's (a 5-character suffix) and random UIDs. */
export function randomNames(): NameGenerator {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return {
    generateName(prefix: string): string {
      let suffix = '';
      const bytes = randomUUID().replace(/-/g, '');
      for (let i = 0; i < 5; i++) suffix += alphabet[parseInt(bytes.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
      return generatedNameBase(prefix) + suffix;
    },
    generateUid: () => randomUUID(),
  };
}

export function runJob(input: Job, options: RunOptions): Promise<RunResult> {
  const scheduler = new RealScheduler();
  const names = randomNames();
  const startMs = scheduler.now();
  const maxProcesses = options.maxProcesses ?? defaultMaxProcesses();
  if (!Number.isSafeInteger(maxProcesses) || maxProcesses < 1) throw new RangeError(`maxProcesses: must be a positive integer, got ${maxProcesses}`);
  const job = admitJob(input, { uid: names.generateUid('job'), now: new Date(startMs), generateName: (p) => names.generateName(p) });
  const jobName = job.metadata.name ?? 'job';
  let run: { readonly dir: string; readonly id: string };
  try {
    run = createRunDir(options.logsDir, jobName, startMs);
  } catch (error) {
    // The pods still run; each says it cannot write its logs.
    run = { dir: join(options.logsDir, jobName, runIdFor(startMs)), id: runIdFor(startMs) };
    options.onWarning?.(`cannot create log folder ${run.dir}: ${(error as Error).message}`);
  }
  return new Promise((resolve) => {
    // Assigned once below, after the loop it needs; the loop's callbacks read it before then.
    // eslint-disable-next-line prefer-const
    let kubelet: ProcessKubelet | undefined;
    let settleQueued = false;
    let done = false;
    // Containers run in their own process groups: never leave them behind if node exits; if node
    // dies without running exit handlers (SIGKILL, a crash), the watchdog stops them.
    const cgroup = createRunCgroup();
    const watchdog = Watchdog.start(cgroup);
    const killAll = (): void => kubelet?.stop();
    process.once('exit', killAll);
    const slots = (): SlotUsage => kubelet?.slots ?? { running: 0, waiting: 0, max: maxProcesses };
    const finish = (outcome: LoopOutcome): void => {
      if (done) return;
      done = true;
      process.removeListener('exit', killAll);
      kubelet?.stop();
      // Let the exit events of killed processes drain before reporting.
      setTimeout(() => {
        watchdog?.close();
        kubelet?.recordPods(loop.allPods);
        resolve({
          job: loop.job,
          pods: loop.allPods,
          events: loop.recordedEvents,
          timeline: loop.timeline,
          outcome,
          elapsedMs: loop.elapsedMs,
          startMs,
          logFiles: kubelet?.logFiles ?? new Map(),
          runDir: run.dir,
          runId: run.id,
        });
      }, 20);
    };
    const checkIdle = (): void => {
      if (settleQueued) return;
      settleQueued = true;
      setImmediate(() => {
        settleQueued = false;
        if (!loop.syncPending && kubelet?.idle()) loop.settle();
      });
    };
    const loop: JobLoop = new JobLoop(job, {
      controller: options.controller ?? defaultController,
      scheduler,
      names,
      batchPeriodMs: options.batchPeriodMs ?? 100,
      // For the progress line while the pass waits out the pod-recreation backoff.
      explain: true,
      onEntry: (entry) => {
        options.onEntry?.(entry, loop, slots());
        checkIdle();
      },
      onChange: () => options.onChange?.(loop, slots()),
      onEnd: (outcome) => finish(outcome),
    });
    kubelet = new ProcessKubelet({
      scheduler,
      loop,
      logsDir: run.dir,
      hostEnv: options.hostEnv,
      restartDelayMs: options.restartDelayMs,
      onWarning: options.onWarning,
      maxPods: maxProcesses,
      ...(cgroup !== undefined ? { cgroup } : {}),
      ...(watchdog !== undefined ? { watchdog } : {}),
    });
    void options.interrupt?.then((why) => loop.end({ kind: 'Error', message: `interrupted (${why})` }));
    loop.start(kubelet);
  });
}
