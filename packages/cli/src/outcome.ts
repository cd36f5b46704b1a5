// How a run or simulation ended, as a message and an exit status.
import type { LoopOutcome } from '@jobkit/loop';
import { formatFieldError } from './fieldErrors.js';
import { ExitCode } from './io.js';

export function outcomeReport(jobName: string, outcome: LoopOutcome): { readonly code: number; readonly lines: readonly string[] } {
  switch (outcome.kind) {
    case 'Complete':
      return {
        code: ExitCode.Ok,
        lines: [`Job ${jobName} completed${outcome.reason ? ` (${outcome.reason}${outcome.message ? `: ${outcome.message}` : ''})` : ''}`],
      };
    case 'Failed':
      return { code: ExitCode.JobFailed, lines: [`Job ${jobName} failed: ${outcome.reason ?? 'Failed'}${outcome.message ? `: ${outcome.message}` : ''}`] };
    case 'Suspended':
      return { code: ExitCode.Ok, lines: [`Job ${jobName} is suspended (spec.suspend: true): the controller creates no pods. Set suspend: false to run it.`] };
    case 'Idle':
      return { code: ExitCode.JobFailed, lines: [`Job ${jobName} did not finish: ${outcome.message}`] };
    case 'Limit':
      return { code: ExitCode.JobFailed, lines: [`Job ${jobName} did not finish: ${outcome.message}`] };
    case 'Violation':
      return {
        code: ExitCode.Bug,
        lines: [
          `warning: jobkit bug: the API server would reject the status written in sync #${outcome.pass}:`,
          ...outcome.errors.map((e) => `  ${formatFieldError(e)}`),
        ],
      };
    case 'Error':
      return outcome.message.startsWith('interrupted')
        ? { code: ExitCode.Interrupted, lines: [`Job ${jobName}: ${outcome.message}`] }
        : { code: ExitCode.Bug, lines: [`jobkit error: ${outcome.message}`] };
    case 'Running':
      return { code: ExitCode.Bug, lines: [`Job ${jobName}: still running`] };
  }
}
