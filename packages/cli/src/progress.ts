// Live progress of `jobkit run`: one redrawn line on a terminal (completions bar and counters),
// plain lines otherwise; events and pod changes are printed above it.
import type { Job } from '@jobkit/api';
import type { BackoffWait, TimelineEntry } from '@jobkit/loop';
import { formatDuration } from './present/duration.js';
import { entryText } from './present/timeline.js';

/** What the progress line reads: JobLoop, or a finished run's result. */
export interface ProgressSource {
  readonly job: Job;
  readonly elapsedMs: number;
  /** Pods created but not started: every process slot (--max-processes) is taken. */
  readonly waitingForSlot?: number;
  readonly maxProcesses?: number;
}
import type { Output } from './io.js';

export class Progress {
  private lastLine = '';
  private drawn = false;
  private lastDraw = 0;
  private slotsNoted = false;
  /** The backoff wait last announced (cause and failure count). */
  private backoffShown: string | undefined;

  constructor(
    private readonly out: Output,
    private readonly verbose: boolean,
  ) {}

  /** A timeline entry worth a line: events and pod changes (all entries when verbose). */
  entry(entry: TimelineEntry, loop: ProgressSource): void {
    // A wait for the pod-recreation backoff gets one line when it starts, not one per pass
    // during it; only a further failure starts another (longer) wait.
    const wait = entry.kind === 'requeue' ? entry.backoff : undefined;
    const waitKey = wait !== undefined ? `${wait.cause}/${wait.failedPods}` : undefined;
    const showWait = waitKey !== undefined && waitKey !== this.backoffShown;
    if (showWait) this.backoffShown = waitKey;
    const show = showWait || this.verbose || entry.kind === 'event' || entry.kind === 'pod' || entry.kind === 'note';
    if (!show) return;
    this.clear();
    if (this.verbose || !showWait) this.out.write(`[${formatDuration(entry.at).padStart(6)}] ${entryText(entry).trim()}\n`);
    if (showWait) this.out.write(`[${formatDuration(entry.at).padStart(6)}] ${backoffText(wait!)}\n`);
    // On a terminal the live line comes back below at once. Plain output prints the counters
    // when the loop reports a change (update), after the last entry of a pass: printed here, a
    // line stamped now would come before the pass's later entries, which carry its start time.
    if (this.out.isTTY) this.redraw(loop, true);
  }

  /** A line on another stream (warnings on stderr) without tearing the progress line. */
  message(out: Output, text: string, loop?: ProgressSource): void {
    this.clear();
    out.write(text);
    if (loop !== undefined) this.redraw(loop, true);
  }

  update(loop: ProgressSource): void {
    this.redraw(loop, false);
  }

  finish(loop: ProgressSource): void {
    this.redraw(loop, true);
    if (this.out.isTTY && this.drawn) this.out.write('\n');
    this.drawn = false;
  }

  private clear(): void {
    if (this.out.isTTY && this.drawn) this.out.write('\r\x1b[2K');
    this.drawn = false;
  }

  private redraw(loop: ProgressSource, force: boolean): void {
    const line = progressLine(loop, this.out.isTTY === true, this.out.columns ?? 80);
    if (this.out.isTTY) {
      if (!this.slotsNoted && (loop.waitingForSlot ?? 0) > 0) {
        this.slotsNoted = true;
        this.clear();
        this.out.write(`[${formatDuration(loop.elapsedMs).padStart(6)}] ${slotsText(loop.waitingForSlot!, loop.maxProcesses)}\n`);
      }
      const now = Date.now();
      if (!force && now - this.lastDraw < 100 && this.drawn) return;
      this.lastDraw = now;
      this.out.write(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else {
      if (line !== this.lastLine) {
        this.out.write(`[${formatDuration(loop.elapsedMs).padStart(6)}] ${line}\n`);
        this.lastLine = line;
      }
    }
  }
}

/** "next pod in 40s (backoff after 2 failures)". */
export function backoffText(wait: BackoffWait): string {
  const seconds = Math.max(1, Math.round(wait.afterMs / 1000));
  const after = formatDuration(seconds * 1000);
  if (wait.cause === 'indexBackoff') return `next pod for a failed index in ${after} (backoffLimitPerIndex)`;
  return `next pod in ${after} (backoff after ${wait.failures ?? '?'} failure${wait.failures === 1 ? '' : 's'})`;
}

/** "12 pods pending: waiting for a process slot (--max-processes 8)". */
export function slotsText(waiting: number, maxProcesses: number | undefined): string {
  return `${waiting} pod${waiting === 1 ? '' : 's'} pending: waiting for a process slot${maxProcesses !== undefined ? ` (--max-processes ${maxProcesses})` : ''}`;
}

export function progressLine(loop: ProgressSource, tty: boolean, columns: number): string {
  const status = loop.job.status ?? {};
  const completions = loop.job.spec.completions;
  const succeeded = status.succeeded ?? 0;
  const waiting = loop.waitingForSlot ?? 0;
  // A terminal line must fit on one row to be redrawn: there the sentence is printed once above
  // it and the line keeps a short count.
  const slots = waiting === 0 ? '' : tty ? `  ${waiting} waiting for a slot` : `  ${slotsText(waiting, loop.maxProcesses)}`;
  const counters = `active ${status.active ?? 0} (ready ${status.ready ?? 0})  succeeded ${succeeded}  failed ${status.failed ?? 0}${status.terminating ? `  terminating ${status.terminating}` : ''}${slots}`;
  if (!tty) return `${completions !== undefined ? `${succeeded}/${completions} completions` : `${succeeded} succeeded (work queue)`}  ${counters}`;
  const width = Math.max(10, Math.min(30, columns - counters.length - 30));
  const fraction = completions !== undefined && completions > 0 ? Math.min(1, succeeded / completions) : 0;
  const filled = Math.round(fraction * width);
  const bar = completions !== undefined ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${succeeded}/${completions}` : `${succeeded} succeeded`;
  return `${loop.job.metadata.name} ${bar}  ${counters}  ${formatDuration(loop.elapsedMs)}`;
}
