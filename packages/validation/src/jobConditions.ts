// Condition predicates of pkg/apis/batch/validation/validation.go (IsJobFinished, IsJobComplete,
// IsConditionTrue, IsConditionFalse), computed in one pass so that 10^6 conditions stay linear.

import { JobFinishedConditionTypes } from '@jobkit/api';
import { type FieldError, index, invalid } from './fieldError.js';
import { list } from './internal/untrusted.js';

/** Which condition types appear with status True and with status False. */
export interface ConditionSummary {
  readonly trueTypes: ReadonlySet<string>;
  readonly falseTypes: ReadonlySet<string>;
}

/**
 * Summarises `status.conditions`. Elements of the wrong shape are reported once (the first one)
 * under `status.conditions[i]` and otherwise ignored, as they could not have been decoded.
 */
export function summarizeConditions(status: unknown, errs: FieldError[], path = 'status.conditions'): ConditionSummary {
  const trueTypes = new Set<string>();
  const falseTypes = new Set<string>();
  const conds = list(status, 'conditions', path, errs);
  let reported = false;
  for (let i = 0; i < conds.length; i++) {
    const c = conds[i] as { readonly type?: unknown; readonly status?: unknown } | null;
    // Direct reads: decoded JSON has no inherited `type`/`status`, and this loop may see 10^6 items.
    const ok = typeof c === 'object' && c !== null;
    const type = ok ? c.type : undefined;
    const st = ok ? c.status : undefined;
    if (!ok || !(type === undefined || type === null || typeof type === 'string') || !(st === undefined || st === null || typeof st === 'string')) {
      if (!reported) errs.push(invalid(index(path, i), c, 'must be a condition object with string type and status'));
      reported = true;
      continue;
    }
    if (typeof type !== 'string') continue;
    if (st === 'True') trueTypes.add(type);
    else if (st === 'False') falseTypes.add(type);
  }
  return { trueTypes, falseTypes };
}

export const isTrue = (s: ConditionSummary, type: string): boolean => s.trueTypes.has(type);
export const isFalse = (s: ConditionSummary, type: string): boolean => s.falseTypes.has(type);
export const isComplete = (s: ConditionSummary): boolean => isTrue(s, 'Complete');
export const isFailed = (s: ConditionSummary): boolean => isTrue(s, 'Failed');
export const isFailureTarget = (s: ConditionSummary): boolean => isTrue(s, 'FailureTarget');
export const isSuccessCriteriaMet = (s: ConditionSummary): boolean => isTrue(s, 'SuccessCriteriaMet');
/** IsJobFinished: a condition of a finishing type (@jobkit/api JobFinishedConditionTypes) with status True. */
export const isFinished = (s: ConditionSummary): boolean => JobFinishedConditionTypes.some((t) => isTrue(s, t));
