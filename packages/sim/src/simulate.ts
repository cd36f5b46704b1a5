// `jobkit simulate`: one Job in virtual time with scripted pod outcomes; the controller is the
// real syncJob, driven by JobLoop. Deterministic: virtual clock, deterministic names.
import type { Job, Pod } from '@jobkit/api';
import {
  admitJob,
  defaultController,
  deterministicNames,
  JobLoop,
  VirtualScheduler,
  type Controller,
  type LoopOutcome,
  type RecordedEvent,
  type TimelineEntry,
} from '@jobkit/loop';
import { produce } from './internal/immer.js';
import { ScriptedKubelet } from './scriptedKubelet.js';
import type { Script } from './script.js';

export interface SimulateOptions {
  /** The pass and status check to run (default: the real ones); tests substitute a stand-in. */
  readonly controller?: Controller;
  /** Virtual creation time of the Job (default 2026-01-01T00:00:00Z). */
  readonly start?: Date;
  /** Delay of syncs triggered by pod and status changes (upstream's batch period, 1 s). */
  readonly batchPeriodMs?: number;
  readonly maxSyncs?: number;
}

export interface SimulationResult {
  readonly job: Job;
  /** Every pod created, in its last state. */
  readonly pods: readonly Pod[];
  readonly timeline: readonly TimelineEntry[];
  readonly events: readonly RecordedEvent[];
  readonly outcome: LoopOutcome;
  readonly elapsedMs: number;
  readonly syncs: number;
}

export const defaultSimulationStart = new Date('2026-01-01T00:00:00Z');

/**
 * Runs `input` (as written: API defaults and admission are applied here) in virtual time with
 * `script`'s pod outcomes until it finishes, stalls, or the script's `until` passes.
 * @example
 * const parsed = parseScript({ default: { exitCode: 1 } });
 * if (parsed.ok) simulate(job, parsed.script).outcome // { kind: 'Failed', reason: 'BackoffLimitExceeded', ... }
 */
export function simulate(input: Job, script: Script, options: SimulateOptions = {}): SimulationResult {
  const start = options.start ?? defaultSimulationStart;
  const scheduler = new VirtualScheduler(start.getTime());
  const names = deterministicNames();
  const job = admitJob(input, { uid: names.generateUid('job'), now: start, generateName: (p) => names.generateName(p) });
  const loop = new JobLoop(job, {
    controller: options.controller ?? defaultController,
    scheduler,
    names,
    batchPeriodMs: options.batchPeriodMs,
    maxSyncs: options.maxSyncs ?? 10_000,
  });
  const kubelet = new ScriptedKubelet(scheduler, script, loop);
  if (script.resumeAtMs !== undefined) {
    scheduler.at(start.getTime() + script.resumeAtMs, () =>
      loop.updateSpec('suspend set to false (resumeAt)', (j) => produce(j, (d) => void (d.spec.suspend = false))),
    );
  }
  loop.start(kubelet);
  for (;;) {
    const kind = loop.outcome.kind;
    if (kind !== 'Running' && kind !== 'Suspended') break;
    const next = scheduler.peek();
    if (next === undefined) {
      loop.settle();
      break;
    }
    if (next - start.getTime() > script.untilMs) {
      loop.end({ kind: 'Limit', message: `virtual time limit reached (${script.untilMs / 1000}s)` });
      break;
    }
    scheduler.step();
  }
  return {
    job: loop.job,
    pods: loop.allPods,
    timeline: loop.timeline,
    events: loop.recordedEvents,
    outcome: loop.outcome,
    elapsedMs: loop.elapsedMs,
    syncs: loop.syncCount,
  };
}
